package dev.cycles.admin.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A subscription as the API returns it: never the signing secret; header values masked. */
public record WebhookSubscription(String subscriptionId, String tenantId, String name, String description, String url,
                                  List<String> eventTypes, List<String> eventCategories, String scopeFilter,
                                  WebhookThresholdConfig thresholds, Map<String, String> headers, WebhookStatus status,
                                  WebhookRetryPolicy retryPolicy, Integer disableAfterFailures, Integer consecutiveFailures,
                                  Instant createdAt, Instant updatedAt, Instant lastTriggeredAt, Instant lastSuccessAt,
                                  Instant lastFailureAt, Map<String, Object> metadata) {
    /** The owner of system-wide subscriptions (events of every tenant). */
    public static final String SYSTEM_TENANT = "__system__";
}
