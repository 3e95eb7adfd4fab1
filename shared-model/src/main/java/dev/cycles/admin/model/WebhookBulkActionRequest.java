package dev.cycles.admin.model;

/** Body of POST /v1/admin/webhooks/bulk-action. */
public record WebhookBulkActionRequest(WebhookBulkFilter filter, WebhookBulkAction action, Long expectedCount, String idempotencyKey) {
}
