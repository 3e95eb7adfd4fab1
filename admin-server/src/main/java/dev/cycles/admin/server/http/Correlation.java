package dev.cycles.admin.server.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Picks the trace id per the protocol: valid traceparent, else X-Cycles-Trace-Id, else a fresh one. */
public final class Correlation {
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private Correlation() {
    }

    public static String traceId(String traceparent, String cyclesTraceId) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN)) {
                return m.group(1);
            }
        }
        if (cyclesTraceId != null) {
            String t = cyclesTraceId.trim();
            if (TRACE_ID.matcher(t).matches() && !t.equals(ZERO_TRACE)) {
                return t;
            }
        }
        return newTraceId();
    }

    /** Trace and request ids identify, they do not protect: a fast non-cryptographic source is enough. */
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

    /** A random 128-bit id with a prefix, e.g. {@code log_3f...}: unique, not secret. */
    public static String newId(String prefix) {
        return prefix + newTraceId();
    }

    public static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new java.util.UUID(r.nextLong() & 0xffffffffffff0fffL | 0x4000L, r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    public static boolean isTraceId(String value) {
        return value != null && TRACE_ID.matcher(value).matches();
    }
}
