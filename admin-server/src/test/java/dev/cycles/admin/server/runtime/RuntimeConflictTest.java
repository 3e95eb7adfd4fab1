package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The 404s and 409s of the implemented runtime operations, each budget reason on all three
 * reserve surfaces (live 409, dry run and decide 200 DENY), and the precedence of checks
 * (404 before 403, 403 before replay, replay before TENANT_CLOSED and state errors).
 */
class RuntimeConflictTest extends ServerTest {

    @Test
    void unknownReservationsAndMissingBudgetsAre404() {
        String t = uniqueTenant("nf");
        Api rt = tenantWithKey(server, t);
        String unknown = "rsv_" + "0".repeat(32);
        assertErr(rt.get("/v1/reservations/" + unknown), 404, "NOT_FOUND");
        assertErr(rt.post("/v1/reservations/" + unknown + "/commit", commit("k", 1)), 404, "NOT_FOUND");
        assertErr(rt.post("/v1/reservations/" + unknown + "/release", release("k", null)), 404, "NOT_FOUND");
        assertErr(rt.post("/v1/reservations/" + unknown + "/extend", extend("k", 1000)), 404, "NOT_FOUND");
        assertErr(server.runtimeAdmin().get("/v1/reservations/" + unknown), 404, "NOT_FOUND");
        assertErr(server.runtimeAdmin().post("/v1/reservations/" + unknown + "/release", release("k", null)), 404, "NOT_FOUND");

        assertErr(rt.post("/v1/reservations", reserve("none", subject(t, "x"), 1, "")), 404, "NOT_FOUND");
        for (Api.Res deny : List.of(rt.post("/v1/reservations", reserve("none-dry", subject(t, "x"), 1, ",\"dry_run\":true")),
                rt.post("/v1/decide", decide("none", subject(t, "x"), 1)))) {
            assertEquals(200, deny.status(), deny.body());
            assertEquals("DENY", deny.json().path("decision").asText());
            assertEquals("BUDGET_NOT_FOUND", deny.json().path("reason_code").asText());
        }
        assertEquals(0L, (long) server.db().read(c -> Sql.count(c, "SELECT COUNT(*) FROM reservations WHERE tenant_id = ?", t)));
    }

