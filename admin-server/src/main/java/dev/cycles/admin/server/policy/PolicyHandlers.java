package dev.cycles.admin.server.policy;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyListResponse;
import dev.cycles.admin.model.PolicyStatus;
import dev.cycles.admin.model.PolicyUpdateRequest;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.ListParams;
import dev.cycles.admin.server.http.Reply;

/** HTTP in and out for /v1/admin/policies. */
public final class PolicyHandlers {
    private final PolicyService service;

    public PolicyHandlers(PolicyService service) {
        this.service = service;
    }

    public Reply create(Call call) {
        return Reply.created(service.create(call.ctx(), call.body(PolicyCreateRequest.class)));
    }

    public PolicyListResponse list(Call call) {
        Page<Policy> page = service.list(call.principal(), call.query("tenant_id"), call.query("scope_pattern"),
                call.queryEnum("status", PolicyStatus.class), ListParams.page(call));
        return new PolicyListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    public Policy update(Call call) {
        return service.update(call.ctx(), call.pathTarget(ResourceType.POLICY, "policy_id"), call.body(PolicyUpdateRequest.class));
    }
}
