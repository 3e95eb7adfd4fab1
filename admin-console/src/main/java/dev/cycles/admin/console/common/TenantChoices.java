package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.TenantStatus;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tenant picker offers: every tenant id the server knows, closed tenants last. One per
 * screen (keys, policies, reservations), filled the same way; {@link TenantPicker} shows it.
 * {@code typed} is the screen's tenant field, kept when the list changes (a ComboBox resets its
 * value when its items are replaced).
 */
public final class TenantChoices {
    private final ObservableList<String> ids = FXCollections.observableArrayList();
    private final StringProperty typed;

    public TenantChoices(StringProperty typed) {
        this.typed = typed;
    }

    /** Loads the list in the background; a failure goes to the status line. */
    public void load(Ctx ctx) {
        ctx.async().run("Load tenant list", () -> allTenants(ctx.session().client()), this::set,
                e -> ctx.status().error("Load tenant list", e));
    }

    /** Replaces the entries (when they changed), keeping what was typed or picked. */
    public void set(List<String> next) {
        if (!next.equals(ids)) {
            String keep = typed.get();
            ids.setAll(next);
            typed.set(keep);
        }
    }

    /** Every tenant, all pages, open ones first and each group by id. Blocking. */
    public static List<String> allTenants(AdminApi c) {
        return allTenantRecords(c).stream().map(Tenant::tenantId).toList();
    }

    /** "id — name" of every tenant, for the quick jump. Blocking. */
    public static List<String> allTenantLabels(AdminApi c) {
        return allTenantRecords(c).stream().map(t -> t.tenantId() + " — " + t.name()).toList();
    }

    private static List<Tenant> allTenantRecords(AdminApi c) {
        List<Tenant> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("limit", "100");
            q.put("sort_by", "tenant_id");
            q.put("sort_dir", "asc");
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            TenantListResponse r = c.listTenants(q);
            all.addAll(r.tenants());
            cursor = Boolean.TRUE.equals(r.hasMore()) ? r.nextCursor() : null;
        } while (cursor != null);
        return all.stream()
                .sorted(Comparator.comparing((Tenant t) -> t.status() == TenantStatus.CLOSED).thenComparing(Tenant::tenantId))
                .toList();
    }

    public ObservableList<String> ids() {
        return ids;
    }
}
