package dev.cycles.admin.model;

import java.util.Map;

/** Body of PATCH /v1/admin/tenants/{id}; absent fields are left as they are. */
public record TenantUpdateRequest(
        String name,
        TenantStatus status,
        Map<String, String> metadata,
        CommitOveragePolicy defaultCommitOveragePolicy,
        Long defaultReservationTtlMs,
        Long maxReservationTtlMs,
        Long maxReservationExtensions) {
}
