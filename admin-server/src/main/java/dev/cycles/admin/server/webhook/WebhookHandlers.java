package dev.cycles.admin.server.webhook;

import dev.cycles.admin.model.WebhookBulkActionRequest;
import dev.cycles.admin.model.WebhookBulkActionResponse;
import dev.cycles.admin.model.ReplayRequest;
import dev.cycles.admin.model.WebhookCreateRequest;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryListResponse;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookTestResponse;
import dev.cycles.admin.model.WebhookListResponse;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookUpdateRequest;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.ListParams;
import dev.cycles.admin.server.http.Reply;
import dev.cycles.admin.server.webhook.WebhookService.Plane;

/** HTTP in and out for /v1/admin/webhooks, /v1/webhooks and /v1/admin/config/webhook-security. */
public final class WebhookHandlers {
    private static final String ID = "subscription_id";
    private final WebhookService service;
    private final WebhookDeliveryService deliveries;
    private final WebhookBulkService bulk;

    public WebhookHandlers(WebhookService service, WebhookDeliveryService deliveries, WebhookBulkService bulk) {
        this.service = service;
        this.deliveries = deliveries;
        this.bulk = bulk;
    }

    public Reply createAdmin(Call call) {
        return Reply.created(service.create(call.ctx(), Plane.ADMIN, call.query("tenant_id"), call.body(WebhookCreateRequest.class)));
    }

    public Reply createTenant(Call call) {
        return Reply.created(service.create(call.ctx(), Plane.TENANT, null, call.body(WebhookCreateRequest.class)));
    }

    public WebhookListResponse listAdmin(Call call) {
        Page<WebhookSubscription> page = service.listAdmin(call.query("tenant_id"), call.queryEnum("status", WebhookStatus.class),
                call.query("event_type"), ListParams.search(call), ListParams.page(call));
        return new WebhookListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    public WebhookListResponse listTenant(Call call) {
        Page<WebhookSubscription> page = service.listTenant(call.principal(), call.query("tenant"),
                call.queryEnum("status", WebhookStatus.class), ListParams.page(call));
        return new WebhookListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    public WebhookSubscription get(Call call) {
        return service.get(call.principal(), call.path(ID));
    }

    public WebhookSubscription updateAdmin(Call call) {
        String id = call.pathTarget(ResourceType.WEBHOOK, ID);
        return service.update(call.ctx(), Plane.ADMIN, id, call.body(WebhookUpdateRequest.class));
    }

    public WebhookSubscription updateTenant(Call call) {
        String id = call.pathTarget(ResourceType.WEBHOOK, ID);
        return service.update(call.ctx(), Plane.TENANT, id, call.body(WebhookUpdateRequest.class));
    }

    public Reply delete(Call call) {
        service.delete(call.ctx(), call.pathTarget(ResourceType.WEBHOOK, ID));
        return new Reply(204, null);
    }

    public WebhookTestResponse test(Call call) {
        return deliveries.test(call.ctx(), call.pathTarget(ResourceType.WEBHOOK, ID));
    }

    public WebhookDeliveryListResponse deliveries(Call call) {
        Page<WebhookDelivery> page = deliveries.deliveries(call.principal(), call.path(ID),
                call.queryEnum("status", WebhookDeliveryStatus.class), call.queryTime("from"), call.queryTime("to"), ListParams.page(call));
        return new WebhookDeliveryListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    public Reply replay(Call call) {
        String id = call.pathTarget(ResourceType.WEBHOOK, ID);
        return new Reply(202, deliveries.replay(call.ctx(), id, call.optionalBody(ReplayRequest.class)));
    }

    public WebhookSecurityConfig getSecurity(Call call) {
        return service.securityConfig();
    }

    public WebhookSecurityConfig putSecurity(Call call) {
        return service.putSecurityConfig(call.ctx(), call.body(WebhookSecurityConfig.class));
    }

    public WebhookBulkActionResponse bulkAction(Call call) {
        return bulk.apply(call.ctx(), call.body(WebhookBulkActionRequest.class));
    }
}
