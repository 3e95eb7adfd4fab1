package dev.cycles.admin.model;

/** A subscription's state: ACTIVE delivers; PAUSED (by a client) and DISABLED (by the server) drop events. */
public enum WebhookStatus {
    ACTIVE, PAUSED, DISABLED
}
