package dev.cycles.admin.model;

import java.time.Instant;

/**
 * Body of POST /v1/admin/policies. {@code overage_policy} is not in the spec: the public guide
 * sends it, so it is accepted as {@code commit_overage_policy} (both given and different: 400).
 */
public record PolicyCreateRequest(
        String tenantId,
        String name,
        String description,
        String scopePattern,
        Long priority,
        Caps caps,
        CommitOveragePolicy commitOveragePolicy,
        ReservationTtlOverride reservationTtlOverride,
        RateLimits rateLimits,
        Instant effectiveFrom,
        Instant effectiveUntil,
        CommitOveragePolicy overagePolicy) {
}
