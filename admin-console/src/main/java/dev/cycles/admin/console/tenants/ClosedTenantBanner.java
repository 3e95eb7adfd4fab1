package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.WebhookStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The banner of a CLOSED tenant in the detail pane: a tombstone (closing is final, there is no
 * re-open) and, when the close cascade did not finish (budgets not CLOSED, keys still ACTIVE,
 * webhooks not DISABLED), what is left and "Re-run cascade": PATCH status CLOSED again, which the
 * server answers by finishing every child transition still missing.
 */
public final class ClosedTenantBanner {
    /** What is still open below a closed tenant. */
    public record Pending(long budgets, long keys, long webhooks) {
        public long total() {
            return budgets + keys + webhooks;
        }
    }

    private final Ctx ctx;
    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final BooleanProperty incomplete = new SimpleBooleanProperty(false);
    private final StringProperty text = new SimpleStringProperty("");
    private Tenant tenant;
    private Pending pending = new Pending(0, 0, 0);

    public ClosedTenantBanner(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Shows the banner for a CLOSED tenant (and counts what is still open), hides it otherwise. */
    public void load(Tenant t) {
        tenant = t;
        incomplete.set(false);
        if (t == null || t.status() != TenantStatus.CLOSED) {
            shown.set(false);
            text.set("");
            return;
        }
        shown.set(true);
        text.set(text(t, null));
        String id = t.tenantId();
        ctx.async().run("Check the close cascade of " + id, () -> pending(ctx.session().client(), id), p -> {
            if (tenant != null && tenant.tenantId().equals(id)) {
                pending = p;
                incomplete.set(p.total() > 0);
                text.set(text(tenant, p));
            }
        }, e -> text.set(text(t, null) + " (could not check its budgets, keys and webhooks: " + e.code() + ")"));
    }

    /** Counts the children the cascade should have made terminal and did not (first 100 of each kind). */
    static Pending pending(AdminApi api, String tenantId) {
        Map<String, String> q = Map.of("tenant_id", tenantId, "limit", "100");
        long budgets = api.listBudgets(q).ledgers().stream().filter(b -> b.status() != BudgetStatus.CLOSED).count();
        long keys = api.listApiKeys(q).keys().stream().filter(k -> k.status() == ApiKeyStatus.ACTIVE).count();
        var hooks = api.listWebhooks(q).subscriptions();
        long webhooks = hooks == null ? 0 : hooks.stream().filter(w -> w.status() != WebhookStatus.DISABLED).count();
        return new Pending(budgets, keys, webhooks);
    }

    /** The banner's words; {@code p} null while the children are being counted. */
    static String text(Tenant t, Pending p) {
        String closed = "Tenant " + t.tenantId() + " is CLOSED" + (t.closedAt() == null ? "" : " since "
                + dev.cycles.admin.console.common.Fx.dateTime(t.closedAt()))
                + ". Closing is final: there is no re-open, every change to it is refused (TENANT_CLOSED); its records stay readable.";
        if (p == null || p.total() == 0) {
            return closed;
        }
        return "Close cascade incomplete: " + parts(p) + " still open. Re-run cascade closes them (the tenant is closed again). " + closed;
    }

    static String parts(Pending p) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (p.budgets() > 0) {
            out.add(p.budgets() + (p.budgets() == 1 ? " budget" : " budgets") + " not CLOSED");
        }
        if (p.keys() > 0) {
            out.add(p.keys() + (p.keys() == 1 ? " API key" : " API keys") + " still ACTIVE");
        }
        if (p.webhooks() > 0) {
            out.add(p.webhooks() + (p.webhooks() == 1 ? " webhook" : " webhooks") + " not DISABLED");
        }
        return String.join(", ", out);
    }

    /** For the confirmation: exactly what the re-run will finish. */
    public String rerunText() {
        return "Close " + tenant.tenantId() + " again so the server finishes its cascade: " + parts(pending)
                + ". Nothing else changes; the tenant stays CLOSED.";
    }

    /** PATCH status CLOSED again, then counts again and says whether the cascade is now complete. */
    public void rerun(Runnable done, Consumer<AdminApiException> failed) {
        String id = tenant.tenantId();
        String what = "Re-run close cascade of " + id;
        ctx.async().run(what, () -> {
            AdminApi api = ctx.session().client();
            Tenant t = api.updateTenant(id, new TenantUpdateRequest(null, TenantStatus.CLOSED, null, null, null, null, null));
            return Map.entry(t, pending(api, id));
        }, r -> {
            tenant = r.getKey();
            pending = r.getValue();
            incomplete.set(pending.total() > 0);
            text.set(text(tenant, pending));
            ctx.status().info(pending.total() == 0 ? what + ": cascade complete"
                    : what + ": " + pending.total() + " still not terminal; retry may be needed");
            done.run();
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public BooleanProperty incompleteProperty() {
        return incomplete;
    }

    public StringProperty textProperty() {
        return text;
    }
}
