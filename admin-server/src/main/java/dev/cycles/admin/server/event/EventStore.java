package dev.cycles.admin.server.event;

import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Every statement that writes events. */
public final class EventStore {

    /** One event row; {@code actorJson} and {@code dataJson} are already serialised. */
    public record Row(String eventId, String eventType, String category, Instant timestamp, String tenantId, String scope,
                      String source, String actorJson, String dataJson, String correlationId, String requestId, String traceId) {
    }

    public void insert(Connection c, Row r) throws SQLException {
        Sql.update(c, "INSERT INTO events(event_id, event_type, category, timestamp, tenant_id, scope, source, actor, data,"
                        + " correlation_id, request_id, trace_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                r.eventId(), r.eventType(), r.category(), r.timestamp(), r.tenantId(), r.scope(), r.source(),
                r.actorJson(), r.dataJson(), r.correlationId(), r.requestId(), r.traceId());
    }
}
