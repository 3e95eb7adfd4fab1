package dev.cycles.admin.server.core;

import dev.cycles.admin.model.TenantId;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.server.core.ApiException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Field validation shared by the services; each failure is a 400 naming the field and the rule. */
public final class Check {
    public static final Pattern TENANT_ID = TenantId.PATTERN;
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
            throw ApiException.badRequest("Field '" + field + "' must be " + TenantId.RULE);
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

    /** A metadata map: at most {@link Limits#METADATA_ENTRIES} entries, keys 1..{@link Limits#METADATA_KEY} characters, at most {@link Limits#METADATA_BYTES} bytes as JSON. */
    public static void metadata(Map<String, ?> map, String field) {
        if (map == null) {
            return;
        }
        maxEntries(map, Limits.METADATA_ENTRIES, field);
        for (String key : map.keySet()) {
            if (key == null || key.isEmpty() || key.length() > Limits.METADATA_KEY) {
                throw ApiException.badRequest("Field '" + field + "' keys must be 1-" + Limits.METADATA_KEY + " characters");
            }
        }
        int size;
        try {
            size = Json.mapper().writeValueAsBytes(map).length;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Field '" + field + "' cannot be stored as JSON");
        }
        if (size > Limits.METADATA_BYTES) {
            throw ApiException.badRequest("Field '" + field + "' must be at most " + Limits.METADATA_BYTES
                    + " bytes as JSON (it is " + size + ")");
        }
    }

    /** A list of at most {@code maxItems} non-blank strings of at most {@code maxLength} characters each. */
    public static void strings(List<String> list, int maxItems, int maxLength, String field) {
        if (list == null) {
            return;
        }
        maxItems(list, maxItems, field);
        for (String s : list) {
            if (s == null || s.isBlank()) {
                throw ApiException.badRequest("Field '" + field + "' may not contain empty entries");
            }
            if (s.length() > maxLength) {
                throw ApiException.badRequest("Field '" + field + "' entries must be at most " + maxLength + " characters");
            }
        }
    }

    public static void maxItems(List<?> list, int max, String field) {
        if (list != null && list.size() > max) {
            throw ApiException.badRequest("Field '" + field + "' may hold at most " + max + " entries");
        }
    }
}
