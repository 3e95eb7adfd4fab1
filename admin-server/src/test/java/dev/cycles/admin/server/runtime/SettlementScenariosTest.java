package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runtime digest §10 scenarios 3 to 7 and 9: commit arithmetic, overage policies, overdraft, debt gates, settlement idempotency. */
class SettlementScenariosTest extends ServerTest {

    /** Scenario 3: a commit under the estimate charges the actual and releases the rest on every held ledger. */
    @Test
    void commitUnderEstimate() {
        String t = uniqueTenant("s3");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        budget(server, t, "tenant:" + t + "/agent:a", 300);
        String id = hold(rt, subject(t, "a"), 100, "").path("reservation_id").asText();

        Api.Res c = commitRes(rt, id, 60);
        assertEquals(200, c.status(), c.body());
        assertEquals("COMMITTED", c.json().path("status").asText());
        assertEquals(60, c.json().path("charged").path("amount").asLong());
        assertEquals(40, c.json().path("released").path("amount").asLong());
        assertBalance(c.json().path("balances").get(0), "tenant:" + t, 1000, 60, 0, 0);
        assertBalance(c.json().path("balances").get(1), "tenant:" + t + "/agent:a", 300, 60, 0, 0);
        assertLedger(server, t, "tenant:" + t, 1000, 60, 0, 0);
        assertLedger(server, t, "tenant:" + t + "/agent:a", 300, 60, 0, 0);
        JsonNode r = rt.get("/v1/reservations/" + id).json();
        assertEquals("COMMITTED", r.path("status").asText());
        assertEquals(60, r.path("committed").path("amount").asLong());
        assertTrue(r.path("finalized_at_ms").asLong() > 0, r.toString());
        assertEquals(0, eventCount(server, t, "reservation.commit_overage"));

        // an exact commit leaves no 'released'
        String exact = hold(rt, subject(t, "a"), 10, "").path("reservation_id").asText();
        Api.Res e = commitRes(rt, exact, 10);
        assertEquals(200, e.status(), e.body());
        assertFalse(e.json().has("released"), e.body());
        assertLedger(server, t, "tenant:" + t, 1000, 70, 0, 0);
    }

    /** Scenario 4: ALLOW_IF_AVAILABLE charges what the tightest ledger can fund and marks only that ledger over limit. */
    @Test
    void allowIfAvailableOverage() {
        String t = uniqueTenant("s4");
        Api rt = tenantWithKey(server, t);
        String tenant = "tenant:" + t;
        String agent = tenant + "/agent:a";
        budget(server, t, tenant, 130);
        budget(server, t, agent, 600);
        String id = hold(rt, subject(t, "a"), 100, ",\"overage_policy\":\"ALLOW_IF_AVAILABLE\"").path("reservation_id").asText();
        assertLedger(server, t, tenant, 130, 0, 100, 0); // remaining 30
        assertLedger(server, t, agent, 600, 0, 100, 0); // remaining 500

        Api.Res c = commitRes(rt, id, 150);
        assertEquals(200, c.status(), c.body());
        assertEquals(130, c.json().path("charged").path("amount").asLong());
        assertFalse(c.json().has("released"), c.body());
        assertLedger(server, t, tenant, 130, 130, 0, 0);
        assertLedger(server, t, agent, 600, 130, 0, 0);
        assertTrue(c.json().path("balances").get(0).path("is_over_limit").asBoolean(), c.body());
        assertFalse(c.json().path("balances").get(1).path("is_over_limit").asBoolean(), c.body());
        assertEquals(1, ((Number) one(server, "SELECT is_over_limit FROM budgets WHERE scope = ?", tenant).get("is_over_limit")).intValue());
        assertEquals(0, ((Number) one(server, "SELECT is_over_limit FROM budgets WHERE scope = ?", agent).get("is_over_limit")).intValue());

        assertErr(rt.post("/v1/reservations", reserve(key("next"), subject(t, "a"), 1, "")), 409, "OVERDRAFT_LIMIT_EXCEEDED");

        List<JsonNode> overage = events(server, t, "reservation.commit_overage");
        assertEquals(1, overage.size());
        JsonNode d = overage.get(0).path("data");
        assertEquals(id, d.path("reservation_id").asText());
        assertEquals(100, d.path("estimated_amount").asLong());
        assertEquals(150, d.path("actual_amount").asLong());
        assertEquals(50, d.path("overage").asLong());
        assertEquals("ALLOW_IF_AVAILABLE", d.path("overage_policy").asText());
        assertEquals(0, d.path("debt_incurred").asLong());
        List<JsonNode> entered = events(server, t, "budget.over_limit_entered");
        assertEquals(1, entered.size());
        assertEquals(tenant, entered.get(0).path("scope").asText());
        List<JsonNode> exhausted = events(server, t, "budget.exhausted");
        assertEquals(1, exhausted.size(), "tenant 30 -> 0 once; the agent ledger still has 470");
        assertEquals(tenant, exhausted.get(0).path("data").path("scope").asText());
        assertEquals(0, exhausted.get(0).path("data").path("remaining").asLong());
        assertEquals(0, eventCount(server, t, "budget.debt_incurred"));
    }

