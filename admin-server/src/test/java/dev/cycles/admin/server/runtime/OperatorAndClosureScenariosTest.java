package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runtime digest §10 scenarios 13 (the operator acting on a tenant's behalf) and 14 (closed tenant,
 * frozen budget). The clock is the test's so a later sweep can be proven to return nothing twice.
 */
class OperatorAndClosureScenariosTest {
    static MutableClock clock;
    static TestServer server;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2031-06-01T00:00:00Z"));
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Scenario 13: the admin key reads and releases any reservation, audited once; it may not create, commit or extend. */
    @Test
    void adminOnBehalf() {
        String t = uniqueTenant("s13");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String id = hold(rt, subject(t, "a"), 100, "").path("reservation_id").asText();
        Api admin = server.runtimeAdmin();

        Api.Res get = admin.get("/v1/reservations/" + id);
        assertEquals(200, get.status(), get.body());
        assertEquals("ACTIVE", get.json().path("status").asText());
        assertEquals(null, get.header("X-Cycles-Tenant"), "no tenant key, no effective-tenant header");

        assertErr(admin.post("/v1/reservations/" + id + "/commit", commit("adm", 10)), 401, "UNAUTHORIZED");
        assertErr(admin.post("/v1/reservations/" + id + "/extend", extend("adm", 1000)), 401, "UNAUTHORIZED");
        assertErr(admin.post("/v1/reservations", reserve("adm", subject(t, "a"), 1, "")), 401, "UNAUTHORIZED");
        assertErr(admin.post("/v1/decide", decide("adm", subject(t, "a"), 1)), 401, "UNAUTHORIZED");
        Api wrong = admin.withKey("X-Admin-API-Key", "not-the-admin-key");
        assertErr(wrong.get("/v1/reservations/" + id), 401, "UNAUTHORIZED");
        assertErr(wrong.post("/v1/reservations/" + id + "/release", release("w", null)), 401, "UNAUTHORIZED");
        assertLedger(server, t, "tenant:" + t, 1000, 0, 100, 0);

        String reason = "[INCIDENT_FORCE_RELEASE] stuck agent";
        Api.Res rel = admin.post("/v1/reservations/" + id + "/release", release("force-1", reason));
        assertEquals(200, rel.status(), rel.body());
        assertEquals(100, rel.json().path("released").path("amount").asLong());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);
        assertEquals("RELEASED", status(server, id));
        assertEquals("admin", one(server, "SELECT released_by FROM reservations WHERE reservation_id = ?", id).get("released_by"));

