package dev.cycles.admin.model;

/** Which subscriptions a webhook bulk action touches: the list's filters (at least one). */
public record WebhookBulkFilter(String tenantId, WebhookStatus status, String eventType, String search) {
}
