package dev.cycles.admin.model;

import java.util.List;
import java.util.Map;

/** A partial update: absent fields stay; arrays replace. {@code status} may be ACTIVE or PAUSED only. */
public record WebhookUpdateRequest(String name, String description, String url, List<String> eventTypes,
                                   List<String> eventCategories, String scopeFilter, WebhookThresholdConfig thresholds,
                                   String signingSecret, Map<String, String> headers, WebhookRetryPolicy retryPolicy,
                                   Long disableAfterFailures, WebhookStatus status, Map<String, Object> metadata) {
}
