package dev.cycles.admin.server.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.PageSpec;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination: rows ordered by (sort expression, id), the cursor holds the last row's pair,
 * so a page never repeats or skips a row, even when rows are added between requests.
 */
public record PageRequest(SortKey sort, boolean descending, int limit, Object afterValue, Object afterId, String filterDigest) {

    /** A cursor that is not ours or belongs to another sort or filter: a 400. */
    private static final class BadCursorException extends ApiException {
        BadCursorException() {
            super(400, ErrorCode.INVALID_REQUEST, "Cursor is not valid for this result set; start again without a cursor");
        }
    }

    /**
     * The page {@code spec} asks for, over a store's {@code sorts}. Naming a sort key without a
     * direction sorts descending (largest utilization, newest first), as the spec's lists do.
     */
    public static PageRequest of(Sorts sorts, PageSpec spec) {
        SortKey sort = sorts.resolve(spec.sortBy());
        boolean descending = spec.descending() != null ? spec.descending()
                : spec.sortBy() != null || sorts.defaultDescending();
        return of(sort, descending, spec.limit(), spec.cursor(), spec.filterDigest());
    }

    static PageRequest of(SortKey sort, boolean descending, int limit, String cursor, String filterDigest) {
        if (cursor == null || cursor.isEmpty()) {
            return new PageRequest(sort, descending, limit, null, null, filterDigest);
        }
        try {
            JsonNode n = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
            if (!sort.name().equals(n.path("s").asText()) || descending != n.path("d").asBoolean()
                    || !filterDigest.equals(n.path("f").asText()) || !n.hasNonNull("i") || !n.has("v")) {
                throw new BadCursorException();
            }
            JsonNode v = n.get("v");
            Object value = sort.numeric() ? (Object) (v.isIntegralNumber() ? v.asLong() : v.asDouble()) : v.asText();
            if (sort.numeric() && !v.isNumber() || !sort.numeric() && !v.isTextual()) {
                throw new BadCursorException();
            }
            // A numeric id (a seq column) comes back as a number: PostgreSQL compares a BIGINT column
            // with a BIGINT parameter only, where SQLite would have converted the text.
            JsonNode i = n.get("i");
            if (!i.isTextual() && !i.isIntegralNumber()) {
                throw new BadCursorException();
            }
            return new PageRequest(sort, descending, limit, value, i.isIntegralNumber() ? (Object) i.asLong() : i.asText(), filterDigest);
        } catch (BadCursorException e) {
            throw e;
        } catch (Exception e) {
            throw new BadCursorException();
        }
    }

    /**
     * Runs {@code SELECT <select> FROM <from> <where>} one page at a time. {@code idColumn} is the
     * unique tie-breaker; {@code sortValue} and {@code idValue} read them back from a mapped row.
     */
    public <T> Page<T> fetch(Connection c, String select, String from, Where where, String idColumn,
                             Sql.RowMapper<T> mapper, Function<T, Object> sortValue, Function<T, ?> idValue) throws SQLException {
        Where w = afterCursor(where, idColumn);
        String sql = "SELECT " + select + " FROM " + from + w.sql() + orderAndLimit(idColumn);
        List<T> rows = new ArrayList<>(Sql.query(c, sql, w.params(), mapper));
        String next = null;
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit));
            T last = rows.get(limit - 1);
            next = encode(sortValue.apply(last), idValue.apply(last));
        }
        return new Page<>(rows, next);
    }

    /** A page of stored JSON bigger than this is cut short (with a cursor), however small the limit. */
    public static final long MAX_PAGE_BYTES = 1L << 20;

    /**
     * As {@link #fetch}, but the page also stops before the stored size ({@code sizeExpression},
     * the sum of the lengths of the JSON/text columns the rows return) would pass
     * {@link #MAX_PAGE_BYTES}; it always holds at least one row, and a cut page has a cursor.
     * Rows written before the size caps existed can then never make a page too big to answer.
     */
    public <T> Page<T> fetchBounded(Connection c, String select, String from, Where where, String idColumn, String sizeExpression,
                                    Sql.RowMapper<T> mapper, Function<T, Object> sortValue, Function<T, ?> idValue) throws SQLException {
        Where w = afterCursor(where, idColumn);
        String sql = "SELECT " + select + ", (" + sizeExpression + ") AS page_row_bytes FROM " + from + w.sql()
                + orderAndLimit(idColumn);
        java.sql.PreparedStatement p = StatementCache.prepare(c, sql);
        Sql.bind(p, w.params().toArray());
        List<T> rows = new ArrayList<>();
        boolean more = false;
        long bytes = 0;
        try (java.sql.ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long size = rs.getLong("page_row_bytes");
                if (rows.size() == limit || !rows.isEmpty() && bytes + size > MAX_PAGE_BYTES) {
                    more = true;
                    break;
                }
                bytes += size;
                rows.add(mapper.map(rs));
            }
        }
        String next = null;
        if (more) {
            T last = rows.get(rows.size() - 1);
            next = encode(sortValue.apply(last), idValue.apply(last));
        }
        return new Page<>(rows, next);
    }

    /** {@code where} narrowed to the rows after the cursor's (sort value, id), in this page's direction. */
    private Where afterCursor(Where where, String idColumn) {
        Where w = where.copy();
        if (afterId != null) {
            String op = descending ? "<" : ">";
            w.and("(" + sort.expression() + " " + op + " ? OR (" + sort.expression() + " = ? AND " + idColumn + " " + op + " ?))",
                    afterValue, afterValue, afterId);
        }
        return w;
    }

    /** One row more than the page holds, so a next page is known to exist without counting. */
    private String orderAndLimit(String idColumn) {
        String dir = descending ? " DESC" : " ASC";
        return " ORDER BY " + sort.expression() + dir + ", " + idColumn + dir + " LIMIT " + (limit + 1);
    }

    private String encode(Object value, Object id) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("s", sort.name());
        n.put("d", descending);
        n.put("f", filterDigest);
        if (value instanceof Long l) {
            n.put("v", l);
        } else if (value instanceof Integer i) {
            n.put("v", i.longValue());
        } else if (value instanceof Double d) {
            n.put("v", d);
        } else {
            n.put("v", String.valueOf(value));
        }
        if (id instanceof Long l) {
            n.put("i", l);
        } else {
            n.put("i", String.valueOf(id));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }
}
