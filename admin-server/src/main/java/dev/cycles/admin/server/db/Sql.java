package dev.cycles.admin.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers shared by the stores: binding, reading, and JSON columns. */
public final class Sql {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement p = StatementCache.prepare(c, sql);
        bind(p, params);
        return p.executeUpdate();
    }

    public static <T> List<T> query(Connection c, String sql, List<Object> params, RowMapper<T> mapper) throws SQLException {
        PreparedStatement p = StatementCache.prepare(c, sql);
        bind(p, params.toArray());
        try (ResultSet rs = p.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    public static <T> T one(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(c, sql, List.of(params), mapper);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        Long n = one(c, sql, rs -> rs.getLong(1), params);
        return n == null ? 0 : n;
    }

    static void bind(PreparedStatement p, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object v = params[i];
            int at = i + 1;
            if (v == null) {
                p.setNull(at, Types.NULL);
            } else if (v instanceof Instant t) {
                p.setLong(at, t.toEpochMilli());
            } else if (v instanceof Enum<?> e) {
                p.setString(at, e.name());
            } else if (v instanceof Boolean b) {
                p.setInt(at, b ? 1 : 0);
            } else if (v instanceof Long || v instanceof Integer) {
                p.setLong(at, ((Number) v).longValue());
            } else if (v instanceof Double d) {
                p.setDouble(at, d);
            } else {
                p.setString(at, v.toString());
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static <E extends Enum<E>> E enumValue(ResultSet rs, String column, Class<E> type) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Enum.valueOf(type, v);
    }

    public static String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A stored JSON column for a response: unreadable text (written outside this server, or by an
     * older one) reads as null instead of failing the whole answer.
     */
    public static <T> T fromJsonOrNull(String text, TypeReference<T> type) {
        try {
            return fromJson(text, type);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    public static <T> T fromJson(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
