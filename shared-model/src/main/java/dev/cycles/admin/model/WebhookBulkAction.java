package dev.cycles.admin.model;

/** The action of POST /v1/admin/webhooks/bulk-action. */
public enum WebhookBulkAction {
    PAUSE, RESUME, DELETE
}
