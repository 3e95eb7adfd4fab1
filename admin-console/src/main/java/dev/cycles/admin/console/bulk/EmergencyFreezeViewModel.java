package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Emergency freeze of a tenant: every ACTIVE budget of it frozen in one go, with one reason. The
 * API has no bulk freeze (budgets/bulk-action takes funding operations only), so the console lists
 * the tenant's ACTIVE ledgers and calls POST /v1/admin/budgets/freeze on each; one refused ledger
 * does not stop the others, and the result lists every ledger's outcome.
 */
public final class EmergencyFreezeViewModel {
    private final Ctx ctx;
    private final String tenantId;
    private final StringProperty typedTenant = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ObservableList<BudgetLedger> active = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringProperty loadError = new SimpleStringProperty("");
    private final StringProperty serverError = new SimpleStringProperty("");
    private final StringBinding problem;
    private final BooleanBinding valid;

    public EmergencyFreezeViewModel(Ctx ctx, String tenantId) {
        this.ctx = ctx;
        this.tenantId = tenantId;
        problem = Bindings.createStringBinding(this::check, typedTenant, reason, loading, loadError, active);
        valid = Bindings.createBooleanBinding(() -> check().isEmpty() && !submitting.get(), problem, submitting);
    }

    public String tenantId() {
        return tenantId;
    }

    /** Every ACTIVE ledger of the tenant, all pages. Blocking. */
    static List<BudgetLedger> activeBudgets(AdminApi api, String tenantId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("tenant_id", tenantId);
        q.put("status", BudgetStatus.ACTIVE.name());
        q.put("limit", "100");
        q.put("sort_by", "scope");
        q.put("sort_dir", "asc");
        return BulkTarget.pages(cursor -> {
            Map<String, String> page = new LinkedHashMap<>(q);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            BudgetListResponse r = api.listBudgets(page);
            return new Export.Page<>(r.ledgers(), r.nextCursor(), r.hasMore());
        });
    }

    public void load() {
        loading.set(true);
        loadError.set("");
        ctx.async().run("Active budgets of " + tenantId, () -> activeBudgets(ctx.session().client(), tenantId), l -> {
            active.setAll(l);
            loading.set(false);
        }, e -> {
            loading.set(false);
            loadError.set("Could not list the budgets: " + e.code() + ": " + e.getMessage());
        });
    }

    String check() {
        if (loading.get()) {
            return "Reading the tenant's active budgets…";
        }
        if (!loadError.get().isEmpty()) {
            return loadError.get();
        }
        if (active.isEmpty()) {
            return "Tenant " + tenantId + " has no ACTIVE budgets; there is nothing to freeze.";
        }
        if (reason.get() == null || reason.get().isBlank()) {
            return "Give a reason (kept in the audit log of every budget)";
        }
        if (reason.get().length() > 512) {
            return "Reason is at most 512 characters";
        }
        if (!tenantId.equals(typedTenant.get() == null ? "" : typedTenant.get().trim())) {
            return "Type " + tenantId + " to confirm";
        }
        return "";
    }

    /** Freezes each listed ledger; every outcome goes into the result, a refusal fails its row only. */
    public void submit(Consumer<BulkResult> onDone) {
        if (submitting.get() || !check().isEmpty()) {
            return;
        }
        List<BulkRow> rows = active.stream().map(b -> new BulkRow(b.ledgerId(), b.scope(), null, b.unit(), b)).toList();
        String r = reason.get().trim();
        String what = "Emergency freeze of tenant " + tenantId;
        submitting.set(true);
        serverError.set("");
        ctx.async().run(what, () -> BulkTarget.rowByRow("FREEZE every active budget of " + tenantId, rows, row -> {
            BudgetLedger b = (BudgetLedger) row.item();
            ctx.session().client().freezeBudget(b.scope(), b.unit(), r);
            return null;
        }), res -> {
            submitting.set(false);
            ctx.status().info(what + ": " + res.summary());
            onDone.accept(res);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    public StringProperty typedTenantProperty() {
        return typedTenant;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ObservableList<BudgetLedger> active() {
        return active;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public StringProperty serverErrorProperty() {
        return serverError;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
