package dev.cycles.admin.model;

import java.time.Instant;

/** Body of PATCH /v1/admin/policies/{policy_id}; every field optional, scope_pattern not patchable. */
public record PolicyUpdateRequest(
        String name,
        String description,
        Long priority,
        Caps caps,
        CommitOveragePolicy commitOveragePolicy,
        ReservationTtlOverride reservationTtlOverride,
        RateLimits rateLimits,
        Instant effectiveFrom,
        Instant effectiveUntil,
        PolicyStatus status,
        CommitOveragePolicy overagePolicy) {
}
