package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.Ids;

import java.util.regex.Pattern;

/** Picks the trace id per the protocol: valid traceparent, else X-Cycles-Trace-Id, else a fresh one. */
public final class Correlation {
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private Correlation() {
    }

    /** The flags of a valid inbound traceparent (two hex digits), or null when there is none. */
    public static String traceFlags(String traceparent) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN)) {
                return m.group(3);
            }
        }
        return null;
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
        return Ids.newTraceId();
    }

    public static boolean isTraceId(String value) {
        return value != null && TRACE_ID.matcher(value).matches();
    }
}
