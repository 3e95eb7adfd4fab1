package dev.cycles.admin.server.core;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers for rows, requests and traces. They identify, they do not protect: a fast non-cryptographic source is enough. */
public final class Ids {
    private Ids() {
    }

    /** A random 128-bit id with a prefix, e.g. {@code log_3f...}: unique, not secret. */
    public static String newId(String prefix) {
        return prefix + newTraceId();
    }

    /**
     * A time-ordered 128-bit id with a prefix: 48 bits of epoch milliseconds, then 80 random bits,
     * as 32 lowercase hex digits (the same shape as {@link #newId}). Ids made later sort later, so
     * a primary-key index on them grows at its end instead of touching a random page per insert.
     */
    public static String newTimeOrderedId(String prefix, long epochMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | (r.nextInt() & 0xFFFF);
        return prefix + HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(r.nextLong());
    }

    /** 32 lowercase hex digits, never all zero (W3C trace-context). */
    public static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi;
        long lo;
        do {
            hi = r.nextLong();
            lo = r.nextLong();
        } while (hi == 0 && lo == 0);
        return HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(lo);
    }

    /** A version-4 UUID. */
    public static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong() & 0xffffffffffff0fffL | 0x4000L, r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }
}
