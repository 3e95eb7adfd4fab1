package dev.cycles.admin.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Webhook delivery attempts by outcome: {@code success} (the receiver answered 2xx), {@code retry}
 * (the attempt failed and another is scheduled), {@code dead} (the attempt failed with no retries
 * left: the delivery is FAILED), {@code cancelled} (not sent: subscription deleted or no longer
 * active, or the event is gone). Failed attempts are retry + dead.
 */
public final class DeliveryMeter {
    private final Counter success;
    private final Counter retry;
    private final Counter dead;
    private final Counter cancelled;

    DeliveryMeter(MeterRegistry registry) {
        this.success = counter(registry, "success");
        this.retry = counter(registry, "retry");
        this.dead = counter(registry, "dead");
        this.cancelled = counter(registry, "cancelled");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("cycles.webhook.deliveries")
                .description("Webhook delivery attempts by outcome (failed attempts are retry + dead)")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void succeeded() {
        success.increment();
    }

    public void retrying() {
        retry.increment();
    }

    public void dead() {
        dead.increment();
    }

    public void cancelled() {
        cancelled.increment();
    }
}
