package dev.cycles.admin.model.runtime;

/** POST /v1/reservations/{id}/release: give the whole hold back. */
public record ReleaseRequest(String idempotencyKey, String reason) {
}
