-- Webhook subscriptions, their delivery outbox and attempts, and the URL security settings.
-- Times are epoch milliseconds (UTC). Signing secrets and custom header values are stored only
-- encrypted (AES-GCM, key in DATA_DIR/webhook-secret.key); header names are kept in clear for masked reads.
CREATE TABLE webhook_subscriptions (
    subscription_id        TEXT PRIMARY KEY,
    tenant_id              TEXT NOT NULL,
    name                   TEXT,
    description            TEXT,
    url                    TEXT NOT NULL,
    event_types            TEXT NOT NULL,
    event_categories       TEXT NOT NULL,
    scope_filter           TEXT,
    thresholds             TEXT,
    secret_sealed          TEXT NOT NULL,
    header_names           TEXT,
    headers_sealed         TEXT,
    status                 TEXT NOT NULL,
    retry_policy           TEXT NOT NULL,
    disable_after_failures INTEGER NOT NULL,
    consecutive_failures   INTEGER NOT NULL DEFAULT 0,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER,
    last_triggered_at      INTEGER,
    last_success_at        INTEGER,
    last_failure_at        INTEGER,
    metadata               TEXT
);
CREATE INDEX webhooks_tenant_status ON webhook_subscriptions(tenant_id, status);
CREATE INDEX webhooks_status ON webhook_subscriptions(status);

CREATE TABLE webhook_deliveries (
    delivery_id               TEXT PRIMARY KEY,
    subscription_id           TEXT NOT NULL,
    event_id                  TEXT NOT NULL,
    event_type                TEXT NOT NULL,
    tenant_id                 TEXT NOT NULL,
    status                    TEXT NOT NULL,
    created_at                INTEGER NOT NULL,
    attempted_at              INTEGER,
    completed_at              INTEGER,
    attempts                  INTEGER NOT NULL DEFAULT 0,
    response_status           INTEGER,
    response_time_ms          INTEGER,
    error_message             TEXT,
    next_attempt_at           INTEGER,
    trace_id                  TEXT,
    trace_flags               TEXT,
    traceparent_inbound_valid INTEGER,
    replay_id                 TEXT
);
CREATE INDEX deliveries_subscription_created ON webhook_deliveries(subscription_id, created_at, delivery_id);
CREATE INDEX deliveries_due ON webhook_deliveries(status, next_attempt_at);

CREATE TABLE webhook_delivery_attempts (
    delivery_id      TEXT NOT NULL,
    attempt          INTEGER NOT NULL,
    attempted_at     INTEGER NOT NULL,
    response_status  INTEGER,
    response_time_ms INTEGER,
    error_message    TEXT,
    PRIMARY KEY (delivery_id, attempt)
);

CREATE TABLE webhook_security_config (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    blocked_cidr_ranges  TEXT NOT NULL,
    allowed_url_patterns TEXT NOT NULL,
    allow_http           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
)
