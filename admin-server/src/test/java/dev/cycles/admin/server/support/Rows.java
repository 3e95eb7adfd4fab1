package dev.cycles.admin.server.support;

import dev.cycles.admin.server.db.Dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rows straight from the server's database, to check what a request really persisted. */
public final class Rows {
    private Rows() {
    }

    /**
     * Every row of {@code SELECT * FROM <table> WHERE <where>} as column -> value maps, in the order
     * they were written: SQLite's rowid; on PostgreSQL the seq of the tables that have one, else
     * the rows' place in the table (ctid), which is the order of insertion for rows never updated.
     * Integers come back as SQLite's driver gives them (Integer when they fit, else Long).
     */
    public static List<Map<String, Object>> select(TestServer server, String table, String where, Object... params) {
        boolean postgres = server.db().dialect() == Dialect.POSTGRESQL;
        String order = !postgres ? "rowid" : table.equals("audit_logs") || table.equals("events") ? "seq" : "ctid";
        String sql = "SELECT * FROM " + table + (where == null ? "" : " WHERE " + where) + " ORDER BY " + order;
        return server.db().read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    p.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<Map<String, Object>> out = new ArrayList<>();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnName(i), asSqliteGives(rs.getObject(i)));
                        }
                        out.add(row);
                    }
                    return out;
                }
            }
        });
    }

    private static Object asSqliteGives(Object value) {
        return value instanceof Long l && l == l.intValue() ? (Object) l.intValue() : value;
    }

    /** The audit rows written for one request (by its X-Request-Id). */
    public static List<Map<String, Object>> auditFor(TestServer server, Api.Res response) {
        String requestId = response.header("X-Request-Id");
        if (requestId == null) {
            throw new AssertionError("response has no X-Request-Id: " + response);
        }
        return select(server, "audit_logs", "request_id = ?", requestId);
    }

    /** The one audit row of a request; fails unless there is exactly one. */
    public static Map<String, Object> oneAudit(TestServer server, Api.Res response) {
        List<Map<String, Object>> rows = auditFor(server, response);
        if (rows.size() != 1) {
            throw new AssertionError("expected exactly one audit row for " + response.header("X-Request-Id")
                    + " but found " + rows.size() + ": " + rows);
        }
        return rows.get(0);
    }

    public static long count(TestServer server, String table, String where, Object... params) {
        return select(server, table, where, params).size();
    }
}
