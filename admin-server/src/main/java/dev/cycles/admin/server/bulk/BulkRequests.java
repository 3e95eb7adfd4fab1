package dev.cycles.admin.server.bulk;

import dev.cycles.admin.server.core.ApiException;

/** Validation of the envelope every bulk-action request shares (spec: TenantBulkActionRequest and siblings). */
public final class BulkRequests {
    public static final int MAX_IDEMPOTENCY_KEY = 128;
    public static final int MAX_SEARCH = 128;

    private BulkRequests() {
    }

    /** {@code filter} is required: a missing filter is a 400 naming it. */
    public static <T> T filter(T filter) {
        if (filter == null) {
            throw ApiException.badRequest("Field 'filter' is required");
        }
        return filter;
    }

    public static <T> T action(T action) {
        if (action == null) {
            throw ApiException.badRequest("Field 'action' is required");
        }
        return action;
    }

    public static String idempotencyKey(String key) {
        if (key == null) {
            throw ApiException.badRequest("Field 'idempotency_key' is required");
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw ApiException.badRequest("Field 'idempotency_key' must be 1-" + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return key;
    }

    public static Long expectedCount(Long expected) {
        if (expected != null && expected < 0) {
            throw ApiException.badRequest("Field 'expected_count' must not be negative");
        }
        return expected;
    }

    /** The filter's search text (null or empty: none); over 128 characters is a 400, as on the lists. */
    public static String search(String search) {
        if (search != null && search.length() > MAX_SEARCH) {
            throw ApiException.badRequest("Field 'filter.search' must be at most " + MAX_SEARCH + " characters");
        }
        return search == null || search.isEmpty() ? null : search;
    }
}
