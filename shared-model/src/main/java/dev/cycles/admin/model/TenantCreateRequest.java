package dev.cycles.admin.model;

import java.util.Map;

/**
 * Body of POST /v1/admin/tenants. {@code status} is not in the spec's create schema; the public
 * guide sends it, so ACTIVE or SUSPENDED are accepted and decide the new tenant's status.
 */
public record TenantCreateRequest(
        String tenantId,
        String name,
        String parentTenantId,
        Map<String, String> metadata,
        CommitOveragePolicy defaultCommitOveragePolicy,
        Long defaultReservationTtlMs,
        Long maxReservationTtlMs,
        Long maxReservationExtensions,
        ReservationExpiryPolicy reservationExpiryPolicy,
        TenantStatus status) {
}
