package dev.cycles.admin.server.reservation;

import dev.cycles.admin.server.ledger.RequestDigest;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.server.core.ApiException;

import java.util.List;
import java.util.Map;

/**
 * What GET /v1/reservations selects. Null means "any". {@code segments} maps a subject level
 * (workspace, app, ...) to the value its scope_path must hold; the six bounds are epoch
 * milliseconds, inclusive. {@code tenantId} and {@code scopeFilter} are filled in from the caller
 * by {@link ReservationQueries#list}, never taken from the client as such.
 */
public record ReservationFilter(String tenantId, String idempotencyKey, ReservationStatus status, Map<String, String> segments,
                                Long createdFrom, Long createdTo, Long expiresFrom, Long expiresTo, Long finalizedFrom,
                                Long finalizedTo, List<String> scopeFilter) {

    /** The subject levels a list may filter on, in scope order (the tenant is the caller's, not a filter). */
    public static final List<String> LEVELS = List.of("workspace", "app", "workflow", "agent", "toolset");

    ReservationFilter forCaller(String tenant, List<String> keyScopeFilter) {
        return new ReservationFilter(tenant, idempotencyKey, status, segments, createdFrom, createdTo, expiresFrom, expiresTo,
                finalizedFrom, finalizedTo, keyScopeFilter);
    }

    /** Each window's lower bound not after its upper bound; a reserve key within the spec's length. Otherwise a 400. */
    void requireValid() {
        window(createdFrom, createdTo, "from", "to");
        window(expiresFrom, expiresTo, "expires_from", "expires_to");
        window(finalizedFrom, finalizedTo, "finalized_from", "finalized_to");
        if (idempotencyKey != null && idempotencyKey.length() > 256) {
            throw ApiException.badRequest("idempotency_key must be at most 256 characters");
        }
    }

    /**
     * A digest of everything that selects rows, so a cursor only continues the list it came from.
     * The paging (cursor, limit) and the {@code include} projection are not part of it.
     */
    String digest() {
        return RequestDigest.of(this).substring(0, 16);
    }

    private static void window(Long from, Long to, String fromName, String toName) {
        if (from != null && to != null && from > to) {
            throw ApiException.badRequest(fromName + " must not be later than " + toName);
        }
    }
}
