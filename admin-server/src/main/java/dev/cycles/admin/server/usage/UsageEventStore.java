package dev.cycles.admin.server.usage;

import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQL for the usage_events table: one row per applied POST /v1/events. These rows are the
 * record of a direct charge (who, what, how much was asked and charged, under which policy);
 * they are never governance events and never enter the event stream.
 */
public final class UsageEventStore {

    /** One applied charge; the JSON columns hold the request's subject, action, metrics and metadata as sent. */
    public record Row(String eventId, String tenantId, String subjectJson, String actionJson, UnitEnum unit, long amount,
                      long charged, CommitOveragePolicy overagePolicy, String scopePath, String affectedScopesJson,
                      String metricsJson, Long clientTimeMs, String metadataJson, long createdAtMs, String idempotencyKey,
                      String createdByKey) {
    }

    public void insert(Connection c, Row r) throws SQLException {
        Sql.update(c, "INSERT INTO usage_events(event_id, tenant_id, subject, action, unit, amount, charged, overage_policy,"
                        + " scope_path, affected_scopes, metrics, client_time_ms, metadata, created_at_ms, idem_key, created_by_key)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.eventId(), r.tenantId(), r.subjectJson(), r.actionJson(), r.unit(), r.amount(), r.charged(), r.overagePolicy(),
                r.scopePath(), r.affectedScopesJson(), r.metricsJson(), r.clientTimeMs(), r.metadataJson(), r.createdAtMs(),
                r.idempotencyKey(), r.createdByKey());
    }
}
