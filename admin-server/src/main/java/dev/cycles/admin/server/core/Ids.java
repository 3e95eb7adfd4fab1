package dev.cycles.admin.server.core;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers for rows, requests and traces. They identify, they do not protect: a fast non-cryptographic source is enough. */
public final class Ids {
    private Ids() {
    }

    /**
     * A random 128-bit id with a prefix, e.g. {@code whk_3f...}: unique, not secret. Rows written
     * on every request (audit rows, events) use {@link #newTimeOrderedId} instead.
     */
    public static String newId(String prefix) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return prefix + HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextLong());
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

    /**
     * A trace id for a request that brought none: 32 lowercase hex digits (W3C trace-context), the
     * first 12 the epoch milliseconds and the other 20 random, so never all zero, and the
     * right-most bytes random as trace-context Level 2 asks. Audit rows and events index trace_id;
     * a time-ordered id lands at the end of those indexes instead of on a random page per write.
     */
    public static String newTraceId() {
        return newTimeOrderedId("", System.currentTimeMillis());
    }

    /**
     * A version-7 UUID (RFC 9562): 48 bits of epoch milliseconds, then random bits. Audit rows and
     * events index request_id; a time-ordered id lands at the end of that index, next to the
     * previous request's, instead of on a random page that each commit must write out again.
     */
    public static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (r.nextInt() & 0x0FFF);
        return new UUID(hi, r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }
}
