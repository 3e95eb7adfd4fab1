package dev.cycles.admin.model;

/** Body of POST /v1/admin/tenants/bulk-action. */
public record TenantBulkActionRequest(TenantBulkFilter filter, TenantBulkAction action, Long expectedCount, String idempotencyKey) {
}
