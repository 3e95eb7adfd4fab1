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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * that many threads and never starves the others.
 *
 * <p>Before sending, a server takes a lease on the row (30 s; the system property
 * {@value #LEASE_PROPERTY} sets another length, which tests use to see a lost lease taken over quickly), so when several
 * servers share one database each delivery is sent by one of them. Rows survive restarts: a server
 * that dies mid-send leaves its lease to run out and another server (or this one, restarted) sends
 * the delivery again: at-least-once, receivers dedupe on event_id. A server alone on its database
 * drops the leases of its previous run at start, so nothing waits for them.
 */
public final class DeliveryWorker implements AutoCloseable {
    static final int THREADS = 4;
    static final int PER_SUBSCRIPTION = 2;
    static final String LEASE_PROPERTY = "cycles.webhook.lease-seconds";
    /** Longer than a send (10 s at most) plus recording its outcome. */
    static final int LEASE_SECONDS = Math.max(1, Integer.getInteger(LEASE_PROPERTY, 30));
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
    /** Names this process in lease_owner, so an operator can see who holds a delivery. */
    private final String owner = hostName() + ":" + ProcessHandle.current().pid();

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

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    public void start() {
        if (!db.sharedWithOtherServers()) {
            int dropped = db.write(store::dropLeases);
            if (dropped > 0) {
                LOG.info("{} webhook deliveries interrupted by the last shutdown will be sent again", dropped);
            }
        }
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
            List<WebhookStore.Due> chosen = new ArrayList<>();
            Map<String, Integer> chosenPer = new HashMap<>();
            for (WebhookStore.Due d : db.read(c -> store.due(c, Now.of(clock), 100))) {
                if (chosen.size() >= free) {
                    break;
                }
                int busy = perSubscription.getOrDefault(d.subscriptionId(), 0) + chosenPer.getOrDefault(d.subscriptionId(), 0);
                if (inFlight.contains(d.deliveryId()) || busy >= PER_SUBSCRIPTION) {
                    continue;
                }
                chosen.add(d);
                chosenPer.merge(d.subscriptionId(), 1, Integer::sum);
            }
            if (chosen.isEmpty()) {
                return;
            }
            for (WebhookStore.Due d : claim(chosen)) {
                inFlight.add(d.deliveryId());
                perSubscription.merge(d.subscriptionId(), 1, Integer::sum);
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

    /** The deliveries this server won the lease on, in one transaction. */
    private List<WebhookStore.Due> claim(List<WebhookStore.Due> candidates) {
        return db.write(c -> {
            Instant now = Now.of(clock);
            Instant until = now.plusSeconds(LEASE_SECONDS);
            List<WebhookStore.Due> won = new ArrayList<>();
            for (WebhookStore.Due d : candidates) {
                if (store.claim(c, d, owner, now, until)) {
                    won.add(d);
                }
            }
            return won;
        });
    }

    private void deliver(WebhookStore.Due d) {
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
        boolean recorded = db.write(c -> {
            if (!store.holdsLease(c, d.deliveryId(), owner)) {
                // The lease ran out mid-send and another server took the delivery over: its
                // attempt is the one on record (the receiver may see the event twice; at-least-once).
                LOG.info("webhook delivery {}: lease lost during the attempt; another server owns it now", d.deliveryId());
                return false;
            }
            Instant now = Now.of(clock);
            store.recordAttempt(c, d.deliveryId(), attempt, now, r.status(), r.millis(), r.error());
            if (r.success()) {
                store.finishAttempt(c, d.deliveryId(), WebhookDeliveryStatus.SUCCESS, attempt, now, r.status(), r.millis(), null, null);
                store.deliverySucceeded(c, sub.subscriptionId(), now);
                return true;
            }
            store.attemptFailed(c, sub.subscriptionId(), now);
            if (retry) {
                Instant next = now.plusMillis(policy.delayBeforeRetry(attempt));
                store.finishAttempt(c, d.deliveryId(), WebhookDeliveryStatus.RETRYING, attempt, now, r.status(), r.millis(), r.error(), next);
                return true;
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
            return true;
        });
        if (!recorded) {
            return;
        }
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
