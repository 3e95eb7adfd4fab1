package dev.cycles.admin.server.tenant;

import dev.cycles.admin.model.TenantStatus;

/** What a list of tenant rows is narrowed to; null means "any". */
public record TenantFilter(TenantStatus status, String parentTenantId, String search) {
}
