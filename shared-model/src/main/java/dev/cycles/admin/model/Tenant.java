package dev.cycles.admin.model;

import java.time.Instant;
import java.util.Map;

public record Tenant(
        String tenantId,
        String name,
        TenantStatus status,
        String parentTenantId,
        CommitOveragePolicy defaultCommitOveragePolicy,
        Long defaultReservationTtlMs,
        Long maxReservationTtlMs,
        Long maxReservationExtensions,
        ReservationExpiryPolicy reservationExpiryPolicy,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt,
        Instant suspendedAt,
        Instant closedAt) {
}
