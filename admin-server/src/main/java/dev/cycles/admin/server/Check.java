package dev.cycles.admin.server;

import dev.cycles.admin.server.http.ApiException;

import java.util.Map;
import java.util.regex.Pattern;

/** Field validation shared by the services; each failure is a 400 naming the field and the rule. */
public final class Check {
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9-]{3,64}");

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
}
