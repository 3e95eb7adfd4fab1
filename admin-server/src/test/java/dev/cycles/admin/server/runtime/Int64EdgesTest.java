package dev.cycles.admin.server.runtime;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Amounts at the int64 edge: answered with the budget rules' codes, never a 500 or a wrapped value. */
class Int64EdgesTest extends ServerTest {
    static final long MAX = Long.MAX_VALUE;

    @Test
    void theLargestAmountsAreHeldAndCommittedExactly() {
        String t = uniqueTenant("max");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, MAX);
        String id = hold(rt, subject(t, null), MAX, "").path("reservation_id").asText();
        assertLedger(server, t, scope, MAX, 0, MAX, 0);
        assertErr(rt.post("/v1/reservations", reserve(key("m"), subject(t, null), 1, "")), 409, "BUDGET_EXCEEDED");
        Api.Res c = commitRes(rt, id, MAX);
        assertEquals(200, c.status(), c.body());
        assertEquals(MAX, c.json().path("charged").path("amount").asLong());
        assertLedger(server, t, scope, MAX, MAX, 0, 0);
    }

    @Test
    void anEstimateAboveEveryBudgetIsRefusedNotWrapped() {
        String t = uniqueTenant("big");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        assertErr(rt.post("/v1/reservations", reserve(key("m"), subject(t, null), MAX, "")), 409, "BUDGET_EXCEEDED");
        Api.Res d = rt.post("/v1/decide", decide(key("m"), subject(t, null), MAX));
        assertEquals("BUDGET_EXCEEDED", d.json().path("reason_code").asText(), d.body());
        String id = hold(rt, subject(t, null), 10, "").path("reservation_id").asText();
        Api.Res capped = commitRes(rt, id, MAX);
        assertEquals(200, capped.status(), capped.body());
        assertEquals(1000, capped.json().path("charged").path("amount").asLong());
        assertEquals(MAX, events(server, t, "reservation.commit_overage").get(0).path("data").path("actual_amount").asLong());
        assertLedger(server, t, "tenant:" + t, 1000, 1000, 0, 0);
    }

    /** Debt at the int64 limit: one more unit of debt would pass an overdraft limit of MAX, so it is a 409, not an overflow. */
    @Test
    void debtThatWouldOverflowIsOverTheLimit() {
        String t = uniqueTenant("debt");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, "TOKENS", 0, ",\"overdraft_limit\":{\"unit\":\"TOKENS\",\"amount\":" + MAX + "}");
        String overdraft = ",\"overage_policy\":\"ALLOW_WITH_OVERDRAFT\"";
        String first = hold(rt, subject(t, null), 0, overdraft).path("reservation_id").asText();
        String second = hold(rt, subject(t, null), 0, overdraft).path("reservation_id").asText();
        Api.Res all = commitRes(rt, first, MAX);
        assertEquals(200, all.status(), all.body());
        assertLedger(server, t, scope, 0, 0, 0, MAX);
        assertEquals(-MAX, all.json().path("balances").get(0).path("remaining").path("amount").asLong());

        assertErr(commitRes(rt, second, 1), 409, "OVERDRAFT_LIMIT_EXCEEDED");
        assertLedger(server, t, scope, 0, 0, 0, MAX);
        assertEquals("ACTIVE", status(server, second));
        assertEquals(200, releaseRes(rt, second).status());
    }
}
