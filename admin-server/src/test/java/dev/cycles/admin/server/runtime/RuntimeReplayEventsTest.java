package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays of every operation change nothing and emit nothing; the events a fresh outcome emits
 * carry the request's correlation and the right actor, and fire once per transition.
 */
class RuntimeReplayEventsTest extends ServerTest {

    /** The tenant's event count, all types. */
    private static int allEvents(String t) {
        return events(server, t).size();
    }

    @Test
    void liveReserveReplayEmitsNothingMore() {
        String t = uniqueTenant("rp");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 100);
        String body = reserve("all", subject(t, null), 100, "");
        Api.Res first = rt.post("/v1/reservations", body);
        assertEquals(200, first.status(), first.body());
        List<JsonNode> exhausted = events(server, t, "budget.exhausted");
        assertEquals(1, exhausted.size());
        JsonNode e = exhausted.get(0);
        assertEquals(first.header("X-Request-Id"), e.path("request_id").asText());
        assertEquals(first.header("X-Cycles-Trace-Id"), e.path("trace_id").asText());
        assertEquals("api_key", e.path("actor").path("type").asText());
        assertTrue(e.path("actor").path("key_id").asText().length() > 0, e.toString());
        int count = allEvents(t);

        Api.Res again = rt.post("/v1/reservations", body);
        assertEquals(withoutTtl(first.json()), withoutTtl(again.json()));
        assertEquals(count, allEvents(t));
        assertLedger(server, t, "tenant:" + t, 100, 0, 100, 0);
    }

    @Test
    void dryRunAndDecideReplaysAnswerTheFirstOutcome() {
        String t = uniqueTenant("rpd");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, 10);
        String dryDeny = reserve("dry-deny", subject(t, null), 50, ",\"dry_run\":true");
        String decideDeny = decide("decide-deny", subject(t, null), 50);
        String dryAllow = reserve("dry-allow", subject(t, null), 5, ",\"dry_run\":true");
        String decideAllow = decide("decide-allow", subject(t, null), 5);
        Api.Res d1 = rt.post("/v1/reservations", dryDeny);
        Api.Res d2 = rt.post("/v1/decide", decideDeny);
        Api.Res a1 = rt.post("/v1/reservations", dryAllow);
        Api.Res a2 = rt.post("/v1/decide", decideAllow);
        assertEquals("DENY", d1.json().path("decision").asText());
        assertEquals("BUDGET_EXCEEDED", d2.json().path("reason_code").asText());
        assertEquals("ALLOW", a1.json().path("decision").asText());
        assertEquals(5, a1.json().path("reserved").path("amount").asLong());
        assertBalance(a1.json().path("balances").get(0), scope, 10, 0, 0, 0);
        assertEquals("ALLOW", a2.json().path("decision").asText());
        List<JsonNode> denied = events(server, t, "reservation.denied");
        assertEquals(2, denied.size());
        assertEquals(d1.header("X-Request-Id"), denied.get(0).path("request_id").asText());
        assertEquals(d2.header("X-Cycles-Trace-Id"), denied.get(1).path("trace_id").asText());
        assertEquals(10, denied.get(0).path("data").path("remaining").asLong());
        assertEquals("llm.completion", denied.get(0).path("data").path("action").path("kind").asText());
        assertEquals(t, denied.get(0).path("data").path("subject").path("tenant").asText());

        // the state changes: the first outcomes are still what the replays say
        assertEquals(200, server.admin().post("/v1/admin/budgets/fund?scope=" + enc(scope) + "&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":1000}}").status());
        int count = allEvents(t);
        assertEquals(d1.json(), rt.post("/v1/reservations", dryDeny).json());
        assertEquals(d2.json(), rt.post("/v1/decide", decideDeny).json());
        assertEquals(a1.json(), rt.post("/v1/reservations", dryAllow).json());
        assertEquals(a2.json(), rt.post("/v1/decide", decideAllow).json());
        assertEquals(count, allEvents(t), "replays emit nothing");
        assertEquals(0L, (long) server.db().read(c -> dev.cycles.admin.server.db.Sql.count(c,
                "SELECT COUNT(*) FROM reservations WHERE tenant_id = ?", t)), "dry runs and decide never reserve");
        assertLedger(server, t, scope, 1010, 0, 0, 0);
    }

    @Test
    void settlementReplaysEmitNothingMore() {
        String t = uniqueTenant("rps");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, "TOKENS", 100, overdraftLimit(50));
        String id = hold(rt, subject(t, null), 80, ",\"overage_policy\":\"ALLOW_WITH_OVERDRAFT\"").path("reservation_id").asText();
        String body = commit("K", 120);
        Api.Res first = rt.post("/v1/reservations/" + id + "/commit", body);
        assertEquals(200, first.status(), first.body());
        assertEquals(120, first.json().path("charged").path("amount").asLong());
        assertLedger(server, t, scope, 100, 100, 0, 20);
        assertEquals(1, eventCount(server, t, "reservation.commit_overage"));
        assertEquals(1, eventCount(server, t, "budget.debt_incurred"));
        assertEquals(1, eventCount(server, t, "budget.exhausted"));
        int count = allEvents(t);
        assertEquals(first.json(), rt.post("/v1/reservations/" + id + "/commit", body).json());
        assertEquals(count, allEvents(t));
        assertLedger(server, t, scope, 100, 100, 0, 20);

        // remaining -20 refuses even a hold of 0; a credit of 20 brings it to 0 (debt is kept)
        assertErr(rt.post("/v1/reservations", reserve(key("z"), subject(t, null), 0, "")), 409, "BUDGET_EXCEEDED");
        credit(scope, 20);
        // a second overdrawn commit adds debt again (one more debt_incurred); remaining was not above 0, so no exhausted
        String next = hold(rt, subject(t, null), 0, ",\"overage_policy\":\"ALLOW_WITH_OVERDRAFT\"").path("reservation_id").asText();
        assertEquals(200, commitRes(rt, next, 10).status());
        assertLedger(server, t, scope, 120, 100, 0, 30);
        assertEquals(2, eventCount(server, t, "budget.debt_incurred"));
        assertEquals(1, eventCount(server, t, "budget.exhausted"), "exhausted fires on the crossing only");
        assertEquals(0, eventCount(server, t, "budget.over_limit_entered"), "debt within the limit is not over limit");

        credit(scope, 100);
        String rel = hold(rt, subject(t, null), 5, "").path("reservation_id").asText();
        Api.Res r1 = rt.post("/v1/reservations/" + rel + "/release", release("R", null));
        int before = allEvents(t);
        assertEquals(r1.json(), rt.post("/v1/reservations/" + rel + "/release", release("R", null)).json());
        assertEquals(before, allEvents(t));
        assertLedger(server, t, scope, 220, 100, 0, 30);
    }

    private static void credit(String scope, long amount) {
        Api.Res r = server.admin().post("/v1/admin/budgets/fund?scope=" + enc(scope) + "&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":" + amount + "}}");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void overLimitIsEnteredOnce() {
        String t = uniqueTenant("ol");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, 100);
        String a = hold(rt, subject(t, null), 50, "").path("reservation_id").asText();
        String b = hold(rt, subject(t, null), 50, "").path("reservation_id").asText();
        assertEquals(200, commitRes(rt, a, 60).status()); // remaining 0: charged 50, over limit
        assertLedger(server, t, scope, 100, 50, 50, 0);
        assertEquals(200, commitRes(rt, b, 70).status()); // already over limit: no second event
        assertLedger(server, t, scope, 100, 100, 0, 0);
        List<JsonNode> entered = events(server, t, "budget.over_limit_entered");
        assertEquals(1, entered.size());
        assertTrue(entered.get(0).path("data").path("is_over_limit").asBoolean());
        assertEquals(2, eventCount(server, t, "reservation.commit_overage"));
        assertEquals(1, eventCount(server, t, "budget.exhausted"));
        List<JsonNode> overage = events(server, t, "reservation.commit_overage");
        assertEquals(70, overage.get(1).path("data").path("actual_amount").asLong(), "the requested actual, not the charge");
    }
}
