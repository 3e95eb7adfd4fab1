package dev.cycles.admin.server.event;

import dev.cycles.admin.server.Time;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.http.Principal;
import dev.cycles.admin.server.http.Correlation;
import dev.cycles.admin.server.http.RequestContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends events (budget.funded, tenant.closed, ...) in the transaction of the change they describe. */
public final class EventLog {
    public static final String SOURCE = "cycles-admin";

    public void emit(Connection c, RequestContext ctx, String eventType, String tenantId, String scope,
                     Map<String, Object> data, String correlationId) throws SQLException {
        Map<String, Object> actor = new LinkedHashMap<>();
        boolean tenantOwned = tenantId != null && !tenantId.startsWith("__");
        actor.put("type", ctx.principal() == null ? "system" : ctx.actorType(tenantOwned));
        if (ctx.principal() instanceof Principal.TenantKey k) {
            actor.put("key_id", k.keyId());
        }
        if (ctx.sourceIp() != null) {
            actor.put("source_ip", ctx.sourceIp());
        }
        Sql.update(c, "INSERT INTO events(event_id, event_type, category, timestamp, tenant_id, scope, source, actor, data,"
                        + " correlation_id, request_id, trace_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                Correlation.newId("evt_"), eventType,
                eventType.substring(0, eventType.indexOf('.')), Time.now(), tenantId, scope, SOURCE,
                Sql.toJson(actor), Sql.toJson(data), correlationId, ctx.requestId(), ctx.traceId());
    }
}
