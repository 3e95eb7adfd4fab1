package dev.cycles.admin.model.runtime;

import java.util.Map;

/** POST /v1/reservations/{id}/extend: move the expiry later by {@code extendByMs} (from the current expiry). */
public record ReservationExtendRequest(String idempotencyKey, Long extendByMs, Map<String, Object> metadata) {
}
