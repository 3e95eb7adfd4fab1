package dev.cycles.admin.model;

/** The one answer that carries the signing secret. */
public record WebhookCreateResponse(WebhookSubscription subscription, String signingSecret) {
}
