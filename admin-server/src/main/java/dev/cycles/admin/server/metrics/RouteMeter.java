package dev.cycles.admin.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Requests of one route on one plane: a latency histogram over fixed buckets, and a count per
 * answered status. Labels are the operationId and plane, never the raw path, so the number of
 * series is bounded by the route table (unmatched paths share the operation "unknown").
 * Meters are registered on a route's first request, so a scrape lists only routes in use;
 * counters per status are found by a scan of a short array (a route answers a handful of
 * statuses), and a status seen for the first time registers its counter once.
 */
public final class RouteMeter {
    /** From a cached read to a slow fund under load; enough to see a percentile move, few enough to keep series down. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private record ByStatus(int status, Counter counter) {
    }

    private final MeterRegistry registry;
    private final String plane;
    private final String operation;
    private volatile Timer latency;
    private volatile ByStatus[] counters = new ByStatus[0];

    RouteMeter(MeterRegistry registry, String plane, String operation) {
        this.registry = registry;
        this.plane = plane;
        this.operation = operation;
    }

    /** One answered request. */
    public void record(int status, long nanos) {
        Timer t = latency;
        if (t == null) {
            // Registering twice is harmless: the registry answers the same timer.
            t = Timer.builder("cycles.http.request.duration")
                    .description("Time from routing a request to its answer, by operation")
                    .tags("plane", plane, "operation", operation)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            latency = t;
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
        counter(status).increment();
    }

    private Counter counter(int status) {
        for (ByStatus b : counters) {
            if (b.status() == status) {
                return b.counter();
            }
        }
        return add(status);
    }

    private synchronized Counter add(int status) {
        ByStatus[] now = counters;
        for (ByStatus b : now) {
            if (b.status() == status) {
                return b.counter();
            }
        }
        Counter c = Counter.builder("cycles.http.requests")
                .description("Answered requests by operation, plane and status")
                .tags("plane", plane, "operation", operation, "status", Integer.toString(status))
                .register(registry);
        ByStatus[] grown = java.util.Arrays.copyOf(now, now.length + 1);
        grown[now.length] = new ByStatus(status, c);
        counters = grown;
        return c;
    }
}
