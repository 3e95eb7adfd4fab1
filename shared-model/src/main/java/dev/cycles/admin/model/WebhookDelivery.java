package dev.cycles.admin.model;

import java.time.Instant;

public record WebhookDelivery(String deliveryId, String subscriptionId, String eventId, String eventType,
                              WebhookDeliveryStatus status, Instant attemptedAt, Instant completedAt, Integer attempts,
                              Integer responseStatus, Long responseTimeMs, String errorMessage, Instant nextRetryAt,
                              String traceId, String traceFlags, Boolean traceparentInboundValid) {
}
