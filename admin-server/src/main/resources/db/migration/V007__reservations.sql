-- The runtime plane: reservations, runtime idempotency records and usage events (POST /v1/events).
-- Times are epoch milliseconds (UTC).
--
-- A reservation row also carries what a live reserve used to write elsewhere, so a reserve is one
-- insert: ledger_ids, the budgeted ledgers it holds (a JSON array of ledger ids in hold order,
-- top-down, frozen at reserve time: commit and release touch these, no others), and its replay
-- record (reserve_hash, the request digest; reserve_body, the exact first 200 body; replay_until_ms,
-- the end of the replay window), found through reservations_tenant_key.
CREATE TABLE reservations (
    reservation_id      TEXT PRIMARY KEY,
    tenant_id           TEXT NOT NULL,
    status              TEXT NOT NULL,
    unit                TEXT NOT NULL,
    estimate            INTEGER NOT NULL CHECK (estimate >= 0),
    scope_path          TEXT NOT NULL,
    affected_scopes     TEXT NOT NULL,
    subject             TEXT NOT NULL,
    action              TEXT NOT NULL,
    metadata            TEXT,
    overage_policy      TEXT NOT NULL,
    created_at_ms       INTEGER NOT NULL,
    expires_at_ms       INTEGER NOT NULL,
    grace_ms            INTEGER NOT NULL,
    max_extensions      INTEGER NOT NULL,
    extension_count     INTEGER NOT NULL DEFAULT 0,
    reserve_key         TEXT NOT NULL,
    ledger_ids          TEXT NOT NULL,
    reserve_hash        TEXT NOT NULL,
    reserve_body        TEXT NOT NULL,
    replay_until_ms     INTEGER NOT NULL,
    created_by_key      TEXT,
    request_id          TEXT,
    trace_id            TEXT,
    committed_amount    INTEGER,
    debt_incurred       INTEGER,
    finalized_at_ms     INTEGER,
    expired_at_ms       INTEGER,
    release_reason      TEXT,
    released_by         TEXT,
    commit_key          TEXT,
    commit_hash         TEXT,
    commit_body         TEXT,
    committed_metadata  TEXT,
    metrics             TEXT,
    release_key         TEXT,
    release_hash        TEXT,
    release_body        TEXT
);
CREATE INDEX reservations_tenant_created ON reservations(tenant_id, created_at_ms, reservation_id);
-- created_at_ms last: a reserve key's newest row (its replay record) is found without a sort.
CREATE INDEX reservations_tenant_key ON reservations(tenant_id, reserve_key, created_at_ms);
CREATE INDEX reservations_active_expiry ON reservations(expires_at_ms + grace_ms) WHERE status = 'ACTIVE';

-- Remembered successes for replay: endpoint is reserve (dry runs only: a live reserve's record is its
-- reservation row), decide, event or extend:<reservation_id>.
CREATE TABLE runtime_idempotency (
    tenant_id     TEXT NOT NULL,
    endpoint      TEXT NOT NULL,
    idem_key      TEXT NOT NULL,
    payload_hash  TEXT NOT NULL,
    resource_id   TEXT,
    body          TEXT NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, endpoint, idem_key)
) WITHOUT ROWID;
CREATE INDEX runtime_idempotency_expiry ON runtime_idempotency(expires_at_ms);

-- Direct charges without a reservation (POST /v1/events). Not governance events: never in the event stream.
CREATE TABLE usage_events (
    event_id        TEXT PRIMARY KEY,
    tenant_id       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    action          TEXT NOT NULL,
    unit            TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    charged         INTEGER NOT NULL,
    overage_policy  TEXT NOT NULL,
    scope_path      TEXT NOT NULL,
    affected_scopes TEXT NOT NULL,
    metrics         TEXT,
    client_time_ms  INTEGER,
    metadata        TEXT,
    created_at_ms   INTEGER NOT NULL,
    idem_key        TEXT NOT NULL,
    created_by_key  TEXT
);
CREATE INDEX usage_events_tenant_created ON usage_events(tenant_id, created_at_ms)
