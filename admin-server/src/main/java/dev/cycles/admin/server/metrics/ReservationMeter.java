package dev.cycles.admin.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reservation outcomes, counted once each after their transaction committed (replays of an
 * earlier answer are not counted again): live reserves allowed, or denied with the reason code;
 * commits, releases and extensions; holds the expiry sweeper returned. Denial reasons are the
 * protocol's fixed codes, so the series stay few.
 */
public final class ReservationMeter {
    private static final String NAME = "cycles.reservations";
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final Counter allowed;
    private final Counter committed;
    private final Counter released;
    private final Counter extended;
    private final Counter expired;
    private final Map<String, Counter> denied = new ConcurrentHashMap<>();

    ReservationMeter(MeterRegistry registry) {
        this.registry = registry;
        this.allowed = counter("allowed", NONE);
        this.committed = counter("committed", NONE);
        this.released = counter("released", NONE);
        this.extended = counter("extended", NONE);
        this.expired = counter("expired", NONE);
    }

    private Counter counter(String outcome, String reason) {
        return Counter.builder(NAME)
                .description("Reservation outcomes: reserves allowed or denied (by reason code), commits, releases, extensions, expiries")
                .tags("outcome", outcome, "reason", reason)
                .register(registry);
    }

    public void allowed() {
        allowed.increment();
    }

    /** A live reserve refused with {@code reasonCode} (BUDGET_EXCEEDED, BUDGET_FROZEN, ...). */
    public void denied(String reasonCode) {
        denied.computeIfAbsent(reasonCode, r -> counter("denied", r)).increment();
    }

    public void committed() {
        committed.increment();
    }

    public void released() {
        released.increment();
    }

    public void extended() {
        extended.increment();
    }

    public void expired(int count) {
        expired.increment(count);
    }
}
