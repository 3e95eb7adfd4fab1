package dev.cycles.admin.model;

import java.util.List;

public record TenantListResponse(List<Tenant> tenants, String nextCursor, boolean hasMore) {
}
