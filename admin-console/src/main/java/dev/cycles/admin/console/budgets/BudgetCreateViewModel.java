package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Create-budget form with a scope builder: one optional id per canonical kind under the tenant, so
 * the result is always in canonical order; the preview shows the exact scope that will be created.
 */
public final class BudgetCreateViewModel {
    /** The kinds below tenant, in the only order the grammar allows. */
    public static final List<String> LEVELS = Scope.KINDS.subList(1, Scope.KINDS.size());

    private final Ctx ctx;
    private final StringProperty tenantId = new SimpleStringProperty("");
    private final Map<String, StringProperty> levelIds = new LinkedHashMap<>();
    private final ObjectProperty<UnitEnum> unit = new SimpleObjectProperty<>(UnitEnum.USD_MICROCENTS);
    private final StringProperty allocated = new SimpleStringProperty("");
    private final StringProperty overdraft = new SimpleStringProperty("");
    private final ObjectProperty<CommitOveragePolicy> policy = new SimpleObjectProperty<>();
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringBinding scopePreview;
    private final StringBinding validation;
    private final BooleanBinding valid;

    public BudgetCreateViewModel(Ctx ctx, String presetTenant) {
        this.ctx = ctx;
        tenantId.set(presetTenant == null ? "" : presetTenant);
        for (String kind : LEVELS) {
            levelIds.put(kind, new SimpleStringProperty(""));
        }
        List<Observable> deps = new ArrayList<>(List.of(tenantId, unit, allocated, overdraft));
        deps.addAll(levelIds.values());
        Observable[] all = deps.toArray(new Observable[0]);
        scopePreview = Bindings.createStringBinding(this::scope, all);
        validation = Bindings.createStringBinding(this::validate, all);
        valid = Bindings.createBooleanBinding(() -> validate().isEmpty(), all);
    }

    /** The scope the form will send: tenant first, then each filled level in canonical order. */
    String scope() {
        StringBuilder sb = new StringBuilder("tenant:").append(tenantId.get().trim());
        levelIds.forEach((kind, id) -> {
            String v = id.get() == null ? "" : id.get().trim();
            if (!v.isEmpty()) {
                sb.append('/').append(kind).append(':').append(v);
            }
        });
        return sb.toString();
    }

    String validate() {
        String t = tenantId.get().trim();
        if (t.isEmpty()) {
            return "Tenant is required";
        }
        if (!Scope.isValidId(t)) {
            return "Tenant ID '" + t + "' cannot stand in a scope";
        }
        for (var e : levelIds.entrySet()) {
            String v = e.getValue().get() == null ? "" : e.getValue().get().trim();
            if (!v.isEmpty() && (v.contains("*") || !Scope.isValidId(v))) {
                return e.getKey() + " id '" + v + "': letters, digits, '.', '_' and '-' only, starting and ending with a letter or digit, at most 128";
            }
        }
        try {
            Scope.parse(scope());
        } catch (Scope.InvalidScopeException ex) {
            return ex.getMessage();
        }
        try {
            if (Amounts.parse(unit.get(), allocated.get()) <= 0) {
                return "Initial allocation must be greater than zero";
            }
        } catch (IllegalArgumentException ex) {
            return "Initial allocation: " + ex.getMessage();
        }
        if (overdraft.get() != null && !overdraft.get().isBlank()) {
            return overdraftProblem(unit.get(), overdraft.get());
        }
        return "";
    }

    /** What is wrong with a typed overdraft limit ("" when it is a valid amount of at least zero); the edit form shares it. */
    static String overdraftProblem(UnitEnum unit, String text) {
        try {
            return Amounts.parse(unit, text) < 0 ? "Overdraft limit cannot be negative" : "";
        } catch (IllegalArgumentException ex) {
            return "Overdraft limit: " + ex.getMessage();
        }
    }

    BudgetCreateRequest request() {
        UnitEnum u = unit.get();
        long alloc = Amounts.parse(u, allocated.get());
        Amount od = null;
        if (overdraft.get() != null && !overdraft.get().isBlank()) {
            long v = Amounts.parse(u, overdraft.get());
            od = v > 0 ? Amount.of(u, v) : null;
        }
        return new BudgetCreateRequest(tenantId.get().trim(), Scope.parse(scope()).canonical(), u, Amount.of(u, alloc), od,
                policy.get(), null, null, null, null);
    }

    public void submit(Consumer<BudgetLedger> onCreated) {
        if (!valid.get() || submitting.get()) {
            return;
        }
        submitting.set(true);
        serverError.set("");
        BudgetCreateRequest body = request();
        String what = "Create budget " + body.scope() + " (" + body.unit() + ")";
        ctx.async().run(what, () -> ctx.session().client().createBudget(body), l -> {
            submitting.set(false);
            ctx.status().info(what + ": created");
            onCreated.accept(l);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    public StringProperty tenantIdProperty() {
        return tenantId;
    }

    public StringProperty levelIdProperty(String kind) {
        return levelIds.get(kind);
    }

    public ObjectProperty<UnitEnum> unitProperty() {
        return unit;
    }

    public StringProperty allocatedProperty() {
        return allocated;
    }

    public StringProperty overdraftProperty() {
        return overdraft;
    }

    public ObjectProperty<CommitOveragePolicy> policyProperty() {
        return policy;
    }

    public StringProperty serverErrorProperty() {
        return serverError;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public StringBinding scopePreviewProperty() {
        return scopePreview;
    }

    public StringBinding validationProperty() {
        return validation;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
