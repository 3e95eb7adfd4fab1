package dev.cycles.admin.server.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.TestServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared steps for the budget HTTP tests: unique ids, create/fund calls, and reading rows back from SQLite. */
final class Budgets {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Budgets() {
    }

    /** A tenant id no other test uses. */
    static String uniqueTenant(String prefix) {
        return prefix + "-" + System.nanoTime() % 100000 + "-" + SEQ.incrementAndGet();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String q(String scope, String unit) {
        return "?scope=" + enc(scope) + "&unit=" + unit;
    }

    static String createBody(String tenantId, String scope, String unit, long allocated) {
        return "{" + (tenantId == null ? "" : "\"tenant_id\":\"" + tenantId + "\",") + "\"scope\":\"" + scope
                + "\",\"unit\":\"" + unit + "\",\"allocated\":{\"unit\":\"" + unit + "\",\"amount\":" + allocated + "}}";
    }

    /** Creates a ledger with the admin key and asserts 201. */
    static JsonNode create(Api admin, String tenantId, String scope, String unit, long allocated) {
        Api.Res r = admin.post("/v1/admin/budgets", createBody(tenantId, scope, unit, allocated));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    static Api.Res fund(Api api, String scope, String unit, String op, long amount) {
        return api.post("/v1/admin/budgets/fund" + q(scope, unit),
                "{\"operation\":\"" + op + "\",\"amount\":{\"unit\":\"" + unit + "\",\"amount\":" + amount + "}}");
    }

    static Api.Res fundOk(Api api, String scope, String unit, String op, long amount) {
        Api.Res r = fund(api, scope, unit, op, amount);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    static Api.Res lookup(Api api, String scope, String unit) {
        return api.get("/v1/admin/budgets/lookup" + q(scope, unit));
    }

    static void closeTenant(Api admin, String tenantId) {
        Api.Res r = admin.patch("/v1/admin/tenants/" + tenantId, "{\"status\":\"CLOSED\"}");
        assertEquals(200, r.status(), r.body());
    }

    static String keyWithFilter(Api admin, String tenantId, String permissionsJson, String scopeFilterJson) {
        Api.Res r = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + tenantId + "\",\"name\":\"k\",\"permissions\":"
                + permissionsJson + ",\"scope_filter\":" + scopeFilterJson + "}");
        assertEquals(201, r.status(), r.body());
        return r.text("key_secret");
    }

    static long amount(JsonNode n, String field) {
        JsonNode a = n.path(field);
        assertTrue(a.isObject(), field + " is not an Amount in " + n);
        return a.path("amount").asLong();
    }

    /** The stored row for (scope, unit), straight from SQLite, or null. */
    static Map<String, Object> row(TestServer server, String scope, String unit) {
        return server.db().read(c -> {
            List<Map<String, Object>> rows = Sql.query(c, "SELECT * FROM budgets WHERE scope = ? AND unit = ?", List.of(scope, unit), rs -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return m;
            });
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    static long col(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** Asserts the stored figures (allocated, spent, reserved, debt). */
    static void assertStored(TestServer server, String scope, String unit, long allocated, long spent, long reserved, long debt) {
        Map<String, Object> r = row(server, scope, unit);
        assertTrue(r != null, "no row for " + scope);
        assertEquals(allocated, col(r, "allocated"), "allocated in SQLite");
        assertEquals(spent, col(r, "spent"), "spent in SQLite");
        assertEquals(reserved, col(r, "reserved"), "reserved in SQLite");
        assertEquals(debt, col(r, "debt"), "debt in SQLite");
    }

    /** Asserts a ledger body carries these figures and keeps the invariant. */
    static void assertLedger(JsonNode l, long allocated, long spent, long reserved, long debt) {
        assertEquals(allocated, amount(l, "allocated"), l.toString());
        assertEquals(spent, amount(l, "spent"), l.toString());
        assertEquals(reserved, amount(l, "reserved"), l.toString());
        assertEquals(debt, amount(l, "debt"), l.toString());
        assertEquals(allocated - spent - reserved - debt, amount(l, "remaining"), "invariant: " + l);
    }

    static void setFigures(TestServer server, String scope, String unit, long spent, long reserved, long debt) {
        int n = server.db().write(c -> Sql.update(c, "UPDATE budgets SET spent = ?, reserved = ?, debt = ? WHERE scope = ? AND unit = ?",
                spent, reserved, debt, scope, unit));
        assertEquals(1, n);
    }

    static long count(TestServer server, String sql, Object... params) {
        return server.db().read(c -> Sql.count(c, sql, params));
    }

    static void assertErr(Api.Res r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.error(), r.body());
        assertFalse(r.json().path("message").asText().isEmpty(), r.body());
    }
}
