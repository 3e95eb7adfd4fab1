package dev.cycles.admin.model;

/**
 * Which tenants a bulk action touches: the query parameters of GET /v1/admin/tenants, AND-combined.
 * {@code observe_mode} (a v0.1.26 extension) is accepted and ignored, as the spec asks.
 */
public record TenantBulkFilter(TenantStatus status, String parentTenantId, String observeMode, String search) {
}
