package dev.cycles.admin.server;

import dev.cycles.admin.server.http.ApiException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/** Field validation shared by the services; each failure is a 400 naming the field and the rule. */
public final class Check {
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9-]{3,64}");
    /** The earliest time a client may send: the epoch (nothing in this system happened before). */
    public static final Instant EARLIEST_TIME = Instant.EPOCH;
    /** The latest time a client may send: the end of the last four-digit year RFC 3339 can write. */
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private Check() {
    }

    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw ApiException.badRequest("Field '" + field + "' is required");
        }
        return value;
    }

    public static void maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest("Field '" + field + "' must be at most " + max + " characters");
        }
    }

    public static void range(Long value, long min, long max, String field) {
        if (value != null && (value < min || value > max)) {
            throw ApiException.badRequest("Field '" + field + "' must be between " + min + " and " + max);
        }
    }

    public static void tenantId(String value, String field) {
        required(value, field);
        if (!TENANT_ID.matcher(value).matches()) {
            throw ApiException.badRequest("Field '" + field
                    + "' must be 3-64 characters of lowercase letters, digits and '-'");
        }
    }

    public static void maxEntries(Map<?, ?> map, int max, String field) {
        if (map != null && map.size() > max) {
            throw ApiException.badRequest("Field '" + field + "' may hold at most " + max + " entries");
        }
    }

    /**
     * A time a client sent in a body field, at the database's precision (milliseconds). Every time
     * that reaches a store goes through here: {@code Instant} holds years far beyond what epoch
     * milliseconds can, so anything outside 1970..9999 is a 400 naming the field, never an overflow.
     */
    public static Instant time(Instant value, String field) {
        return bounded(value, "Field '" + field + "'");
    }

    /** {@link #time} for a query parameter. */
    public static Instant queryTime(Instant value, String name) {
        return bounded(value, "Query parameter '" + name + "'");
    }

    private static Instant bounded(Instant value, String what) {
        if (value == null) {
            return null;
        }
        if (value.isBefore(EARLIEST_TIME) || value.isAfter(LATEST_TIME)) {
            throw ApiException.badRequest(what + " must be a time between " + EARLIEST_TIME + " and "
                    + LATEST_TIME + " (years 1970 to 9999)");
        }
        return value.truncatedTo(ChronoUnit.MILLIS);
    }
}
