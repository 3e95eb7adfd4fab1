-- Policies, and the audit indexes the filtered audit-log queries use. Times are epoch ms (UTC).
CREATE TABLE policies (
    policy_id                TEXT PRIMARY KEY,
    tenant_id                TEXT NOT NULL REFERENCES tenants(tenant_id),
    name                     TEXT NOT NULL,
    description              TEXT,
    scope_pattern            TEXT NOT NULL,
    priority                 INTEGER NOT NULL,
    caps                     TEXT,
    commit_overage_policy    TEXT,
    reservation_ttl_override TEXT,
    rate_limits              TEXT,
    status                   TEXT NOT NULL,
    effective_from           INTEGER,
    effective_until          INTEGER,
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER,
    UNIQUE (tenant_id, name)
);
CREATE INDEX policies_tenant_created ON policies(tenant_id, created_at, policy_id);

CREATE INDEX audit_key_time ON audit_logs(key_id, timestamp);
CREATE INDEX audit_status_time ON audit_logs(status, timestamp);
CREATE INDEX audit_resource_type_time ON audit_logs(resource_type, timestamp)
