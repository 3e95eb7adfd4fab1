package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;

import java.util.Map;

/** POST /v1/reservations/{id}/commit: what the action really cost. */
public record CommitRequest(String idempotencyKey, Amount actual, StandardMetrics metrics, Map<String, Object> metadata) {
}
