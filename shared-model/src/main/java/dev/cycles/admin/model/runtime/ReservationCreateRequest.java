package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.CommitOveragePolicy;

import java.util.Map;

/** POST /v1/reservations: hold {@code estimate} on every budgeted scope of the subject (or, with dryRun, only evaluate). */
public record ReservationCreateRequest(String idempotencyKey, Subject subject, Action action, Amount estimate,
                                       Long ttlMs, Long gracePeriodMs, CommitOveragePolicy overagePolicy, Boolean dryRun,
                                       Map<String, Object> metadata) {
}
