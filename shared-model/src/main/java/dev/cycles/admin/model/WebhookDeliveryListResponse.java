package dev.cycles.admin.model;

import java.util.List;

public record WebhookDeliveryListResponse(List<WebhookDelivery> deliveries, String nextCursor, boolean hasMore) {
}
