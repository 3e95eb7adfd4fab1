package dev.cycles.admin.model;

import java.util.List;

/** Answer of POST /v1/admin/webhooks/bulk-action; row ids are subscription_ids. */
public record WebhookBulkActionResponse(WebhookBulkAction action, long totalMatched, List<BulkActionRowOutcome> succeeded,
                                        List<BulkActionRowOutcome> failed, List<BulkActionRowOutcome> skipped,
                                        String idempotencyKey) {
}
