package dev.cycles.admin.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down key guessing: a client address that presents more than {@code limit} wrong keys in
 * one window is refused (429) for the rest of that window, whatever key it sends. Other
 * addresses are not affected. Missing keys do not count; only wrong ones are guesses.
 */
public final class AuthThrottle {
    private static final int MAX_TRACKED = 100_000;

    private final int limit;
    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    public AuthThrottle(int limit, long windowMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    /** Seconds the address must wait, or 0 when it may try. */
    public long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        if (w == null) {
            return 0;
        }
        long now = System.currentTimeMillis();
        synchronized (w) {
            if (now - w.start >= windowMillis) {
                windows.remove(address, w);
                return 0;
            }
            return w.failures >= limit ? Math.max(1, (w.start + windowMillis - now + 999) / 1000) : 0;
        }
    }

    public void recordFailure(String address) {
        long now = System.currentTimeMillis();
        if (windows.size() > MAX_TRACKED) {
            windows.entrySet().removeIf(e -> now - e.getValue().start >= windowMillis);
        }
        Window w = windows.compute(address, (k, old) -> old == null || now - old.start >= windowMillis ? new Window(now) : old);
        synchronized (w) {
            w.failures++;
        }
    }
}
