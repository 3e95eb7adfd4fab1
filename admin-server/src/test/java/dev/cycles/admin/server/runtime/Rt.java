package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared steps of the runtime-plane tests: tenants, keys and ledgers made through the admin API,
 * request bodies, and the checks every runtime answer must pass (error envelope with only the 17
 * runtime codes; each ledger's figures in SQLite and its reserved equal to its ACTIVE holds).
 */
final class Rt {
    static final String ALL = "[\"reservations:create\",\"reservations:commit\",\"reservations:release\","
            + "\"reservations:extend\",\"reservations:list\",\"balances:read\"]";
    static final Set<String> RUNTIME_CODES = Set.of("INVALID_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND",
            "BUDGET_EXCEEDED", "BUDGET_FROZEN", "BUDGET_CLOSED", "RESERVATION_EXPIRED", "RESERVATION_FINALIZED",
            "IDEMPOTENCY_MISMATCH", "UNIT_MISMATCH", "OVERDRAFT_LIMIT_EXCEEDED", "DEBT_OUTSTANDING",
            "MAX_EXTENSIONS_EXCEEDED", "LIMIT_EXCEEDED", "TENANT_CLOSED", "INTERNAL_ERROR");
    private static final Set<String> ERROR_FIELDS = Set.of("error", "message", "request_id", "trace_id", "details");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Rt() {
    }

    /** A tenant id no other test uses (lower case, valid as a subject value). */
    static String uniqueTenant(String prefix) {
        return prefix + "-" + System.nanoTime() % 100000 + "-" + SEQ.incrementAndGet();
    }

    static String key(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A new tenant with a key holding every runtime permission; returns the runtime client for it. */
    static Api tenantWithKey(TestServer server, String tenantId) {
        Fixtures.tenant(server.admin(), tenantId);
        return server.runtime(Fixtures.key(server.admin(), tenantId, ALL));
    }

    /** A ledger at {@code scope}; {@code extra} is more JSON fields (",\"overdraft_limit\":...") or "". */
    static JsonNode budget(TestServer server, String tenantId, String scope, String unit, long allocated, String extra) {
        Api.Res r = server.admin().post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenantId + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"" + unit + "\",\"allocated\":{\"unit\":\"" + unit + "\",\"amount\":" + allocated + "}" + extra + "}");
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    static JsonNode budget(TestServer server, String tenantId, String scope, long allocated) {
        return budget(server, tenantId, scope, "TOKENS", allocated, "");
    }

    static String overdraftLimit(long limit) {
        return ",\"overdraft_limit\":{\"unit\":\"TOKENS\",\"amount\":" + limit + "}";
    }

    static String subject(String tenant, String agent) {
        return "{\"tenant\":\"" + tenant + "\"" + (agent == null ? "" : ",\"agent\":\"" + agent + "\"") + "}";
    }

    static final String ACTION = "{\"kind\":\"llm.completion\",\"name\":\"gpt\"}";

    static String tokens(long n) {
        return "{\"unit\":\"TOKENS\",\"amount\":" + n + "}";
    }

    /** A reserve body; {@code extra} is more JSON fields or "". */
    static String reserve(String idem, String subject, long estimate, String extra) {
        return "{\"idempotency_key\":\"" + idem + "\",\"subject\":" + subject + ",\"action\":" + ACTION
                + ",\"estimate\":" + tokens(estimate) + extra + "}";
    }

    static String decide(String idem, String subject, long estimate) {
        return "{\"idempotency_key\":\"" + idem + "\",\"subject\":" + subject + ",\"action\":" + ACTION
                + ",\"estimate\":" + tokens(estimate) + "}";
    }

    static String commit(String idem, long actual) {
        return "{\"idempotency_key\":\"" + idem + "\",\"actual\":" + tokens(actual) + "}";
    }

    static String release(String idem, String reason) {
        return "{\"idempotency_key\":\"" + idem + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    static String extend(String idem, long byMs) {
        return "{\"idempotency_key\":\"" + idem + "\",\"extend_by_ms\":" + byMs + "}";
    }

    /** Reserves and asserts 200; returns the body. */
    static JsonNode hold(Api rt, String subject, long estimate, String extra) {
        Api.Res r = rt.post("/v1/reservations", reserve(key("hold"), subject, estimate, extra));
        assertEquals(200, r.status(), r.body());
        assertNotNull(r.json().get("reservation_id"), r.body());
        return r.json();
    }

    static Api.Res commitRes(Api rt, String id, long actual) {
        return rt.post("/v1/reservations/" + id + "/commit", commit(key("c"), actual));
    }

    static Api.Res releaseRes(Api rt, String id) {
        return rt.post("/v1/reservations/" + id + "/release", release(key("r"), null));
    }

    static Api.Res extendRes(Api rt, String id, long byMs) {
        return rt.post("/v1/reservations/" + id + "/extend", extend(key("e"), byMs));
    }

    /**
     * Asserts a runtime error: status, code, a message, only the envelope's fields, a runtime code,
     * and request/trace ids equal to the response headers.
     */
    static JsonNode assertErr(Api.Res r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        JsonNode j = r.json();
        assertEquals(code, j.path("error").asText(), r.toString());
        assertTrue(RUNTIME_CODES.contains(code), code + " is not a runtime code");
        assertFalse(j.path("message").asText().isEmpty(), r.toString());
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            assertTrue(ERROR_FIELDS.contains(f), "unexpected field " + f + " in " + r);
        }
        assertFalse(j.path("request_id").asText().isEmpty(), r.toString());
        assertEquals(r.header("X-Request-Id"), j.path("request_id").asText());
        assertFalse(j.path("trace_id").asText().isEmpty(), r.toString());
        assertEquals(r.header("X-Cycles-Trace-Id"), j.path("trace_id").asText());
        return j;
    }

    /** The stored ledger figures {allocated, spent, reserved, debt} at (tenant, scope, TOKENS). */
    static long[] ledger(TestServer server, String tenantId, String scope) {
        return ledger(server, tenantId, scope, "TOKENS");
    }

    static long[] ledger(TestServer server, String tenantId, String scope, String unit) {
        List<long[]> rows = server.db().read(c -> Sql.query(c, "SELECT allocated, spent, reserved, debt FROM budgets"
                        + " WHERE tenant_id = ? AND scope = ? AND unit = ?", List.of(tenantId, scope, unit),
                rs -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}));
        assertEquals(1, rows.size(), "one ledger at " + scope);
        return rows.get(0);
    }

    /** Asserts the stored figures of a ledger and that every ledger of the tenant holds exactly its ACTIVE reservations. */
    static void assertLedger(TestServer server, String tenantId, String scope, long allocated, long spent, long reserved, long debt) {
        long[] l = ledger(server, tenantId, scope);
        assertEquals(allocated, l[0], "allocated at " + scope);
        assertEquals(spent, l[1], "spent at " + scope);
        assertEquals(reserved, l[2], "reserved at " + scope);
        assertEquals(debt, l[3], "debt at " + scope);
        assertHoldsMatch(server, tenantId);
    }

    /** reserved of every ledger of the tenant = the sum of the estimates of the ACTIVE reservations that hold it. */
    static void assertHoldsMatch(TestServer server, String tenantId) {
        String holds = "COALESCE((SELECT SUM(r.estimate) FROM reservations r, " + server.db().dialect().jsonArrayElements("r.ledger_ids", "rl")
                + " WHERE rl.value = b.ledger_id AND r.status = 'ACTIVE'), 0)";
        List<String> broken = server.db().read(c -> Sql.query(c, "SELECT b.scope || ' ' || b.unit || ': reserved ' || b.reserved"
                        + " || ' holds ' || " + holds + " FROM budgets b WHERE b.tenant_id = ? AND b.reserved <> " + holds,
                List.of(tenantId), rs -> rs.getString(1)));
        assertEquals(List.of(), broken, "reserved = sum of ACTIVE holds");
    }

    /** Asserts a Balance body keeps remaining = allocated - spent - reserved - debt and has these figures. */
    static void assertBalance(JsonNode b, String scopePath, long allocated, long spent, long reserved, long debt) {
        assertEquals(scopePath, b.path("scope_path").asText(), b.toString());
        assertEquals(scopePath.substring(scopePath.lastIndexOf('/') + 1), b.path("scope").asText(), b.toString());
        assertEquals(allocated, b.path("allocated").path("amount").asLong(), b.toString());
        assertEquals(spent, b.path("spent").path("amount").asLong(), b.toString());
        assertEquals(reserved, b.path("reserved").path("amount").asLong(), b.toString());
        assertEquals(debt, b.path("debt").path("amount").asLong(), b.toString());
        assertEquals(allocated - spent - reserved - debt, b.path("remaining").path("amount").asLong(), "invariant: " + b);
    }

    /** The stored status of a reservation. */
    static String status(TestServer server, String reservationId) {
        return server.db().read(c -> Sql.one(c, "SELECT status FROM reservations WHERE reservation_id = ?", rs -> rs.getString(1),
                reservationId));
    }

    /** The tenant's events of one type, oldest first, read through the admin API. */
    static List<JsonNode> events(TestServer server, String tenantId, String type) {
        Api.Res r = server.admin().get("/v1/admin/events?tenant_id=" + enc(tenantId) + "&event_type=" + type + "&sort_dir=asc&limit=100");
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().path("has_more").asBoolean(), "more than one page of events");
        List<JsonNode> out = new ArrayList<>();
        r.json().path("events").forEach(out::add);
        return out;
    }

    /** All of the tenant's events, oldest first. */
    static List<JsonNode> events(TestServer server, String tenantId) {
        Api.Res r = server.admin().get("/v1/admin/events?tenant_id=" + enc(tenantId) + "&sort_dir=asc&limit=100");
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().path("has_more").asBoolean(), "more than one page of events");
        List<JsonNode> out = new ArrayList<>();
        r.json().path("events").forEach(out::add);
        return out;
    }

    /** Number of stored events of {@code type} for the tenant, straight from SQLite (not capped by a page size). */
    static long storedEvents(TestServer server, String tenantId, String type) {
        return server.db().read(c -> Sql.count(c, "SELECT COUNT(*) FROM events WHERE tenant_id = ? AND event_type = ?", tenantId, type));
    }

    /** Number of events of {@code type} for the tenant. */
    static int eventCount(TestServer server, String tenantId, String type) {
        return events(server, tenantId, type).size();
    }

    /** Waits (bounded) until {@code condition} holds; for background work such as the expiry sweep. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The body without its {@code remaining_ttl_ms} (the one field a replay recomputes). */
    static JsonNode withoutTtl(JsonNode body) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = body.deepCopy();
        copy.remove("remaining_ttl_ms");
        return copy;
    }

    static Map<String, Object> one(TestServer server, String sql, Object... params) {
        return server.db().read(c -> Sql.one(c, sql, rs -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
            }
            return m;
        }, params));
    }
}
