package dev.cycles.admin.model;

/** Bounds of every reservation TTL setting (tenant defaults and maximums, policy overrides): 1 s to 24 h, in ms. */
public final class ReservationTtl {
    public static final long MIN_MS = 1_000;
    public static final long MAX_MS = 86_400_000;

    private ReservationTtl() {
    }

    public static boolean isValid(long ms) {
        return ms >= MIN_MS && ms <= MAX_MS;
    }
}
