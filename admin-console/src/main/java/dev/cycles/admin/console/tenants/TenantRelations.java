package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.Tenant;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The selected tenant's neighbourhood for the detail: exact row counts for its tabs (every page
 * counted, so a tenant with 250 budgets says 250, not the first page's 100) and its parent and
 * children, which open that tenant through {@link dev.cycles.admin.console.common.Nav}.
 */
public final class TenantRelations {
    /** How many children are shown as links; the rest is "+N more". */
    public static final int MAX_CHILD_LINKS = 12;

    /** Counts of one tenant, -1 where the server refused the list. */
    public record Counts(int budgets, int keys, int policies, List<String> children) {
    }

    private final Ctx ctx;
    private final IntegerProperty budgets = new SimpleIntegerProperty(-1);
    private final IntegerProperty keys = new SimpleIntegerProperty(-1);
    private final IntegerProperty policies = new SimpleIntegerProperty(-1);
    private final StringProperty parent = new SimpleStringProperty();
    private final ObservableList<String> children = FXCollections.observableArrayList();
    private String current;

    public TenantRelations(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Re-reads the counts and children of {@code t} (null clears). */
    public void load(Tenant t) {
        budgets.set(-1);
        keys.set(-1);
        policies.set(-1);
        children.clear();
        parent.set(t == null ? null : t.parentTenantId());
        current = t == null ? null : t.tenantId();
        if (t == null) {
            return;
        }
        String id = t.tenantId();
        ctx.async().run("Count rows of " + id, () -> counts(ctx.session().client(), id), c -> {
            if (id.equals(current)) {
                budgets.set(c.budgets());
                keys.set(c.keys());
                policies.set(c.policies());
                children.setAll(c.children());
            }
        }, e -> ctx.status().error("Count rows of " + id, e));
    }

    /** Blocking: every page of each list of the tenant. */
    static Counts counts(AdminApi api, String id) {
        int b = count(q -> {
            var r = api.listBudgets(with(q, "tenant_id", id));
            return new Page(r.ledgers().size(), r.hasMore() ? r.nextCursor() : null, List.of());
        });
        int k = count(q -> {
            var r = api.listApiKeys(with(q, "tenant_id", id));
            return new Page(r.keys().size(), r.hasMore() ? r.nextCursor() : null, List.of());
        });
        int p = dev.cycles.admin.console.common.domain.PolicyQueries.policiesOf(api, id).size();
        List<String> kids = new ArrayList<>();
        count(q -> {
            var r = api.listTenants(with(with(q, "parent_tenant_id", id), "sort_by", "tenant_id"));
            List<String> ids = r.tenants().stream().map(Tenant::tenantId).toList();
            kids.addAll(ids);
            return new Page(ids.size(), r.hasMore() ? r.nextCursor() : null, ids);
        });
        return new Counts(b, k, p, List.copyOf(kids));
    }

    private record Page(int size, String next, List<String> ids) {
    }

    private static Map<String, String> with(Map<String, String> q, String k, String v) {
        Map<String, String> m = new LinkedHashMap<>(q);
        m.put(k, v);
        return m;
    }

    private static int count(Function<Map<String, String>, Page> page) {
        int n = 0;
        String cursor = null;
        do {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("limit", "100");
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            Page p = page.apply(q);
            n += p.size();
            cursor = p.next();
        } while (cursor != null);
        return n;
    }

    /** "Budgets (3)", or the bare name while the count is unknown. */
    public static String tabText(String name, int count) {
        return count < 0 ? name : name + " (" + count + ")";
    }

    /** Opens another tenant (parent or child) through the cross-screen links. */
    public void open(String tenantId) {
        if (tenantId != null && !tenantId.isBlank()) {
            ctx.nav().tenant(tenantId);
        }
    }

    public IntegerProperty budgetsProperty() {
        return budgets;
    }

    public IntegerProperty keysProperty() {
        return keys;
    }

    public IntegerProperty policiesProperty() {
        return policies;
    }

    public StringProperty parentProperty() {
        return parent;
    }

    public ObservableList<String> children() {
        return children;
    }
}
