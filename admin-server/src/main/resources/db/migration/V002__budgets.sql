-- Budget ledgers. remaining is derived (allocated - spent - reserved - debt) so it can never drift.
CREATE TABLE budgets (
    ledger_id             TEXT PRIMARY KEY,
    tenant_id             TEXT NOT NULL REFERENCES tenants(tenant_id),
    scope                 TEXT NOT NULL,
    unit                  TEXT NOT NULL,
    allocated             INTEGER NOT NULL,
    spent                 INTEGER NOT NULL DEFAULT 0,
    reserved              INTEGER NOT NULL DEFAULT 0,
    debt                  INTEGER NOT NULL DEFAULT 0,
    overdraft_limit       INTEGER NOT NULL DEFAULT 0,
    is_over_limit         INTEGER NOT NULL DEFAULT 0,
    commit_overage_policy TEXT,
    status                TEXT NOT NULL,
    rollover_policy       TEXT NOT NULL,
    period_start          INTEGER,
    period_end            INTEGER,
    metadata              TEXT,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER,
    closed_at             INTEGER,
    UNIQUE (scope, unit)
);
CREATE INDEX budgets_tenant ON budgets(tenant_id, scope);

CREATE TABLE fund_idempotency (
    tenant_id       TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    payload_digest  TEXT NOT NULL,
    response        TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
)
