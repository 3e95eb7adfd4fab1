package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.model.WebhookBulkAction;
import dev.cycles.admin.model.WebhookBulkActionRequest;
import dev.cycles.admin.model.WebhookBulkFilter;
import dev.cycles.admin.model.WebhookListResponse;
import dev.cycles.admin.model.WebhookSubscription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Webhook subscriptions in bulk (PAUSE, RESUME, DELETE) over the Webhooks screen's filter, as ONE
 * POST /v1/admin/webhooks/bulk-action gated by the previewed count. The list call is handed in by
 * the Webhooks screen (it owns GET /v1/admin/webhooks), so this class needs nothing else of it.
 */
public final class WebhookBulk implements BulkTarget {
    private final WebhookBulkFilter filter;
    private final BiFunction<AdminApi, Map<String, String>, WebhookListResponse> list;

    public WebhookBulk(WebhookBulkFilter filter, BiFunction<AdminApi, Map<String, String>, WebhookListResponse> list) {
        this.filter = filter;
        this.list = list;
    }

    @Override
    public String noun() {
        return "webhooks";
    }

    @Override
    public boolean selection() {
        return false;
    }

    @Override
    public String scopeText() {
        List<String> parts = new ArrayList<>();
        if (filter.tenantId() != null) {
            parts.add("tenant " + filter.tenantId());
        }
        if (filter.status() != null) {
            parts.add("status " + filter.status());
        }
        if (filter.eventType() != null) {
            parts.add("event type " + filter.eventType());
        }
        if (filter.search() != null) {
            parts.add("matching '" + filter.search() + "'");
        }
        return "all webhooks with " + (parts.isEmpty() ? "no filter" : String.join(", ", parts));
    }

    @Override
    public String problem() {
        return filter.tenantId() == null && filter.status() == null && filter.eventType() == null && filter.search() == null
                ? "A bulk action needs at least one filter; the server refuses one over every webhook." : "";
    }

    @Override
    public List<String> actions() {
        return Arrays.stream(WebhookBulkAction.values()).map(Enum::name).toList();
    }

    @Override
    public String explain(String action) {
        return switch (WebhookBulkAction.valueOf(action)) {
            case PAUSE -> "Pause: stop deliveries until resumed.";
            case RESUME -> "Resume: deliver again (failure counters reset).";
            case DELETE -> "Delete: PERMANENT. Removes each subscription.";
        };
    }

    @Override
    public List<BulkRow> preview(AdminApi api) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", "100");
        if (filter.tenantId() != null) {
            q.put("tenant_id", filter.tenantId());
        }
        if (filter.status() != null) {
            q.put("status", filter.status().name());
        }
        if (filter.eventType() != null) {
            q.put("event_type", filter.eventType());
        }
        if (filter.search() != null) {
            q.put("search", filter.search());
        }
        return BulkTarget.pages(cursor -> {
            Map<String, String> page = new LinkedHashMap<>(q);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            WebhookListResponse r = list.apply(api, page);
            return new Export.Page<>(r.subscriptions(), r.nextCursor(), r.hasMore());
        }).stream().map(WebhookBulk::row).toList();
    }

    private static BulkRow row(WebhookSubscription w) {
        return new BulkRow(w.subscriptionId(), (w.name() == null ? "" : w.name() + " ") + w.url(),
                w.status() == null ? null : w.status().name(), null, w);
    }

    @Override
    public BulkResult apply(AdminApi api, Request req) {
        WebhookBulkAction action = WebhookBulkAction.valueOf(req.action());
        return BulkResult.of(action + " " + scopeText(), api.bulkActionWebhooks(
                new WebhookBulkActionRequest(filter, action, req.expectedCount(), req.idempotencyKey())));
    }
}
