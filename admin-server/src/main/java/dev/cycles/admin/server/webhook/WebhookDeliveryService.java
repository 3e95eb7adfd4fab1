package dev.cycles.admin.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventActor;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.ReplayRequest;
import dev.cycles.admin.model.ReplayResponse;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookTestResponse;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.event.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator does with a subscription's deliveries: send a signed test event now, list the
 * deliveries with their attempts, and replay a window of past events as new deliveries.
 */
public final class WebhookDeliveryService {
    private final Database db;
    private final WebhookStore store;
    private final WebhookService subscriptions;
    private final AuditTrail audit;
    private final WebhookSender sender;
    private final Clock clock;

    public WebhookDeliveryService(Database db, WebhookStore store, WebhookService subscriptions, AuditTrail audit,
                                  WebhookSender sender, Clock clock) {
        this.db = db;
        this.store = store;
        this.subscriptions = subscriptions;
        this.audit = audit;
        this.sender = sender;
        this.clock = clock;
    }


    /**
     * Sends a synthetic, signed system.webhook_test event to the subscription's URL now and reports
     * how it went (a failed delivery is still a 200). It leaves status and consecutive_failures
     * alone and is not stored as an event. Exempt from INVARIANT 2: the owner's own probe.
     */
    public WebhookTestResponse test(OperationContext ctx, String id) {
        WebhookStore.Stored s = db.read(c -> {
            WebhookStore.Stored found = subscriptions.visible(c, ctx.principal(), id);
            subscriptions.openTenantIfOwned(c, found.sub());
            return found;
        });
        WebhookSubscription sub = s.sub();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("component", "webhooks");
        data.put("message", "Test delivery for subscription " + id);
        data.put("severity", "info");
        data.put("details", Map.of("subscription_id", id));
        Event event = new Event(Ids.newId("evt_"), "system.webhook_test", "system", Now.of(clock), sub.tenantId(), null,
                new EventActor(ctx.actorType(!sub.tenantId().equals(WebhookService.SYSTEM)), ctx.keyId(), ctx.sourceIp()), EventLog.SOURCE, data,
                null, ctx.requestId(), ctx.traceId(), null);
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        WebhookSender.Result r;
        try {
            r = sender.send(sub.url(), subscriptions.securityConfig(), body, subscriptions.openSecret(s), event.eventId(), event.eventType(), ctx.traceId(), "01",
                    subscriptions.openHeaders(s.headersSealed(), id));
        } catch (IllegalStateException e) {
            r = new WebhookSender.Result(null, 0, "stored secret does not open with this server's key; rotate signing_secret");
        }
        WebhookSender.Result result = r;
        db.write(c -> {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("success", result.success());
            if (result.status() != null) {
                meta.put("response_status", result.status());
            }
            audit.record(c, ctx, 200, sub.tenantId(), ResourceType.WEBHOOK, id, meta);
            return null;
        });
        return new WebhookTestResponse(result.success(), result.status(), result.millis(), result.error(), event.eventId());
    }

    public Page<WebhookDelivery> deliveries(Principal caller, String id, WebhookDeliveryStatus status, Instant from, Instant to, PageSpec page) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest("from must not be after to");
        }
        return db.read(c -> {
            subscriptions.visible(c, caller, id);
            return store.deliveries(c, id, status, from, to, PageRequest.of(WebhookStore.DELIVERY_SORTS, page));
        });
    }

    /** Candidates a replay looks at, at most: a wider window is refused rather than cut. */
    static final int REPLAY_SCAN_LIMIT = 10_000;

    /**
     * Queues the window's matching events again as new deliveries, all or nothing: more matching
     * events than max_events (or more candidates than the scan limit) is a 400 and queues nothing.
     * One replay per subscription at a time: while a replay's deliveries are still queued, another
     * is 409 REPLAY_IN_PROGRESS.
     */
    public ReplayResponse replay(OperationContext ctx, String id, ReplayRequest req) {
        ReplayRequest r = req == null ? new ReplayRequest(null, null, null, null) : req;
        Instant from = Check.time(Check.required(r.from(), "from"), "from");
        Instant to = r.to() == null ? Now.of(clock) : Check.time(r.to(), "to");
        if (from.isAfter(to)) {
            throw ApiException.badRequest("from must not be after to");
        }
        Check.range(r.maxEvents(), 1, 1000, "max_events");
        int max = r.maxEvents() == null ? 100 : r.maxEvents().intValue();
        List<String> types = r.eventTypes() == null ? null : WebhookRequestRules.eventTypes(r.eventTypes());
        return db.write(c -> {
            WebhookStore.Stored s = subscriptions.visible(c, ctx.principal(), id);
            WebhookSubscription sub = s.sub();
            subscriptions.openTenantIfOwned(c, sub);
            if (sub.status() != WebhookStatus.ACTIVE) {
                throw ApiException.conflict(ErrorCode.INVALID_REQUEST, "Subscription " + id + " is " + sub.status() + "; resume it before replaying");
            }
            if (store.replayRunning(c, id)) {
                throw ApiException.conflict(ErrorCode.REPLAY_IN_PROGRESS, "A replay of subscription " + id + " is still being delivered");
            }
            List<Event> candidates = store.eventsBetween(c, sub.tenantId().equals(WebhookService.SYSTEM) ? null : sub.tenantId(), from, to,
                    REPLAY_SCAN_LIMIT + 1);
            if (candidates.size() > REPLAY_SCAN_LIMIT) {
                throw ApiException.badRequest("The window holds more than " + REPLAY_SCAN_LIMIT + " events; replay a narrower window");
            }
            List<Event> selected = new ArrayList<>();
            for (Event e : candidates) {
                if (WebhookOutbox.matches(sub, e) && (types == null || types.contains(e.eventType()))
                        && !e.eventType().equals("system.webhook_test")) {
                    selected.add(e);
                }
            }
            if (selected.size() > max) {
                throw ApiException.badRequest("The window holds " + selected.size() + " matching events, more than max_events ("
                        + max + "); replay a narrower window or raise max_events (at most 1000)");
            }
            String replayId = Ids.newId("rpl_");
            Instant now = Now.of(clock);
            for (Event e : selected) {
                store.insertDelivery(c, Ids.newId("whdel_"), id, e, now, replayId, null);
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("replay_id", replayId);
            meta.put("events_queued", selected.size());
            meta.put("from", from.toString());
            meta.put("to", to.toString());
            audit.record(c, ctx, 202, sub.tenantId(), ResourceType.WEBHOOK, id, meta);
            return new ReplayResponse(replayId, selected.size(), Math.max(1, (selected.size() + 9) / 10));
        });
    }
}
