-- Indexes for GET /v1/admin/events and GET /v1/events: newest first overall, by category, by
-- scope prefix and by request id, each ending in seq so a keyset page is an index walk.
CREATE INDEX events_time_seq ON events(timestamp, seq);
CREATE INDEX events_tenant_time_seq ON events(tenant_id, timestamp, seq);
CREATE INDEX events_category_time ON events(category, timestamp, seq);
CREATE INDEX events_scope ON events(scope, timestamp);
CREATE INDEX events_request ON events(request_id);