    /** Each budget reason: 409 on a live reserve, DENY on dry run and decide, a reservation.denied for each, no change. */
    @Test
    void everyBudgetReasonOnEveryReserveSurface() {
        String[][] cases = {
                {"BUDGET_EXCEEDED", "UPDATE budgets SET spent = 995 WHERE tenant_id = ?"},
                {"BUDGET_FROZEN", "UPDATE budgets SET status = 'FROZEN' WHERE tenant_id = ?"},
                {"BUDGET_CLOSED", "UPDATE budgets SET status = 'CLOSED' WHERE tenant_id = ?"},
                {"OVERDRAFT_LIMIT_EXCEEDED", "UPDATE budgets SET is_over_limit = 1, debt = 5 WHERE tenant_id = ?"},
                {"DEBT_OUTSTANDING", "UPDATE budgets SET debt = 5 WHERE tenant_id = ?"}};
        for (String[] c : cases) {
            String t = uniqueTenant("deny");
            Api rt = tenantWithKey(server, t);
            budget(server, t, "tenant:" + t, 1000);
            // the agent ledger (checked second) carries the condition: the first failing scope top-down is named
            budget(server, t, "tenant:" + t + "/agent:a", 1000);
            server.db().write(x -> Sql.update(x, c[1] + " AND scope = ?", t, "tenant:" + t + "/agent:a"));
            long[] before = ledger(server, t, "tenant:" + t + "/agent:a");

            JsonNode live = assertErr(rt.post("/v1/reservations", reserve(key("l"), subject(t, "a"), 10, "")), 409, c[0]);
            assertFalse(live.path("message").asText().isEmpty());
            Api.Res dry = rt.post("/v1/reservations", reserve(key("d"), subject(t, "a"), 10, ",\"dry_run\":true"));
            Api.Res dec = rt.post("/v1/decide", decide(key("x"), subject(t, "a"), 10));
            for (Api.Res r : List.of(dry, dec)) {
                assertEquals(200, r.status(), c[0] + ": " + r.body());
                assertEquals("DENY", r.json().path("decision").asText(), r.body());
                assertEquals(c[0], r.json().path("reason_code").asText(), r.body());
                assertEquals(2, r.json().path("affected_scopes").size(), r.body());
                assertFalse(r.json().has("reservation_id"), r.body());
            }
            List<JsonNode> denied = events(server, t, "reservation.denied");
            assertEquals(3, denied.size(), c[0] + ": live, dry run and decide each emit one");
            for (JsonNode e : denied) {
                assertEquals(c[0], e.path("data").path("reason_code").asText(), e.toString());
                assertEquals("tenant:" + t + "/agent:a", e.path("data").path("scope").asText(), e.toString());
                assertEquals(10, e.path("data").path("requested_amount").asLong());
                assertEquals("TOKENS", e.path("data").path("unit").asText());
                assertEquals("api_key", e.path("actor").path("type").asText());
            }
            assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(ledger(server, t, "tenant:" + t + "/agent:a")));
            assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);
            assertEquals(0L, (long) server.db().read(x -> Sql.count(x, "SELECT COUNT(*) FROM reservations WHERE tenant_id = ?", t)));
        }
    }

    @Test
    void commitToAClosedBudgetIsBudgetClosed() {
        String t = uniqueTenant("bc");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String id = hold(rt, subject(t, null), 10, "").path("reservation_id").asText();
        server.db().write(x -> Sql.update(x, "UPDATE budgets SET status = 'CLOSED' WHERE tenant_id = ?", t));
        assertErr(commitRes(rt, id, 10), 409, "BUDGET_CLOSED");
        assertLedger(server, t, "tenant:" + t, 1000, 0, 10, 0);
        assertEquals(200, releaseRes(rt, id).status(), "a hold goes back even to a closed budget");
        assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);
    }

    @Test
    void finalizedMismatchedAndExhaustedExtensions() {
        String t = uniqueTenant("fin");
        Api.Res made = server.admin().post("/v1/admin/tenants", "{\"tenant_id\":\"" + t + "\",\"name\":\"T\",\"max_reservation_extensions\":0}");
        assertEquals(201, made.status(), made.body());
        Api rt = server.runtime(dev.cycles.admin.server.support.Fixtures.key(server.admin(), t, ALL));
        budget(server, t, "tenant:" + t, 1000);

        String released = hold(rt, subject(t, null), 10, "").path("reservation_id").asText();
        assertErr(extendRes(rt, released, 1000), 409, "MAX_EXTENSIONS_EXCEEDED");
        assertEquals(200, rt.post("/v1/reservations/" + released + "/release", release("R", null)).status());
        assertErr(commitRes(rt, released, 1), 409, "RESERVATION_FINALIZED");
        assertErr(releaseRes(rt, released), 409, "RESERVATION_FINALIZED");
        assertErr(extendRes(rt, released, 1000), 409, "RESERVATION_FINALIZED");
        assertErr(server.runtimeAdmin().post("/v1/reservations/" + released + "/release", release("A", null)), 409, "RESERVATION_FINALIZED");
        assertErr(rt.post("/v1/reservations/" + released + "/release", release("R", "changed")), 409, "IDEMPOTENCY_MISMATCH");

        assertEquals(200, rt.post("/v1/decide", decide("D", subject(t, null), 5)).status());
        assertErr(rt.post("/v1/decide", decide("D", subject(t, null), 6)), 409, "IDEMPOTENCY_MISMATCH");
        assertEquals(200, rt.post("/v1/reservations", reserve("C", subject(t, null), 5, ",\"dry_run\":true")).status());
        assertErr(rt.post("/v1/reservations", reserve("C", subject(t, null), 5, "")), 409, "IDEMPOTENCY_MISMATCH");
        assertErr(rt.post("/v1/reservations", reserve("C", subject(t, null), 5, ",\"dry_run\":true,\"ttl_ms\":2000")), 409,
                "IDEMPOTENCY_MISMATCH");
        // decide and reserve keep separate namespaces
        assertEquals(200, rt.post("/v1/reservations", reserve("D", subject(t, null), 5, ",\"dry_run\":true")).status());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);
    }

    @Test
    void extendReplaysAndMismatches() {
        String t = uniqueTenant("ext");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String id = hold(rt, subject(t, null), 10, "").path("reservation_id").asText();
        Api.Res first = rt.post("/v1/reservations/" + id + "/extend", extend("E", 1000));
        assertEquals(200, first.status(), first.body());
        assertErr(rt.post("/v1/reservations/" + id + "/extend", extend("E", 2000)), 409, "IDEMPOTENCY_MISMATCH");
        Api.Res again = rt.post("/v1/reservations/" + id + "/extend", extend("E", 1000));
        assertEquals(first.json().path("expires_at_ms").asLong(), again.json().path("expires_at_ms").asLong());
        assertEquals(withoutTtl(first.json()), withoutTtl(again.json()));
        assertEquals(1, ((Number) one(server, "SELECT extension_count FROM reservations WHERE reservation_id = ?", id)
                .get("extension_count")).intValue());
        // the same extend key on another reservation is not a conflict
        String other = hold(rt, subject(t, null), 10, "").path("reservation_id").asText();
        assertEquals(200, rt.post("/v1/reservations/" + other + "/extend", extend("E", 2000)).status());
    }

    /** §0.7: 404 before 403; 403 before a replay; a replay before TENANT_CLOSED. */
    @Test
    void precedenceOfChecks() {
        String a = uniqueTenant("pre-a");
        String b = uniqueTenant("pre-b");
        Api rtA = tenantWithKey(server, a);
        Api rtB = tenantWithKey(server, b);
        budget(server, a, "tenant:" + a, 1000);
        String first = hold(rtA, subject(a, null), 10, "").path("reservation_id").asText();
        String second = hold(rtA, subject(a, null), 20, "").path("reservation_id").asText();
        Api.Res committed = rtA.post("/v1/reservations/" + first + "/commit", commit("K", 10));
        assertEquals(200, committed.status());
        assertErr(rtB.post("/v1/reservations/" + first + "/commit", commit("K", 10)), 403, "FORBIDDEN");
        assertErr(rtB.post("/v1/reservations/" + first + "/commit", "{\"bad\":1}"), 400, "INVALID_REQUEST");

        Api admin = server.runtimeAdmin();
        Api.Res forced = admin.post("/v1/reservations/" + second + "/release", release("F", "[INCIDENT_FORCE_RELEASE]"));
        assertEquals(200, forced.status(), forced.body());
        String third = hold(rtA, subject(a, null), 30, "").path("reservation_id").asText();
        assertEquals(200, server.admin().patch("/v1/admin/tenants/" + a, "{\"status\":\"CLOSED\"}").status());
        Api.Res replay = admin.post("/v1/reservations/" + second + "/release", release("F", "[INCIDENT_FORCE_RELEASE]"));
        assertEquals(200, replay.status(), "a replay wins over TENANT_CLOSED: " + replay.body());
        assertEquals(forced.json(), replay.json());
        assertErr(admin.post("/v1/reservations/" + second + "/release", release("G", "x")), 409, "TENANT_CLOSED");
        assertErr(admin.post("/v1/reservations/" + first + "/release", release("G", "x")), 409, "TENANT_CLOSED");
        assertEquals("RELEASED", status(server, third));
        assertLedger(server, a, "tenant:" + a, 1000, 10, 0, 0);
        assertEquals(1, server.admin().get("/v1/admin/audit/logs?tenant_id=" + enc(a) + "&operation=releaseReservation")
                .json().path("logs").size());
    }
}
