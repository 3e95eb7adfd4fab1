package dev.cycles.admin.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.metrics.DeliveryMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends queued deliveries: a scheduler looks for due rows (PENDING, or RETRYING whose
 * next_attempt_at has come by the injected clock) every 200 ms and on every enqueue, and hands
 * them to a pool of {@value #THREADS} senders. At most {@value #PER_SUBSCRIPTION} deliveries of one
 * subscription are in flight at once, so a slow receiver (each call ends within 10 s) holds at most
 * that many threads and never starves the others. Rows survive restarts: whatever is PENDING or
 * RETRYING is picked up at the next start (a delivery interrupted mid-send is sent again:
 * at-least-once, receivers dedupe on event_id).
 */
public final class DeliveryWorker implements AutoCloseable {
    static final int THREADS = 4;
    static final int PER_SUBSCRIPTION = 2;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Database db;
    private final WebhookStore store;
    private final WebhookService service;
    private final WebhookSender sender;
    private final EventLog events;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perSubscription = new ConcurrentHashMap<>();
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private volatile boolean closed;
    private final DeliveryMeter meter;

    public DeliveryWorker(Database db, WebhookStore store, WebhookService service, WebhookSender sender, WebhookOutbox outbox,
                          EventLog events, Clock clock, DeliveryMeter meter) {
        this.db = db;
        this.store = store;
        this.service = service;
        this.sender = sender;
        this.events = events;
        this.clock = clock;
        this.meter = meter;
        this.scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> thread(r, "webhook-scheduler"));
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> thread(r, "webhook-sender"));
        outbox.onEnqueued(this::wakeUp);
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::poll, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Deliveries waiting for an attempt (PENDING or RETRYING), due now or later. */
    public long queueDepth() {
        return db.read(store::queued);
    }

    /** Look for due deliveries soon (called after an enqueue; the enqueueing transaction commits first or on the next poll). */
    void wakeUp() {
        wakeUp(20);
    }

    private void wakeUp(long delayMillis) {
        if (!closed && pollQueued.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                pollQueued.set(false);
                poll();
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    void poll() {
        if (closed) {
            return;
        }
        try {
            int free = THREADS * 2 - inFlight.size();
            if (free <= 0) {
                return;
            }
            for (WebhookStore.Due d : db.read(c -> store.due(c, Now.of(clock), 100))) {
                if (free <= 0) {
                    break;
                }
                if (inFlight.contains(d.deliveryId()) || perSubscription.getOrDefault(d.subscriptionId(), 0) >= PER_SUBSCRIPTION) {
                    continue;
                }
                inFlight.add(d.deliveryId());
                perSubscription.merge(d.subscriptionId(), 1, Integer::sum);
                free--;
                pool.execute(() -> {
                    try {
                        deliver(d);
                    } catch (RuntimeException e) {
                        LOG.warn("webhook delivery {} failed unexpectedly: {}", d.deliveryId(), e.toString());
                    } finally {
                        inFlight.remove(d.deliveryId());
                        perSubscription.merge(d.subscriptionId(), -1, (a, b) -> a + b <= 0 ? null : a + b);
                        // A freed slot may have queued work behind it: look now, not at the next tick.
                        wakeUp(0);
                    }
                });
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("webhook poll failed: {}", e.toString());
            }
        }
    }

    private void deliver(WebhookStore.Due d) {
        // A poll may have read this row before an attempt that was in flight then committed: send it once.
        if (!db.read(c -> store.stillDue(c, d))) {
            return;
        }
        WebhookStore.Stored s = db.read(c -> store.find(c, d.subscriptionId()));
        Event e = db.read(c -> store.event(c, d.eventId()));
        if (s == null || s.sub().status() != WebhookStatus.ACTIVE || e == null) {
            String reason = s == null ? "cancelled: subscription deleted" : e == null ? "cancelled: event no longer exists"
                    : "cancelled: subscription " + s.sub().status();
            db.write(c -> {
                store.cancelDelivery(c, d.deliveryId(), Now.of(clock), reason);
                return null;
            });
            meter.cancelled();
            return;
        }
        WebhookSubscription sub = s.sub();
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        WebhookSecurityConfig config = service.securityConfig();
        String traceId = d.traceId() != null ? d.traceId() : Ids.newTraceId();
        WebhookSender.Result r;
        try {
            r = sender.send(sub.url(), config, body, service.openSecret(s), e.eventId(), e.eventType(), traceId,
                    d.traceFlags() == null ? "01" : d.traceFlags(), service.openHeaders(s.headersSealed(), sub.subscriptionId()));
        } catch (IllegalStateException ex) {
            r = new WebhookSender.Result(null, 0, "stored secret does not open with this server's key; rotate signing_secret");
        }
        record(d, sub, e, traceId, r);
    }

    private void record(WebhookStore.Due d, WebhookSubscription sub, Event e, String traceId, WebhookSender.Result r) {
        int attempt = d.attempts() + 1;
        WebhookRetryPolicy policy = (sub.retryPolicy() == null ? WebhookRetryPolicy.DEFAULTS : sub.retryPolicy()).withDefaults();
        boolean retry = attempt - 1 < policy.maxRetries();
        db.write(c -> {
            Instant now = Now.of(clock);
            store.recordAttempt(c, d.deliveryId(), attempt, now, r.status(), r.millis(), r.error());
            if (r.success()) {
                store.finishAttempt(c, d.deliveryId(), WebhookDeliveryStatus.SUCCESS, attempt, now, r.status(), r.millis(), null, null);
                store.deliverySucceeded(c, sub.subscriptionId(), now);
                return null;
            }
            store.attemptFailed(c, sub.subscriptionId(), now);
            if (retry) {
                Instant next = now.plusMillis(policy.delayBeforeRetry(attempt));
                store.finishAttempt(c, d.deliveryId(), WebhookDeliveryStatus.RETRYING, attempt, now, r.status(), r.millis(), r.error(), next);
                return null;
            }
            store.finishAttempt(c, d.deliveryId(), WebhookDeliveryStatus.FAILED, attempt, now, r.status(), r.millis(), r.error(), null);
            int failures = store.deliveryFailed(c, sub.subscriptionId(), now);
            OperationContext ctx = OperationContext.background("webhookDelivery", traceId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subscription_id", sub.subscriptionId());
            details.put("delivery_id", d.deliveryId());
            details.put("event_id", e.eventId());
            details.put("event_type", e.eventType());
            details.put("attempts", attempt);
            if (r.status() != null) {
                details.put("response_status", r.status());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("component", "webhook_dispatcher");
            data.put("message", "Delivery " + d.deliveryId() + " failed after " + attempt + " attempt(s): " + r.error());
            data.put("severity", "warning");
            data.put("details", details);
            events.emit(c, ctx, "system.webhook_delivery_failed", WebhookSubscription.SYSTEM_TENANT, null, data, null);
            WebhookStore.Stored current = store.find(c, sub.subscriptionId());
            if (current != null && failures > current.sub().disableAfterFailures()
                    && (current.sub().status() == WebhookStatus.ACTIVE || current.sub().status() == WebhookStatus.PAUSED)) {
                store.setStatus(c, sub.subscriptionId(), WebhookStatus.DISABLED, now);
                events.emit(c, ctx, "webhook.disabled", current.sub().tenantId(), null,
                        WebhookService.lifecycle(current.sub(), current.sub().status(), WebhookStatus.DISABLED, null,
                                "consecutive_failures_exceeded_threshold"),
                        "webhook_auto_disable:" + sub.subscriptionId() + ":" + d.deliveryId());
            }
            return null;
        });
        if (r.success()) {
            meter.succeeded();
        } else if (retry) {
            meter.retrying();
        } else {
            meter.dead();
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(12, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
