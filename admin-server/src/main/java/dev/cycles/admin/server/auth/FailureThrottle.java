package dev.cycles.admin.server.auth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests that fail authentication (missing or wrong keys) per client address and in
 * total, per window. Past a limit, failing requests are answered 429 and audited as a summary
 * instead of a row each. Requests with valid credentials are never looked at here: behind a
 * proxy everyone shares one address, and an operator must not be locked out by someone else's
 * failures. (Generated keys carry 256 random bits, so the throttle limits cost, not guessing.)
 */
public final class FailureThrottle {
    /** The summary key used once failures from all addresses together pass the global limit. */
    public static final String ALL_ADDRESSES = "*";
    private static final int MAX_TRACKED = 100_000;

    private final int perAddressLimit;
    private final int globalLimit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile Window global;

    /** What to do with one failed request. {@code summaryKey} names its summary when throttled. */
    public record Verdict(boolean throttled, long retryAfterSeconds, String summaryKey, long windowStart) {
    }

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    public FailureThrottle(int perAddressLimit, long windowMillis, Clock clock) {
        this.perAddressLimit = perAddressLimit;
        // Many addresses (the loopback alone has millions) must not add up to an unbounded audit.
        this.globalLimit = (int) Math.min(Integer.MAX_VALUE, Math.max(300L, perAddressLimit * 10L));
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.global = new Window(clock.millis());
    }

    public Verdict recordFailure(String address) {
        long now = clock.millis();
        if (windows.size() > MAX_TRACKED) {
            windows.entrySet().removeIf(e -> now - e.getValue().start >= windowMillis);
        }
        Window w = windows.compute(address, (k, old) -> old == null || now - old.start >= windowMillis ? new Window(now) : old);
        Window all = global;
        if (now - all.start >= windowMillis) {
            synchronized (this) {
                if (global == all) {
                    global = new Window(now);
                }
                all = global;
            }
        }
        int mine;
        synchronized (w) {
            mine = ++w.failures;
        }
        if (mine > perAddressLimit) {
            return new Verdict(true, retryAfter(w, now), address, w.start);
        }
        // Only failures that would be audited one by one count here: the global limit caps those rows.
        int total;
        synchronized (all) {
            total = ++all.failures;
        }
        if (total > globalLimit) {
            return new Verdict(true, retryAfter(all, now), ALL_ADDRESSES, all.start);
        }
        return new Verdict(false, 0, null, w.start);
    }

    private long retryAfter(Window w, long now) {
        return Math.max(1, (w.start + windowMillis - now + 999) / 1000);
    }
}
