package dev.cycles.admin.model;

import java.util.List;
import java.util.Map;

public record WebhookCreateRequest(String name, String description, String url, List<String> eventTypes,
                                   List<String> eventCategories, String scopeFilter, WebhookThresholdConfig thresholds,
                                   String signingSecret, Map<String, String> headers, WebhookRetryPolicy retryPolicy,
                                   Long disableAfterFailures, Map<String, Object> metadata) {
}
