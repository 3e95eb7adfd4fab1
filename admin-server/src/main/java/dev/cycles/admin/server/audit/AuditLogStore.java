package dev.cycles.admin.server.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.SortKey;
import dev.cycles.admin.server.db.Sorts;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.db.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * SQL for reading the audit trail. Pages are keyset pages over (sort value, seq): seq is the
 * table's integer rowid, which every index carries, so "newest first for this tenant" is an index
 * walk that stops after one page.
 */
public final class AuditLogStore {
    public static final Sorts SORTS = new Sorts(Map.of(
            "timestamp", SortKey.number("timestamp", "timestamp"),
            "operation", SortKey.text("operation", "operation"),
            "resource_type", SortKey.text("resource_type", "COALESCE(resource_type, '')"),
            "tenant_id", SortKey.text("tenant_id", "tenant_id"),
            "key_id", SortKey.text("key_id", "COALESCE(key_id, '')"),
            "status", SortKey.number("status", "COALESCE(status, 0)")), "timestamp", true);
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };


    private record Row(long seq, AuditLogEntry entry) {
    }

    Page<AuditLogEntry> list(Connection c, AuditLogFilter f, PageRequest page) throws SQLException {
        Where w = new Where()
                .andIf(f.tenantId(), "tenant_id = ?")
                .andIf(f.keyId(), "key_id = ?")
                .andIn("operation", f.operations())
                .andIn("resource_type", f.resourceTypes())
                .andIf(f.resourceId(), "resource_id = ?")
                .andIf(f.status(), "status = ?")
                .andIf(f.statusMin(), "status >= ?")
                .andIf(f.statusMax(), "status <= ?")
                .andIn("error_code", f.errorCodes())
                .andIf(f.from(), "timestamp >= ?")
                .andIf(f.to(), "timestamp <= ?")
                .andIf(f.traceId(), "trace_id = ?")
                .andIf(f.requestId(), "request_id = ?")
                .search(f.search(), "resource_id", "log_id", "error_code", "operation");
        if (f.errorCodesExcluded() != null && !f.errorCodesExcluded().isEmpty()) {
            w.and("(error_code IS NULL OR error_code NOT IN ("
                    + String.join(",", java.util.Collections.nCopies(f.errorCodesExcluded().size(), "?")) + "))",
                    f.errorCodesExcluded().toArray());
        }
        Page<Row> rows = page.fetch(c, "*", "audit_logs", w, "seq", AuditLogStore::map, r -> sortValue(page, r),
                r -> r.seq());
        return new Page<>(rows.items().stream().map(Row::entry).toList(), rows.nextCursor());
    }

    private static Object sortValue(PageRequest page, Row r) {
        AuditLogEntry e = r.entry();
        return switch (page.sort().name()) {
            case "operation" -> e.operation();
            case "resource_type" -> e.resourceType() == null ? "" : e.resourceType();
            case "tenant_id" -> e.tenantId();
            case "key_id" -> e.keyId() == null ? "" : e.keyId();
            case "status" -> e.status() == null ? 0L : e.status().longValue();
            default -> e.timestamp().toEpochMilli();
        };
    }

    private static Row map(ResultSet rs) throws SQLException {
        Long status = Sql.nullableLong(rs, "status");
        return new Row(rs.getLong("seq"), new AuditLogEntry(
                rs.getString("log_id"), Sql.instant(rs, "timestamp"), rs.getString("tenant_id"), rs.getString("key_id"),
                rs.getString("user_agent"), rs.getString("source_ip"), rs.getString("operation"),
                rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("request_id"),
                rs.getString("trace_id"), status == null ? null : status.intValue(), rs.getString("error_code"),
                Sql.fromJson(rs.getString("metadata"), OBJECT_MAP)));
    }
}
