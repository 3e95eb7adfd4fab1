package dev.cycles.admin.model;

import java.time.Instant;

/** A policy as the API returns it. The spec's Policy is strict and has no tenant_id. */
public record Policy(
        String policyId,
        String name,
        String description,
        String scopePattern,
        Integer priority,
        Caps caps,
        CommitOveragePolicy commitOveragePolicy,
        ReservationTtlOverride reservationTtlOverride,
        RateLimits rateLimits,
        PolicyStatus status,
        Instant effectiveFrom,
        Instant effectiveUntil,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the policy is in force at {@code at}: ACTIVE, and from <= at < until. */
    public boolean inForceAt(Instant at) {
        return status == PolicyStatus.ACTIVE
                && (effectiveFrom == null || !at.isBefore(effectiveFrom))
                && (effectiveUntil == null || at.isBefore(effectiveUntil));
    }
}
