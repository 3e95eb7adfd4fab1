-- Most audit rows carry no error code (the call succeeded) and no key id (an admin-key call), and
-- most events no correlation id. The indexes on those columns now leave such rows out, so each
-- write updates three fewer index pages. The filters that use them (error_code, key_id,
-- correlation_id) still find every row they can match: a NULL never equals a filter value.
DROP INDEX IF EXISTS audit_error;
CREATE INDEX audit_error ON audit_logs(error_code, timestamp) WHERE error_code IS NOT NULL;
DROP INDEX IF EXISTS audit_key_time;
CREATE INDEX audit_key_time ON audit_logs(key_id, timestamp) WHERE key_id IS NOT NULL;
DROP INDEX IF EXISTS events_correlation;
CREATE INDEX events_correlation ON events(correlation_id) WHERE correlation_id IS NOT NULL;
