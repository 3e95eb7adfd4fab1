-- Bulk actions (tenants, budgets, later webhooks): the first response per idempotency key,
-- replayed verbatim for 15 minutes. kind is the endpoint's key space (tenant, budget, webhook).
CREATE TABLE bulk_idempotency (
    kind            TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    payload_digest  TEXT    NOT NULL,
    response        TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (kind, idempotency_key)
);
CREATE INDEX bulk_idempotency_created ON bulk_idempotency(created_at);
