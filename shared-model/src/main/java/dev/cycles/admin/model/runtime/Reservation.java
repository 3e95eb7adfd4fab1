package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;

import java.util.List;
import java.util.Map;

/**
 * A reservation as GET /v1/reservations/{id} (ReservationDetail) and the list
 * (ReservationSummary) show it; the list sends the two metadata fields only when asked to.
 */
public record Reservation(String reservationId, ReservationStatus status, String idempotencyKey, Subject subject,
                          Action action, Amount reserved, Amount committed, Long createdAtMs, Long expiresAtMs,
                          Long finalizedAtMs, String scopePath, List<String> affectedScopes,
                          Map<String, Object> metadata, Map<String, Object> committedMetadata) {

    /** This reservation without the two metadata objects (a list row not asked to include them). */
    public Reservation withMetadata(boolean reserveTime, boolean commitTime) {
        return new Reservation(reservationId, status, idempotencyKey, subject, action, reserved, committed, createdAtMs,
                expiresAtMs, finalizedAtMs, scopePath, affectedScopes, reserveTime ? metadata : null,
                commitTime ? committedMetadata : null);
    }
}
