package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantBulkAction;
import dev.cycles.admin.model.TenantBulkActionRequest;
import dev.cycles.admin.model.TenantBulkFilter;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.TenantUpdateRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenant lifecycle in bulk. A filter runs as ONE POST /v1/admin/tenants/bulk-action gated by the
 * previewed count. The bulk filter has no id list and its search is a substring of id or name
 * ("acme" also matches "acme-eu"), so exact selected rows are changed one PATCH each instead;
 * each row's outcome lands in the same three lists.
 */
public final class TenantBulk implements BulkTarget {
    private final List<Tenant> selected;
    private final TenantBulkFilter filter;

    private TenantBulk(List<Tenant> selected, TenantBulkFilter filter) {
        this.selected = selected;
        this.filter = filter;
    }

    public static TenantBulk selected(List<Tenant> rows) {
        return new TenantBulk(List.copyOf(rows), null);
    }

    public static TenantBulk matching(TenantBulkFilter filter) {
        return new TenantBulk(null, filter);
    }

    @Override
    public String noun() {
        return "tenants";
    }

    @Override
    public boolean selection() {
        return selected != null;
    }

    @Override
    public String scopeText() {
        if (selected != null) {
            return BulkTarget.selectedText(selected.size(), "tenant");
        }
        List<String> parts = new ArrayList<>();
        if (filter.status() != null) {
            parts.add("status " + filter.status());
        }
        if (filter.parentTenantId() != null) {
            parts.add("parent " + filter.parentTenantId());
        }
        if (filter.search() != null) {
            parts.add("id or name containing '" + filter.search() + "'");
        }
        return "all tenants with " + (parts.isEmpty() ? "no filter" : String.join(" and ", parts));
    }

    @Override
    public String problem() {
        return selected == null && filter.status() == null && filter.parentTenantId() == null && filter.search() == null
                ? "A bulk action needs a filter (status or search); the server refuses one over every tenant." : "";
    }

    @Override
    public List<String> actions() {
        return Arrays.stream(TenantBulkAction.values()).map(Enum::name).toList();
    }

    @Override
    public String explain(String action) {
        return switch (TenantBulkAction.valueOf(action)) {
            case SUSPEND -> "Suspend: blocks all API access of each tenant and its keys until reactivated.";
            case REACTIVATE -> "Reactivate: restores API access of each suspended tenant.";
            case CLOSE -> "Close: PERMANENT. Closes each tenant's budgets, revokes its keys, disables its webhooks.";
        };
    }

    @Override
    public List<BulkRow> preview(AdminApi api) {
        if (selected != null) {
            List<BulkRow> rows = new ArrayList<>();
            for (Tenant t : selected) {
                rows.add(row(api.getTenant(t.tenantId())));
            }
            return rows;
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", "100");
        q.put("sort_by", "tenant_id");
        q.put("sort_dir", "asc");
        if (filter.status() != null) {
            q.put("status", filter.status().name());
        }
        if (filter.parentTenantId() != null) {
            q.put("parent_tenant_id", filter.parentTenantId());
        }
        if (filter.search() != null) {
            q.put("search", filter.search());
        }
        return BulkTarget.pages(cursor -> {
            Map<String, String> page = new LinkedHashMap<>(q);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            TenantListResponse r = api.listTenants(page);
            return new Export.Page<>(r.tenants(), r.nextCursor(), r.hasMore());
        }).stream().map(TenantBulk::row).toList();
    }

    private static BulkRow row(Tenant t) {
        return new BulkRow(t.tenantId(), t.name(), t.status().name(), null, t);
    }

    @Override
    public BulkResult apply(AdminApi api, Request req) {
        TenantBulkAction action = TenantBulkAction.valueOf(req.action());
        String title = action + " " + scopeText();
        if (selected == null) {
            return BulkResult.of(title, api.bulkActionTenants(new TenantBulkActionRequest(filter, action, req.expectedCount(), req.idempotencyKey())));
        }
        return BulkTarget.rowByRow(title, req.rows(), r -> {
            if (action.target().name().equals(r.state())) {
                return BulkActionRowOutcome.ALREADY_IN_TARGET_STATE;
            }
            api.updateTenant(r.id(), new TenantUpdateRequest(null, action.target(), null, null, null, null, null));
            return null;
        });
    }
}
