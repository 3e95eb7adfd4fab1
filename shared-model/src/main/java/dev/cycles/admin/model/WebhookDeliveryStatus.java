package dev.cycles.admin.model;

/** PENDING (queued), RETRYING (failed, retry scheduled), SUCCESS (2xx), FAILED (retries exhausted or cancelled). */
public enum WebhookDeliveryStatus {
    PENDING, SUCCESS, FAILED, RETRYING
}
