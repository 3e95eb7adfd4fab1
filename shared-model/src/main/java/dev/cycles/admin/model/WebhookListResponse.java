package dev.cycles.admin.model;

import java.util.List;

public record WebhookListResponse(List<WebhookSubscription> subscriptions, String nextCursor, boolean hasMore) {
}
