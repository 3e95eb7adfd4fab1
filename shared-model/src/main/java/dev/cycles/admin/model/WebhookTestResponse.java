package dev.cycles.admin.model;

public record WebhookTestResponse(boolean success, Integer responseStatus, Long responseTimeMs, String errorMessage,
                                  String eventId) {
}
