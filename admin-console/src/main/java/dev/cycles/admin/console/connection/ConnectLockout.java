package dev.cycles.admin.console.connection;

import java.util.function.LongSupplier;

/**
 * Guessing the admin key is slowed down: after 3 rejected keys in a row Connect locks for 5 s, then
 * 10, 20, 40 and at most 60 s per further rejection (the web dashboard's rule). A server that cannot
 * be reached is not a wrong key and does not count; a key that works resets the count.
 */
public final class ConnectLockout {
    /** Rejections allowed before the first lock. */
    static final int FREE_TRIES = 3;

    private final LongSupplier clock;
    private int failures;
    private long lockedUntilMs;

    public ConnectLockout(LongSupplier clock) {
        this.clock = clock;
    }

    /** Seconds of lock after the {@code n}-th rejection in a row: min(60, 5 * 2^(n-3)), none before the third. */
    static long lockSeconds(int n) {
        if (n < FREE_TRIES) {
            return 0;
        }
        return Math.min(60, 5L << Math.min(n - FREE_TRIES, 4));
    }

    public void rejected() {
        failures++;
        long s = lockSeconds(failures);
        if (s > 0) {
            lockedUntilMs = clock.getAsLong() + s * 1000;
        }
    }

    public void accepted() {
        failures = 0;
        lockedUntilMs = 0;
    }

    /** Whole seconds left of the lock (rounded up), 0 when Connect may be tried. */
    public long remainingSeconds() {
        long left = lockedUntilMs - clock.getAsLong();
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    /** A key the server refused (401/403) or one that is not the admin's; an unreachable server is not. */
    static boolean keyRejected(dev.cycles.admin.console.client.AdminApiException e) {
        return e.status() == 401 || e.status() == 403 || "NOT_ADMIN".equals(e.code());
    }

    /** Why Connect refuses now, or "" when it may be tried. */
    String lockedMessage() {
        long s = remainingSeconds();
        return s > 0 ? "Locked after " + failures + " rejected keys: try again in " + s + " s" : "";
    }

    /** Appended to a rejection: that Connect is now locked, and for how long. */
    String note() {
        long s = remainingSeconds();
        return s > 0 ? " (" + failures + " rejected keys in a row: Connect is locked for " + s + " s)" : "";
    }

    public int failures() {
        return failures;
    }
}
