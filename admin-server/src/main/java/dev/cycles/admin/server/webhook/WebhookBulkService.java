package dev.cycles.admin.server.webhook;

import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.model.WebhookBulkAction;
import dev.cycles.admin.model.WebhookBulkActionRequest;
import dev.cycles.admin.model.WebhookBulkActionResponse;
import dev.cycles.admin.model.WebhookBulkFilter;
import dev.cycles.admin.model.WebhookStatus;
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
 * POST /v1/admin/webhooks/bulk-action: PAUSE, RESUME or DELETE every subscription the filter
 * selects, with the list's filter ({@link WebhookStore#where}). PAUSE takes ACTIVE to PAUSED;
 * RESUME takes PAUSED to ACTIVE and cannot re-enable a DISABLED one; DELETE removes. The shared
 * contract (idempotency, count gate, 500 limit, one audit row) is {@link BulkRunner}'s.
 */
public final class WebhookBulkService {
    private final BulkRunner runner;
    private final WebhookStore store;
    private final WebhookService subscriptions;

    public WebhookBulkService(BulkRunner runner, WebhookStore store, WebhookService subscriptions) {
        this.runner = runner;
        this.store = store;
        this.subscriptions = subscriptions;
    }

    public WebhookBulkActionResponse apply(OperationContext ctx, WebhookBulkActionRequest req) {
        WebhookBulkFilter f = BulkRequests.filter(req.filter());
        WebhookBulkAction action = BulkRequests.action(req.action());
        String key = BulkRequests.idempotencyKey(req.idempotencyKey());
        BulkRequests.expectedCount(req.expectedCount());
        String search = BulkRequests.search(f.search());
        String tenantId = f.tenantId() == null || f.tenantId().isEmpty() ? null : f.tenantId();
        if (f.eventType() != null && !EventTypes.isKnown(f.eventType())) {
            throw ApiException.badRequest("Field 'filter.event_type' is not an event type");
        }
        if (tenantId == null && f.status() == null && f.eventType() == null && search == null) {
            throw ApiException.badRequest("Field 'filter' needs at least one of tenant_id, status, event_type, search");
        }
        WebhookFilter filter = new WebhookFilter(tenantId, f.status(), f.eventType(), search);
        WebhookBulkActionRequest canonical = new WebhookBulkActionRequest(
                new WebhookBulkFilter(tenantId, f.status(), f.eventType(), search), action, req.expectedCount(), key);
        return runner.run(ctx, new Plan(filter, canonical),
                o -> new WebhookBulkActionResponse(action, o.totalMatched(), o.succeeded(), o.failed(), o.skipped(), key),
                WebhookBulkActionResponse.class);
    }

    private final class Plan implements BulkPlan<String> {
        private final WebhookFilter filter;
        private final WebhookBulkActionRequest request;

        Plan(WebhookFilter filter, WebhookBulkActionRequest request) {
            this.filter = filter;
            this.request = request;
        }

        @Override
        public Call call() {
            return new Call("webhook", request.action().name(), request.idempotencyKey(), request.expectedCount(), request, filter.tenantId(), ResourceType.WEBHOOK);
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
        public String id(String subscriptionId) {
            return subscriptionId;
        }

        @Override
        public Applied apply(Connection c, OperationContext ctx, String id, String correlationId) throws Exception {
            WebhookStore.Stored found = store.find(c, id);
            if (found == null) {
                return Applied.skipped(BulkActionRowOutcome.ALREADY_DELETED);
            }
            WebhookStatus status = found.sub().status();
            switch (request.action()) {
                case DELETE -> subscriptions.deleteIn(c, ctx, found.sub(), correlationId);
                case PAUSE -> {
                    if (status != WebhookStatus.ACTIVE) {
                        return Applied.skipped(BulkActionRowOutcome.ALREADY_IN_TARGET_STATE);
                    }
                    subscriptions.changeStatusIn(c, ctx, found, WebhookStatus.PAUSED, correlationId);
                }
                case RESUME -> {
                    if (status == WebhookStatus.ACTIVE) {
                        return Applied.skipped(BulkActionRowOutcome.ALREADY_IN_TARGET_STATE);
                    }
                    if (status == WebhookStatus.DISABLED) {
                        throw new NotResumable(id);
                    }
                    subscriptions.changeStatusIn(c, ctx, found, WebhookStatus.ACTIVE, correlationId);
                }
            }
            return Applied.CHANGED;
        }

        @Override
        public RowFailure failure(Exception e) {
            if (e instanceof NotResumable) {
                return new RowFailure(BulkActionRowOutcome.INVALID_TRANSITION, e.getMessage());
            }
            if (e instanceof ApiException api) {
                return new RowFailure(BulkActionRowOutcome.INVALID_TRANSITION, api.getMessage());
            }
            return null;
        }
    }

    /** A DISABLED subscription is re-enabled one at a time with PATCH status ACTIVE, not in bulk. */
    private static final class NotResumable extends Exception {
        NotResumable(String id) {
            super("Subscription " + id + " is DISABLED; re-enable it with PATCH status ACTIVE");
        }
    }
}
