package dev.cycles.admin.server.event;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventActor;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.SortKey;
import dev.cycles.admin.server.db.Sorts;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.db.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** Every statement on the events table. Pages are keyset pages over (sort value, seq), like the audit trail's. */
public final class EventStore {
    public static final Sorts SORTS = new Sorts(Map.of(
            "timestamp", SortKey.number("timestamp", "timestamp"),
            "event_type", SortKey.text("event_type", "event_type"),
            "category", SortKey.text("category", "category"),
            "scope", SortKey.text("scope", "COALESCE(scope, '')"),
            "tenant_id", SortKey.text("tenant_id", "tenant_id")), "timestamp", true);
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };

    private record Stored(long seq, Event event) {
    }

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

    public Event find(Connection c, String eventId) throws SQLException {
        Stored s = Sql.one(c, "SELECT * FROM events WHERE event_id = ?", EventStore::map, eventId);
        return s == null ? null : s.event();
    }

    public Page<Event> list(Connection c, EventFilter f, PageRequest page) throws SQLException {
        Where w = new Where()
                .andIf(f.tenantId(), "tenant_id = ?")
                .andIn("event_type", f.eventTypes())
                .andIn("category", f.categories())
                .andIf(f.correlationId(), "correlation_id = ?")
                .andIf(f.traceId(), "trace_id = ?")
                .andIf(f.requestId(), "request_id = ?")
                .andIf(f.from(), "timestamp >= ?")
                .andIf(f.to(), "timestamp <= ?")
                .search(f.search(), "correlation_id", "scope");
        if (f.scopePrefix() != null) {
            // A range on the indexed column rather than LIKE: '%' and '_' in a prefix stay literal.
            w.and("scope >= ? AND scope < ?", f.scopePrefix(), f.scopePrefix() + Character.MAX_VALUE);
        }
        if (f.tenantAccessibleOnly()) {
            w.andIn("category", EventTypes.TENANT_CATEGORIES);
        }
        Page<Stored> rows = page.fetch(c, "*", "events", w, "seq", EventStore::map, r -> sortValue(page, r.event()),
                r -> r.seq());
        return new Page<>(rows.items().stream().map(Stored::event).toList(), rows.nextCursor());
    }

    private static Object sortValue(PageRequest page, Event e) {
        return switch (page.sort().name()) {
            case "event_type" -> e.eventType();
            case "category" -> e.category();
            case "scope" -> e.scope() == null ? "" : e.scope();
            case "tenant_id" -> e.tenantId();
            default -> e.timestamp().toEpochMilli();
        };
    }

    private static Stored map(ResultSet rs) throws SQLException {
        Map<String, Object> actor = Sql.fromJsonOrNull(rs.getString("actor"), OBJECT_MAP);
        return new Stored(rs.getLong("seq"), new Event(rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("category"), Sql.instant(rs, "timestamp"), rs.getString("tenant_id"), rs.getString("scope"),
                actor == null ? null : new EventActor(text(actor, "type"), text(actor, "key_id"), text(actor, "source_ip")),
                rs.getString("source"), Sql.fromJsonOrNull(rs.getString("data"), OBJECT_MAP), rs.getString("correlation_id"),
                rs.getString("request_id"), rs.getString("trace_id"), null));
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }
}
