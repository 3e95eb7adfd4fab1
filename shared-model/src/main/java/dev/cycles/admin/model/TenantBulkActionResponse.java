package dev.cycles.admin.model;

import java.util.List;

/** Answer of POST /v1/admin/tenants/bulk-action; row ids are tenant_ids. */
public record TenantBulkActionResponse(TenantBulkAction action, long totalMatched, List<BulkActionRowOutcome> succeeded,
                                       List<BulkActionRowOutcome> failed, List<BulkActionRowOutcome> skipped,
                                       String idempotencyKey) {
}
