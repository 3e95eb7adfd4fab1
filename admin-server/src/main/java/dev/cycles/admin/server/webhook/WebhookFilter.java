package dev.cycles.admin.server.webhook;

import dev.cycles.admin.model.WebhookStatus;

/** What a list of subscriptions is narrowed to; null means "any". */
record WebhookFilter(String tenantId, WebhookStatus status, String eventType, String search) {
}
