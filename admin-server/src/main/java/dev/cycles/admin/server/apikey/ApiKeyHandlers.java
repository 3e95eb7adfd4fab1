package dev.cycles.admin.server.apikey;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.ApiKeyListResponse;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.ApiKeyUpdateRequest;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.ListParams;
import dev.cycles.admin.server.http.Reply;

/** HTTP in and out for /v1/admin/api-keys. */
public final class ApiKeyHandlers {
    private final ApiKeyService service;

    public ApiKeyHandlers(ApiKeyService service) {
        this.service = service;
    }

    public Reply create(Call call) {
        return Reply.created(service.create(call.ctx(), call.body(ApiKeyCreateRequest.class)));
    }

    public ApiKeyListResponse list(Call call) {
        ApiKeyFilter filter = new ApiKeyFilter(call.query("tenant_id"),
                call.queryEnum("status", ApiKeyStatus.class), ListParams.search(call));
        Page<ApiKey> page = service.list(filter, ListParams.page(call));
        return new ApiKeyListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    public ApiKey update(Call call) {
        return service.update(call.ctx(), call.pathTarget(ResourceType.API_KEY, "key_id"), call.body(ApiKeyUpdateRequest.class));
    }

    public ApiKey revoke(Call call) {
        return service.revoke(call.ctx(), call.pathTarget(ResourceType.API_KEY, "key_id"), call.query("reason"));
    }
}