        Api.Res replay = admin.post("/v1/reservations/" + id + "/release", release("force-1", reason));
        assertEquals(200, replay.status(), replay.body());
        assertEquals(rel.json(), replay.json());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);

        Api.Res logs = server.admin().get("/v1/admin/audit/logs?tenant_id=" + enc(t) + "&operation=releaseReservation");
        assertEquals(200, logs.status(), logs.body());
        JsonNode rows = logs.json().path("logs");
        assertEquals(1, rows.size(), "one audit row, none for the replay: " + logs.body());
        JsonNode row = rows.get(0);
        assertEquals(t, row.path("tenant_id").asText());
        assertEquals("reservation", row.path("resource_type").asText());
        assertEquals(id, row.path("resource_id").asText());
        assertEquals(200, row.path("status").asInt());
        assertEquals(rel.header("X-Request-Id"), row.path("request_id").asText());
        assertEquals(rel.header("X-Cycles-Trace-Id"), row.path("trace_id").asText());
        assertEquals("admin_on_behalf_of", row.path("metadata").path("actor_type").asText(), row.toString());
        assertEquals(reason, row.path("metadata").path("reason").asText(), row.toString());

        // a tenant's own release is not an audit row (the reservation row records it)
        String own = hold(rt, subject(t, "a"), 5, "").path("reservation_id").asText();
        assertEquals(200, releaseRes(rt, own).status());
        assertEquals(1, server.admin().get("/v1/admin/audit/logs?tenant_id=" + enc(t) + "&operation=releaseReservation")
                .json().path("logs").size());
        // the admin release is not a reservation.* or budget event either
        assertEquals(List.of(), events(server, t).stream().map(e -> e.path("event_type").asText())
                .filter(type -> type.startsWith("reservation.")).toList());
    }

    /** Scenario 14 (closed tenant): closing releases every hold once; the operator then gets TENANT_CLOSED. */
    @Test
    void closedTenant() {
        String t = uniqueTenant("s14");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, 1000);
        budget(server, t, scope + "/agent:a", 500);
        String a = hold(rt, subject(t, "a"), 100, ",\"ttl_ms\":1000,\"grace_period_ms\":0").path("reservation_id").asText();
        String b = hold(rt, subject(t, null), 30, ",\"ttl_ms\":1000,\"grace_period_ms\":0").path("reservation_id").asText();
        assertLedger(server, t, scope, 1000, 0, 130, 0);

        assertEquals(200, server.admin().patch("/v1/admin/tenants/" + t, "{\"status\":\"CLOSED\"}").status());
        assertEquals("RELEASED", status(server, a));
        assertEquals("RELEASED", status(server, b));
        assertEquals("tenant_closed", one(server, "SELECT release_reason FROM reservations WHERE reservation_id = ?", a).get("release_reason"));
        assertLedger(server, t, scope, 1000, 0, 0, 0);
        assertLedger(server, t, scope + "/agent:a", 500, 0, 0, 0);

        // past both expiries: a sweep (proven by another tenant's hold it expires) gives nothing back twice
        String other = uniqueTenant("s14-probe");
        Api probeRt = tenantWithKey(server, other);
        budget(server, other, "tenant:" + other, 10);
        String probe = hold(probeRt, subject(other, null), 1, ",\"ttl_ms\":1000,\"grace_period_ms\":0").path("reservation_id").asText();
        clock.advance(Duration.ofSeconds(3));
        await("the sweeper expires the probe", () -> "EXPIRED".equals(status(server, probe)));
        assertLedger(server, t, scope, 1000, 0, 0, 0);
        assertLedger(server, t, scope + "/agent:a", 500, 0, 0, 0);
        assertEquals(0, eventCount(server, t, "reservation.expired"));

        Api admin = server.runtimeAdmin();
        assertErr(admin.post("/v1/reservations/" + a + "/release", release("after-close", "x")), 409, "TENANT_CLOSED");
        assertErr(admin.post("/v1/reservations/" + b + "/release", release("after-close", "x")), 409, "TENANT_CLOSED");
        assertEquals(0, server.admin().get("/v1/admin/audit/logs?tenant_id=" + enc(t) + "&operation=releaseReservation&status=200")
                .json().path("logs").size());
        Api.Res read = admin.get("/v1/reservations/" + a);
        assertEquals(200, read.status(), "reads are never TENANT_CLOSED: " + read.body());
        assertEquals("RELEASED", read.json().path("status").asText());
        assertErr(releaseRes(rt, a), 401, "UNAUTHORIZED"); // the close revoked the tenant's keys
    }

    /** Scenario 14 (frozen budget): reserve is 409, dry run and decide are 200 DENY with no reservation. */
    @Test
    void frozenBudget() {
        String t = uniqueTenant("s14f");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, 1000);
        String held = hold(rt, subject(t, "a"), 40, "").path("reservation_id").asText();
        assertEquals(200, server.admin().post("/v1/admin/budgets/freeze?scope=" + enc(scope) + "&unit=TOKENS", null).status());

        assertErr(rt.post("/v1/reservations", reserve(key("f"), subject(t, "a"), 1, "")), 409, "BUDGET_FROZEN");
        Api.Res dry = rt.post("/v1/reservations", reserve(key("f"), subject(t, "a"), 1, ",\"dry_run\":true"));
        assertEquals(200, dry.status(), dry.body());
        assertEquals("DENY", dry.json().path("decision").asText());
        assertEquals("BUDGET_FROZEN", dry.json().path("reason_code").asText());
        assertEquals(List.of(scope, scope + "/agent:a"), ReserveScenariosTest.strings(dry.json().path("affected_scopes")));
        assertFalse(dry.json().has("reservation_id"), dry.body());
        assertFalse(dry.json().has("expires_at_ms"), dry.body());
        assertFalse(dry.json().has("remaining_ttl_ms"), dry.body());
        Api.Res d = rt.post("/v1/decide", decide(key("f"), subject(t, "a"), 1));
        assertEquals(200, d.status(), d.body());
        assertEquals("DENY", d.json().path("decision").asText());
        assertEquals("BUDGET_FROZEN", d.json().path("reason_code").asText());
        assertTrue(d.json().path("affected_scopes").size() == 2, d.body());

        assertErr(commitRes(rt, held, 10), 409, "BUDGET_FROZEN");
        assertLedger(server, t, scope, 1000, 0, 40, 0);
        Api.Res ext = extendRes(rt, held, 1000);
        assertEquals(200, ext.status(), "extend changes no ledger: " + ext.body());
        Api.Res rel = releaseRes(rt, held);
        assertEquals(200, rel.status(), "a release returns the hold to a frozen ledger: " + rel.body());
        assertLedger(server, t, scope, 1000, 0, 0, 0);
        assertEquals(1, one(server, "SELECT COUNT(*) AS n FROM reservations WHERE tenant_id = ?", t).get("n") instanceof Number n
                ? n.intValue() : -1);
    }
}
