package dev.cycles.admin.server.event;

import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.OperationContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventActor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

/** Appends events (budget.funded, tenant.closed, ...) in the transaction of the change they describe. */
public final class EventLog {
    public static final String SOURCE = "cycles-admin";

    private final EventStore store;
    private final Clock clock;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();

    public EventLog(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code sink} sees every event from now on, in the event's transaction. */
    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public void emit(Connection c, OperationContext ctx, String eventType, String tenantId, String scope,
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
        Instant now = Now.of(clock);
        EventStore.Row row = new EventStore.Row(Ids.newTimeOrderedId("evt_", now.toEpochMilli()), eventType,
                eventType.substring(0, eventType.indexOf('.')), now, tenantId, scope, SOURCE, Sql.toJson(actor), Sql.toJson(data), correlationId,
                ctx.requestId(), ctx.traceId());
        store.insert(c, row);
        if (!sinks.isEmpty()) {
            Event event = new Event(row.eventId(), eventType, row.category(), row.timestamp(), tenantId, scope,
                    new EventActor((String) actor.get("type"), (String) actor.get("key_id"), (String) actor.get("source_ip")),
                    SOURCE, data, correlationId, ctx.requestId(), ctx.traceId(), null);
            for (EventSink sink : sinks) {
                sink.accepted(c, ctx, event);
            }
        }
    }
}
