package dev.cycles.admin.server.tenant;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantBulkActionRequest;
import dev.cycles.admin.model.TenantBulkActionResponse;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.ListParams;
import dev.cycles.admin.server.http.Reply;

/** HTTP in and out for /v1/admin/tenants. */
public final class TenantHandlers {
    private final TenantService service;
    private final TenantBulkService bulk;

    public TenantHandlers(TenantService service, TenantBulkService bulk) {
        this.service = service;
        this.bulk = bulk;
    }

    public TenantBulkActionResponse bulkAction(Call call) {
        return bulk.apply(call.ctx(), call.body(TenantBulkActionRequest.class));
    }

    public Reply create(Call call) {
        TenantService.Created created = service.create(call.ctx(), call.body(TenantCreateRequest.class));
        return new Reply(created.isNew() ? 201 : 200, created.tenant());
    }

    public TenantListResponse list(Call call) {
        TenantFilter filter = new TenantFilter(call.queryEnum("status", TenantStatus.class),
                call.query("parent_tenant_id"), ListParams.search(call));
        Page<Tenant> page = service.list(filter, ListParams.page(call));
        return new TenantListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    public Tenant get(Call call) {
        return service.get(call.path("tenant_id"));
    }

    public Tenant update(Call call) {
        return service.update(call.ctx(), call.pathTarget(ResourceType.TENANT, "tenant_id"), call.body(TenantUpdateRequest.class));
    }
}
