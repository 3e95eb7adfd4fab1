-- Tenants, API keys, the audit trail and the event log. Times are epoch milliseconds (UTC).
CREATE TABLE tenants (
    tenant_id                     TEXT PRIMARY KEY,
    name                          TEXT NOT NULL,
    status                        TEXT NOT NULL,
    parent_tenant_id              TEXT,
    default_commit_overage_policy TEXT NOT NULL,
    default_reservation_ttl_ms    INTEGER NOT NULL,
    max_reservation_ttl_ms        INTEGER NOT NULL,
    max_reservation_extensions    INTEGER NOT NULL,
    reservation_expiry_policy     TEXT NOT NULL,
    metadata                      TEXT,
    created_at                    INTEGER NOT NULL,
    updated_at                    INTEGER,
    suspended_at                  INTEGER,
    closed_at                     INTEGER
);
CREATE INDEX tenants_created ON tenants(created_at, tenant_id);
CREATE INDEX tenants_status ON tenants(status);

CREATE TABLE api_keys (
    key_id         TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL REFERENCES tenants(tenant_id),
    key_prefix     TEXT NOT NULL,
    key_digest     TEXT NOT NULL UNIQUE,
    name           TEXT,
    description    TEXT,
    permissions    TEXT NOT NULL,
    scope_filter   TEXT,
    status         TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER,
    expires_at     INTEGER NOT NULL,
    revoked_at     INTEGER,
    revoked_reason TEXT,
    metadata       TEXT
);
CREATE INDEX api_keys_tenant ON api_keys(tenant_id, created_at);
CREATE INDEX api_keys_created ON api_keys(created_at, key_id);

CREATE TABLE audit_logs (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    log_id        TEXT NOT NULL UNIQUE,
    timestamp     INTEGER NOT NULL,
    tenant_id     TEXT NOT NULL,
    key_id        TEXT,
    user_agent    TEXT,
    source_ip     TEXT,
    operation     TEXT NOT NULL,
    resource_type TEXT,
    resource_id   TEXT,
    request_id    TEXT,
    trace_id      TEXT,
    status        INTEGER,
    error_code    TEXT,
    metadata      TEXT
);
CREATE INDEX audit_tenant_time ON audit_logs(tenant_id, timestamp);
CREATE INDEX audit_time ON audit_logs(timestamp);
CREATE INDEX audit_trace ON audit_logs(trace_id);
CREATE INDEX audit_request ON audit_logs(request_id);
CREATE INDEX audit_operation ON audit_logs(operation, timestamp);
CREATE INDEX audit_error ON audit_logs(error_code, timestamp);
CREATE INDEX audit_resource ON audit_logs(resource_id);

CREATE TABLE events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT NOT NULL UNIQUE,
    event_type     TEXT NOT NULL,
    category       TEXT NOT NULL,
    timestamp      INTEGER NOT NULL,
    tenant_id      TEXT NOT NULL,
    scope          TEXT,
    source         TEXT NOT NULL,
    actor          TEXT,
    data           TEXT,
    correlation_id TEXT,
    request_id     TEXT,
    trace_id       TEXT
);
CREATE INDEX events_tenant_time ON events(tenant_id, timestamp);
CREATE INDEX events_type ON events(event_type, timestamp);
CREATE INDEX events_correlation ON events(correlation_id);
CREATE INDEX events_trace ON events(trace_id)
