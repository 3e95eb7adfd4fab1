package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.model.WebhookBulkAction;
import dev.cycles.admin.model.WebhookBulkActionRequest;
import dev.cycles.admin.model.WebhookBulkFilter;
import dev.cycles.admin.model.WebhookListResponse;
import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookUpdateRequest;

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
 * Exact selected rows are changed one PATCH / DELETE each (the bulk filter has no id list); a
 * DISABLED one is skipped by PAUSE and RESUME: an auto-disabled receiver is re-enabled one at a
 * time, after checking it, as the reference dashboard does.
 */
public final class WebhookBulk implements BulkTarget {
    /** The skip reason of a DISABLED row in a selected-rows PAUSE or RESUME. */
    public static final String DISABLED_EXCLUDED = "DISABLED: check its receiver, then Reset & re-enable it on its own";

    private final List<WebhookSubscription> selected;
    private final WebhookBulkFilter filter;
    private final BiFunction<AdminApi, Map<String, String>, WebhookListResponse> list;
    private final String localOnly;

    public WebhookBulk(WebhookBulkFilter filter, BiFunction<AdminApi, Map<String, String>, WebhookListResponse> list) {
        this(filter, list, "");
    }

    /**
     * {@code localOnly} names the screen's filters the server cannot apply (a wildcard URL pattern,
     * "failing only"); with one set, a filter-wide action would touch more than the list shows, so
     * it is refused here.
     */
    public WebhookBulk(WebhookBulkFilter filter, BiFunction<AdminApi, Map<String, String>, WebhookListResponse> list, String localOnly) {
        this.selected = null;
        this.filter = filter;
        this.list = list;
        this.localOnly = localOnly == null ? "" : localOnly;
    }

    private WebhookBulk(List<WebhookSubscription> selected) {
        this.selected = List.copyOf(selected);
        this.filter = null;
        this.list = null;
        this.localOnly = "";
    }

    public static WebhookBulk selected(List<WebhookSubscription> rows) {
        return new WebhookBulk(rows);
    }

    @Override
    public String noun() {
        return "webhooks";
    }

    @Override
    public boolean selection() {
        return selected != null;
    }

    @Override
    public String scopeText() {
        if (selected != null) {
            return BulkTarget.selectedText(selected.size(), "webhook");
        }
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
        if (selected != null) {
            return "";
        }
        if (!localOnly.isEmpty()) {
            return "The server's bulk filter cannot apply " + localOnly + ", so it would touch more than the list shows: "
                    + "select the rows instead (Ctrl+A selects every shown row).";
        }
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
            case RESUME -> selected != null ? "Resume: deliver again (failure counters reset). DISABLED ones are skipped: re-enable "
                    + "each on its own after checking its receiver." : "Resume: deliver again (failure counters reset); DISABLED ones fail.";
            case DELETE -> "Delete: PERMANENT. Removes each subscription.";
        };
    }

    @Override
    public List<BulkRow> preview(AdminApi api) {
        if (selected != null) {
            List<BulkRow> rows = new ArrayList<>();
            for (WebhookSubscription w : selected) {
                rows.add(row(api.getWebhook(w.subscriptionId())));
            }
            return rows;
        }
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
        if (selected == null) {
            return BulkResult.of(action + " " + scopeText(), api.bulkActionWebhooks(
                    new WebhookBulkActionRequest(filter, action, req.expectedCount(), req.idempotencyKey())));
        }
        return BulkTarget.rowByRow(action + " " + scopeText(), req.rows(), r -> one(api, action, (WebhookSubscription) r.item()));
    }

    /** One selected row: null when changed, else the skip reason. */
    static String one(AdminApi api, WebhookBulkAction action, WebhookSubscription w) {
        WebhookStatus s = w.status();
        if (action == WebhookBulkAction.DELETE) {
            api.deleteWebhook(w.subscriptionId());
            return null;
        }
        if (s == WebhookStatus.DISABLED) {
            return DISABLED_EXCLUDED;
        }
        WebhookStatus target = action == WebhookBulkAction.PAUSE ? WebhookStatus.PAUSED : WebhookStatus.ACTIVE;
        if (s == target) {
            return BulkActionRowOutcome.ALREADY_IN_TARGET_STATE;
        }
        api.updateWebhook(w.subscriptionId(), new WebhookUpdateRequest(null, null, null, null, null, null, null, null, null, null, null,
                target, null));
        return null;
    }
}
