package dev.cycles.admin.server.tenant;

import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.TenantBulkAction;
import dev.cycles.admin.model.TenantBulkActionRequest;
import dev.cycles.admin.model.TenantBulkActionResponse;
import dev.cycles.admin.model.TenantBulkFilter;
import dev.cycles.admin.server.bulk.BulkPlan;
import dev.cycles.admin.server.bulk.BulkRequests;
import dev.cycles.admin.server.bulk.BulkRunner;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.ResourceType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * POST /v1/admin/tenants/bulk-action: SUSPEND, REACTIVATE or CLOSE every tenant the filter
 * selects, with the list's filter ({@link TenantStore#where}) and the PATCH's transition
 * ({@link TenantService#transition}), cascade included. The shared contract is {@link BulkRunner}'s.
 */
public final class TenantBulkService {
    private final BulkRunner runner;
    private final TenantStore store;
    private final TenantService tenants;

    public TenantBulkService(BulkRunner runner, TenantStore store, TenantService tenants) {
        this.runner = runner;
        this.store = store;
        this.tenants = tenants;
    }

    public TenantBulkActionResponse apply(OperationContext ctx, TenantBulkActionRequest req) {
        TenantBulkFilter f = BulkRequests.filter(req.filter());
        TenantBulkAction action = BulkRequests.action(req.action());
        String key = BulkRequests.idempotencyKey(req.idempotencyKey());
        BulkRequests.expectedCount(req.expectedCount());
        String search = BulkRequests.search(f.search());
        String parent = f.parentTenantId() == null || f.parentTenantId().isEmpty() ? null : f.parentTenantId();
        if (f.status() == null && parent == null && search == null) {
            // observe_mode alone is ignored (this server has no observe mode), so it cannot stand
            // for a filter either: an empty filter would touch every tenant.
            throw ApiException.badRequest("Field 'filter' needs at least one of status, parent_tenant_id, search");
        }
        TenantFilter filter = new TenantFilter(f.status(), parent, search);
        TenantBulkActionRequest canonical = new TenantBulkActionRequest(new TenantBulkFilter(f.status(), parent, null, search),
                action, req.expectedCount(), key);
        return runner.run(ctx, new Plan(filter, action, canonical),
                o -> new TenantBulkActionResponse(action, o.totalMatched(), o.succeeded(), o.failed(), o.skipped(), key),
                TenantBulkActionResponse.class);
    }

    private final class Plan implements BulkPlan<String> {
        private final TenantFilter filter;
        private final TenantBulkAction action;
        private final TenantBulkActionRequest request;

        Plan(TenantFilter filter, TenantBulkAction action, TenantBulkActionRequest request) {
            this.filter = filter;
            this.action = action;
            this.request = request;
        }

        @Override
        public Call call() {
            return new Call("tenant", action.name(), request.idempotencyKey(), request.expectedCount(), request, null, ResourceType.TENANT);
        }

        @Override
        public long count(Connection c) throws SQLException {
            return store.count(c, filter);
        }

        @Override
        public List<String> rows(Connection c, int max) throws SQLException {
            return store.matchingIds(c, filter, max);
        }

        @Override
        public String id(String tenantId) {
            return tenantId;
        }

        @Override
        public Applied apply(Connection c, OperationContext ctx, String tenantId, String correlationId) throws Exception {
            TenantService.Transition t = tenants.transition(c, ctx, tenantId, action.target(), correlationId);
            return t == TenantService.Transition.CHANGED ? Applied.CHANGED : Applied.skipped(BulkActionRowOutcome.ALREADY_IN_TARGET_STATE);
        }

        @Override
        public RowFailure failure(Exception e) {
            if (e instanceof TenantService.ClosedIsFinal) {
                return new RowFailure(BulkActionRowOutcome.INVALID_TRANSITION, e.getMessage());
            }
            if (e instanceof ApiException api && api.code() == ErrorCode.TENANT_NOT_FOUND) {
                return new RowFailure(BulkActionRowOutcome.NOT_FOUND, e.getMessage());
            }
            return null;
        }
    }
}
