package dev.cycles.admin.server.overview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/admin/overview computed from the database, with exactly the spec's fields. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverviewTest extends ServerTest {
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static void budget(String tenant, String scope, String unit, long allocated) {
        assertEquals(201, admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenant + "\",\"scope\":\"" + scope + "\",\"unit\":\""
                + unit + "\",\"allocated\":" + allocated + "}").status());
    }

    static void setDebt(String scope, String unit, long debt, long overdraft) {
        server.db().write(c -> {
            try (var p = c.prepareStatement("UPDATE budgets SET debt = ?, overdraft_limit = ?, is_over_limit = ? WHERE scope = ? AND unit = ?")) {
                p.setLong(1, debt);
                p.setLong(2, overdraft);
                p.setInt(3, debt > overdraft ? 1 : 0);
                p.setString(4, scope);
                p.setString(5, unit);
                assertEquals(1, p.executeUpdate());
            }
            return null;
        });
    }

    @Test
    @Order(2)
    void exactlyTheSpecsFields() {
        JsonNode o = admin.get("/v1/admin/overview").json();
        assertEquals(List.of("as_of", "event_window_seconds", "tenant_counts", "budget_counts", "over_limit_scopes", "debt_scopes",
                "webhook_counts", "failing_webhooks", "event_counts", "recent_denials", "recent_expiries"), fields(o));
        assertEquals(List.of("total", "active", "suspended", "closed"), fields(o.path("tenant_counts")));
        assertEquals(List.of("total", "active", "frozen", "closed", "over_limit", "with_debt", "by_unit"), fields(o.path("budget_counts")));
        assertEquals(List.of("total", "active", "disabled", "with_failures"), fields(o.path("webhook_counts")));
        assertEquals(List.of("total_recent", "by_category"), fields(o.path("event_counts")));
        assertEquals(3600, o.path("event_window_seconds").asInt());
        assertTrue(Duration.between(Instant.parse(o.path("as_of").asText()), Instant.now()).abs().toMinutes() < 5);
    }

    @Test
    @Order(1)
    void countsTopListsAndEvents() {
        for (String t : List.of("ov-a", "ov-b", "ov-c", "ov-d")) {
            Fixtures.tenant(admin, t);
        }
        assertEquals(200, admin.patch("/v1/admin/tenants/ov-b", "{\"status\":\"SUSPENDED\"}").status());
        budget("ov-a", "tenant:ov-a", "TOKENS", 1000);
        budget("ov-a", "tenant:ov-a/agent:x", "TOKENS", 500);
        budget("ov-a", "tenant:ov-a", "USD_MICROCENTS", 100);
        budget("ov-c", "tenant:ov-c", "CREDITS", 10);
        for (int i = 0; i < 12; i++) {
            budget("ov-d", "tenant:ov-d/agent:a" + i, "RISK_POINTS", 100);
            setDebt("tenant:ov-d/agent:a" + i, "RISK_POINTS", 50 + i, i % 2 == 0 ? 10 : 1000);
        }
        setDebt("tenant:ov-a/agent:x", "TOKENS", 700, 100);
        assertEquals(200, admin.post("/v1/admin/budgets/freeze?scope=tenant:ov-a&unit=USD_MICROCENTS", "").status());
        assertEquals(200, admin.patch("/v1/admin/tenants/ov-c", "{\"status\":\"CLOSED\"}").status());

        JsonNode o = admin.get("/v1/admin/overview").json();
        assertEquals("{\"total\":4,\"active\":2,\"suspended\":1,\"closed\":1}", o.path("tenant_counts").toString());
        JsonNode b = o.path("budget_counts");
        assertEquals(16, b.path("total").asInt());
        assertEquals(14, b.path("active").asInt());
        assertEquals(1, b.path("frozen").asInt());
        assertEquals(1, b.path("closed").asInt());
        assertEquals(7, b.path("over_limit").asInt(), "six ov-d agents with debt over 10, and ov-a/agent:x");
        assertEquals(13, b.path("with_debt").asInt());
        assertEquals("{\"CREDITS\":1,\"RISK_POINTS\":12,\"TOKENS\":2,\"USD_MICROCENTS\":1}", b.path("by_unit").toString());

        JsonNode over = o.path("over_limit_scopes");
        assertEquals(7, over.size());
        assertEquals("{\"scope\":\"tenant:ov-a/agent:x\",\"unit\":\"TOKENS\",\"allocated\":500,\"remaining\":-200,\"debt\":700}",
                over.get(0).toString());
        assertEquals("tenant:ov-d/agent:a10", over.get(1).path("scope").asText());
        JsonNode debt = o.path("debt_scopes");
        assertEquals(10, debt.size(), "top 10 of 13");
        assertEquals("{\"scope\":\"tenant:ov-a/agent:x\",\"unit\":\"TOKENS\",\"debt\":700,\"overdraft_limit\":100}", debt.get(0).toString());
        assertEquals("tenant:ov-d/agent:a11", debt.get(1).path("scope").asText());
        assertEquals(61, debt.get(1).path("debt").asInt());
        assertEquals(53, debt.get(9).path("debt").asInt());

        assertEquals("{\"total\":0,\"active\":0,\"disabled\":0,\"with_failures\":0}", o.path("webhook_counts").toString());
        assertEquals(0, o.path("failing_webhooks").size());
        assertEquals(0, o.path("recent_denials").size());
        assertEquals(0, o.path("recent_expiries").size());

        // Event counts: every event of the last hour, by category, straight from the table.
        JsonNode ev = o.path("event_counts");
        long tenantEvents = count("tenant");
        long budgetEvents = count("budget");
        assertEquals(tenantEvents, ev.path("by_category").path("tenant").asLong());
        assertEquals(budgetEvents, ev.path("by_category").path("budget").asLong());
        assertEquals(count(null), ev.path("total_recent").asLong());
        assertTrue(tenantEvents == 6 && budgetEvents >= 17, ev.toString());
        // Old events fall out of the window.
        server.db().write(c -> c.createStatement().executeUpdate("UPDATE events SET timestamp = timestamp - 7200000 WHERE category = 'budget'"));
        JsonNode later = admin.get("/v1/admin/overview").json().path("event_counts");
        assertFalse(later.path("by_category").has("budget"), later.toString());
        assertEquals(tenantEvents, later.path("total_recent").asLong());
    }

    @Test
    @Order(3)
    void recentDenialsAreReservationDeniedEventsNewestFirst() {
        server.db().write(c -> {
            try (var p = c.prepareStatement("INSERT INTO events(event_id, event_type, category, timestamp, tenant_id, scope, source, actor, data)"
                    + " VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < 12; i++) {
                    p.setString(1, "evt_deny_" + i);
                    p.setString(2, i % 4 == 3 ? "reservation.expired" : "reservation.denied");
                    p.setString(3, "reservation");
                    p.setLong(4, System.currentTimeMillis() - 60_000 + i);
                    p.setString(5, "ov-den");
                    p.setString(6, "tenant:ov-den");
                    p.setString(7, "cycles-server");
                    p.setString(8, "{\"type\":\"system\"}");
                    p.setString(9, "{\"reason_code\":\"BUDGET_EXCEEDED\"}");
                    p.executeUpdate();
                }
            }
            return null;
        });
        JsonNode o = admin.get("/v1/admin/overview").json();
        JsonNode denials = o.path("recent_denials");
        assertEquals(9, denials.size());
        assertEquals("evt_deny_10", denials.get(0).path("event_id").asText());
        assertEquals("BUDGET_EXCEEDED", denials.get(0).path("data").path("reason_code").asText());
        assertEquals("system", denials.get(0).path("actor").path("type").asText());
        assertEquals(List.of("evt_deny_11", "evt_deny_7", "evt_deny_3"),
                List.of(o.path("recent_expiries").get(0).path("event_id").asText(), o.path("recent_expiries").get(1).path("event_id").asText(),
                        o.path("recent_expiries").get(2).path("event_id").asText()));
        assertTrue(o.path("event_counts").path("by_category").path("reservation").asLong() >= 12);
    }

    @Test
    @Order(4)
    void adminOnly() {
        Fixtures.tenant(admin, "ov-key");
        Api key = server.tenant(Fixtures.key(admin, "ov-key", "[\"admin:read\"]"));
        assertEquals(401, key.get("/v1/admin/overview").status());
        assertEquals(401, server.anonymous().get("/v1/admin/overview").status());
    }

    private static long count(String category) {
        return server.db().read(c -> {
            try (var p = c.prepareStatement("SELECT COUNT(*) FROM events WHERE timestamp >= ?" + (category == null ? "" : " AND category = ?"))) {
                p.setLong(1, System.currentTimeMillis() - 3_590_000);
                if (category != null) {
                    p.setString(2, category);
                }
                var rs = p.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