    /** Scenario 5: REJECT refuses an overage and leaves the hold ACTIVE and releasable. */
    @Test
    void rejectOverage() {
        String t = uniqueTenant("s5");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String id = hold(rt, subject(t, null), 100, ",\"overage_policy\":\"REJECT\"").path("reservation_id").asText();

        assertErr(commitRes(rt, id, 101), 409, "BUDGET_EXCEEDED");
        assertLedger(server, t, "tenant:" + t, 1000, 0, 100, 0);
        assertEquals("ACTIVE", status(server, id));
        assertEquals(0, eventCount(server, t, "reservation.commit_overage"));

        Api.Res rel = releaseRes(rt, id);
        assertEquals(200, rel.status(), rel.body());
        assertEquals("RELEASED", rel.json().path("status").asText());
        assertEquals(100, rel.json().path("released").path("amount").asLong());
        assertBalance(rel.json().path("balances").get(0), "tenant:" + t, 1000, 0, 0, 0);
        assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);
        assertEquals("RELEASED", status(server, id));
    }

    /** Scenario 6: overdraft turns the unfunded part into debt up to the limit, and refuses past it without a change. */
    @Test
    void overdraft() {
        String t = uniqueTenant("s6");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, "TOKENS", 100, overdraftLimit(200));
        String first = hold(rt, subject(t, null), 100, ",\"overage_policy\":\"ALLOW_WITH_OVERDRAFT\"").path("reservation_id").asText();

        Api.Res c = commitRes(rt, first, 200); // remaining 0 after the hold: the 100 overage is all unfunded
        assertEquals(200, c.status(), c.body());
        assertEquals(200, c.json().path("charged").path("amount").asLong());
        assertBalance(c.json().path("balances").get(0), scope, 100, 100, 0, 100);
        assertEquals(-100, c.json().path("balances").get(0).path("remaining").path("amount").asLong());
        assertFalse(c.json().path("balances").get(0).path("is_over_limit").asBoolean(), "debt 100 within the limit of 200");
        assertLedger(server, t, scope, 100, 100, 0, 100);
        List<JsonNode> debt = events(server, t, "budget.debt_incurred");
        assertEquals(1, debt.size());
        assertEquals(100, debt.get(0).path("data").path("debt_incurred").asLong());
        assertEquals(100, debt.get(0).path("data").path("total_debt").asLong());
        assertEquals(first, debt.get(0).path("data").path("reservation_id").asText());
        assertEquals(100, events(server, t, "reservation.commit_overage").get(0).path("data").path("debt_incurred").asLong());

        // reserve 0 passes (debt within a non-zero limit does not block, remaining -100 < 0 would); fund it to hold again
        assertEquals(200, server.admin().post("/v1/admin/budgets/fund?scope=" + enc(scope) + "&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":100}}").status());
        assertLedger(server, t, scope, 200, 100, 0, 100);
        String second = hold(rt, subject(t, null), 0, ",\"overage_policy\":\"ALLOW_WITH_OVERDRAFT\"").path("reservation_id").asText();
        // unfunded part 101 would take debt to 201 > 200
        assertErr(commitRes(rt, second, 101), 409, "OVERDRAFT_LIMIT_EXCEEDED");
        assertLedger(server, t, scope, 200, 100, 0, 100);
        assertEquals("ACTIVE", status(server, second));
        assertEquals(1, eventCount(server, t, "budget.debt_incurred"));
        assertEquals(1, eventCount(server, t, "reservation.commit_overage"));
        // exactly to the limit is allowed
        Api.Res edge = commitRes(rt, second, 100);
        assertEquals(200, edge.status(), edge.body());
        assertLedger(server, t, scope, 200, 100, 0, 200);
    }

    /** Scenario 7: debt without an overdraft limit blocks reserves and decides; over-limit wins over debt. */
    @Test
    void debtGates() {
        String t = uniqueTenant("s7");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, 100);
        // debt 10 with L = 0 (the admin plane can set figures only through funding; write the state directly)
        server.db().write(c -> dev.cycles.admin.server.db.Sql.update(c,
                "UPDATE budgets SET debt = 10 WHERE tenant_id = ? AND scope = ?", t, scope));

        assertErr(rt.post("/v1/reservations", reserve(key("r"), subject(t, null), 1, "")), 409, "DEBT_OUTSTANDING");
        Api.Res d = rt.post("/v1/decide", decide(key("d"), subject(t, null), 1));
        assertEquals(200, d.status(), d.body());
        assertEquals("DENY", d.json().path("decision").asText());
        assertEquals("DEBT_OUTSTANDING", d.json().path("reason_code").asText());
        assertEquals(List.of(scope), ReserveScenariosTest.strings(d.json().path("affected_scopes")));

        server.db().write(c -> dev.cycles.admin.server.db.Sql.update(c,
                "UPDATE budgets SET is_over_limit = 1 WHERE tenant_id = ? AND scope = ?", t, scope));
        assertErr(rt.post("/v1/reservations", reserve(key("r"), subject(t, null), 1, "")), 409, "OVERDRAFT_LIMIT_EXCEEDED");
        Api.Res d2 = rt.post("/v1/decide", decide(key("d"), subject(t, null), 1));
        assertEquals("OVERDRAFT_LIMIT_EXCEEDED", d2.json().path("reason_code").asText(), d2.body());
        assertLedger(server, t, scope, 100, 0, 0, 10);
        // (createEvent on the same scope still applying is covered with POST /v1/events, built separately)
    }

    /** Scenario 9: commit and release replay per reservation; another key on a finalized reservation is FINALIZED. */
    @Test
    void settlementIdempotency() {
        String t = uniqueTenant("s9");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String id = hold(rt, subject(t, null), 100, "").path("reservation_id").asText();

        Api.Res first = rt.post("/v1/reservations/" + id + "/commit", commit("K", 70));
        assertEquals(200, first.status(), first.body());
        Api.Res again = rt.post("/v1/reservations/" + id + "/commit", commit("K", 70));
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json(), again.json());
        assertLedger(server, t, "tenant:" + t, 1000, 70, 0, 0);

        assertErr(rt.post("/v1/reservations/" + id + "/commit", commit("K2", 70)), 409, "RESERVATION_FINALIZED");
        assertErr(rt.post("/v1/reservations/" + id + "/release", release("R", null)), 409, "RESERVATION_FINALIZED");
        assertErr(rt.post("/v1/reservations/" + id + "/commit", commit("K", 71)), 409, "IDEMPOTENCY_MISMATCH");
        assertErr(rt.post("/v1/reservations/" + id + "/extend", extend("X", 1000)), 409, "RESERVATION_FINALIZED");
        assertLedger(server, t, "tenant:" + t, 1000, 70, 0, 0);

        // the same commit key on another reservation is not a conflict
        String other = hold(rt, subject(t, null), 10, "").path("reservation_id").asText();
        Api.Res k = rt.post("/v1/reservations/" + other + "/commit", commit("K", 5));
        assertEquals(200, k.status(), k.body());
        assertLedger(server, t, "tenant:" + t, 1000, 75, 0, 0);

        // release replays the same way
        String third = hold(rt, subject(t, null), 20, "").path("reservation_id").asText();
        Api.Res r1 = rt.post("/v1/reservations/" + third + "/release", release("R", "done"));
        assertEquals(200, r1.status(), r1.body());
        Api.Res r2 = rt.post("/v1/reservations/" + third + "/release", release("R", "done"));
        assertEquals(r1.json(), r2.json());
        assertErr(rt.post("/v1/reservations/" + third + "/release", release("R", "other reason")), 409, "IDEMPOTENCY_MISMATCH");
        assertErr(rt.post("/v1/reservations/" + third + "/release", release("R2", "done")), 409, "RESERVATION_FINALIZED");
        assertErr(rt.post("/v1/reservations/" + third + "/commit", commit("R", 1)), 409, "RESERVATION_FINALIZED");
        assertLedger(server, t, "tenant:" + t, 1000, 75, 0, 0);
    }
}
