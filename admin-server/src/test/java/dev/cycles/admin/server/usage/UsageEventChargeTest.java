package dev.cycles.admin.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.cycles.admin.server.usage.UsageEvents.USD;
import static dev.cycles.admin.server.usage.UsageEvents.applied;
import static dev.cycles.admin.server.usage.UsageEvents.assertLedger;
import static dev.cycles.admin.server.usage.UsageEvents.balance;
import static dev.cycles.admin.server.usage.UsageEvents.body;
import static dev.cycles.admin.server.usage.UsageEvents.budget;
import static dev.cycles.admin.server.usage.UsageEvents.eventIds;
import static dev.cycles.admin.server.usage.UsageEvents.newEvent;
import static dev.cycles.admin.server.usage.UsageEvents.newEvents;
import static dev.cycles.admin.server.usage.UsageEvents.post;
import static dev.cycles.admin.server.usage.UsageEvents.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arithmetic of POST /v1/events under each overage policy (digest §4.6), on the worked
 * example's ledgers (§4.7): tenant ledger T (allocated 1000, no overdraft) and agent ledger G
 * (allocated 300, overdraft limit 200 or 0). Each step checks the answer, the ledgers through the
 * admin plane (with the invariant) and the budget.* events it raised, and that the charge itself
 * never appears in the governance event stream.
 */
class UsageEventChargeTest extends ServerTest {

    /** T and G as in §4.7, G with overdraft limit {@code limitG}. */
    private static UsageEvents.Tenant worked(long limitG) {
        UsageEvents.Tenant t = UsageEvents.tenant(server, "[\"events:create\"]");
        budget(server, t.id(), t.root(), USD, 1000, 0, null);
        budget(server, t.id(), t.agent("bot"), USD, 300, limitG, null);
        return t;
    }

    @Test
    void aChargeWithinBudgetIsSpentOnEveryBudgetedScopeAndRecordedOutsideTheEventStream() {
        UsageEvents.Tenant t = worked(200);
        Set<String> before = eventIds(server, t.id());
        JsonNode a = applied(post(t, body("e-1", t.id(), "bot", USD, 100, null)));
        assertFalse(a.has("charged"), "charged only when capped: " + a);
        assertEquals(2, a.path("balances").size(), a.toString());
        assertEquals(900, balance(a, t.root()).path("remaining").path("amount").asLong());
        assertEquals(200, balance(a, t.agent("bot")).path("remaining").path("amount").asLong());
        assertEquals(100, balance(a, t.agent("bot")).path("spent").path("amount").asLong());
        assertLedger(server, t.id(), t.root(), 100, 0, 900, false);
        assertLedger(server, t.id(), t.agent("bot"), 100, 0, 200, false);

        String eventId = a.path("event_id").asText();
        Map<String, Object> row = server.db().read(c -> Sql.one(c, "SELECT * FROM usage_events WHERE event_id = ?", rs -> Map.<String, Object>of(
                "tenant", rs.getString("tenant_id"), "amount", rs.getLong("amount"), "charged", rs.getLong("charged"),
                "policy", rs.getString("overage_policy"), "scope", rs.getString("scope_path"), "scopes", rs.getString("affected_scopes"),
                "key", rs.getString("idem_key"), "by", String.valueOf(rs.getString("created_by_key"))), eventId));
        assertEquals(t.id(), row.get("tenant"));
        assertEquals(100L, row.get("amount"));
        assertEquals(100L, row.get("charged"));
        assertEquals("ALLOW_IF_AVAILABLE", row.get("policy"), "no request, policy, ledger or tenant setting: the protocol default");
        assertEquals(t.agent("bot"), row.get("scope"));
        assertEquals("[\"" + t.root() + "\",\"" + t.agent("bot") + "\"]", row.get("scopes"));
        assertEquals("e-1", row.get("key"));
        assertTrue(row.get("by").toString().startsWith("key_"), row.toString());

        assertEquals(List.of(), newEvents(server, t.id(), before), "no threshold crossed, and the charge itself is no governance event");
        assertEquals(404, server.admin().get("/v1/admin/events/" + eventId).status());
    }

    /** §4.7 adapted to events, G with overdraft limit 200: debt within the limit, then the limit, then the other policies. */
    @Test
    void workedExampleWithOverdraft() {
        UsageEvents.Tenant t = worked(200);
        String g = t.agent("bot");
        Set<String> before = eventIds(server, t.id());
        // A = 400: T funds it all; G funds 300 and owes 100 (within its limit of 200)
        JsonNode a = applied(post(t, body("w-1", t.id(), "bot", USD, 400, "ALLOW_WITH_OVERDRAFT")));
        assertFalse(a.has("charged"), "the whole actual was charged: " + a);
        assertEquals(-100, balance(a, g).path("remaining").path("amount").asLong());
        assertEquals(100, balance(a, g).path("debt").path("amount").asLong());
        assertLedger(server, t.id(), t.root(), 400, 0, 600, false);
        assertLedger(server, t.id(), g, 300, 100, -100, false);
        assertEquals(List.of("budget.debt_incurred@" + g, "budget.exhausted@" + g, "budget.threshold_crossed@" + g,
                "budget.threshold_crossed@" + g, "budget.threshold_crossed@" + g), newEvents(server, t.id(), before));
        JsonNode debt = newEvent(server, t.id(), before, "budget.debt_incurred", g).path("data");
        assertEquals(100, debt.path("debt_incurred").asLong(), debt.toString());
        assertEquals(100, debt.path("total_debt").asLong(), debt.toString());
        assertEquals(200, debt.path("overdraft_limit").asLong(), debt.toString());
        assertEquals("ALLOW_WITH_OVERDRAFT", debt.path("overage_policy").asText());
        assertFalse(debt.has("reservation_id"), "a usage event has no reservation: " + debt);

        // debt does not block an event (it would block nothing here anyway: L > 0); 10 more is debt 110
        before = eventIds(server, t.id());
        applied(post(t, body("w-2", t.id(), "bot", USD, 10, "ALLOW_WITH_OVERDRAFT")));
        assertLedger(server, t.id(), t.root(), 410, 0, 590, false);
        assertLedger(server, t.id(), g, 300, 110, -110, false);
        assertEquals(List.of("budget.debt_incurred@" + g), newEvents(server, t.id(), before));

        // 100 more would make G's debt 210 > 200: refused, nothing changes, nothing emitted
        before = eventIds(server, t.id());
        refused(post(t, body("w-3", t.id(), "bot", USD, 100, "ALLOW_WITH_OVERDRAFT")), 409, "OVERDRAFT_LIMIT_EXCEEDED");
        refused(post(t, body("w-4", t.id(), "bot", USD, 10, "REJECT")), 409, "BUDGET_EXCEEDED");
        assertLedger(server, t.id(), t.root(), 410, 0, 590, false);
        assertLedger(server, t.id(), g, 300, 110, -110, false);
        assertEquals(List.of(), newEvents(server, t.id(), before));

        // ALLOW_IF_AVAILABLE never makes debt: G has nothing left, so nothing is charged and G goes over limit (T does not)
        JsonNode capped = applied(post(t, body("w-5", t.id(), "bot", USD, 50, "ALLOW_IF_AVAILABLE")));
        assertEquals(0, capped.path("charged").path("amount").asLong(), capped.toString());
        assertEquals(USD, capped.path("charged").path("unit").asText());
        assertLedger(server, t.id(), t.root(), 410, 0, 590, false);
        assertLedger(server, t.id(), g, 300, 110, -110, true);
        assertEquals(List.of("budget.over_limit_entered@" + g), newEvents(server, t.id(), before));
        JsonNode over = newEvent(server, t.id(), before, "budget.over_limit_entered", g).path("data");
        assertEquals(0.55, over.path("debt_utilization").asDouble(), 1e-9, over.toString());

        // over limit blocks new reservations, not events: 5 more is debt 115
        applied(post(t, body("w-6", t.id(), "bot", USD, 5, "ALLOW_WITH_OVERDRAFT")));
        assertLedger(server, t.id(), t.root(), 415, 0, 585, false);
        assertLedger(server, t.id(), g, 300, 115, -115, true);
        assertEquals(6 - 2, UsageEvents.usageRows(server, t.id()), "one row per applied event, none for refusals");
    }

    /** §4.7's last case with L_G = 0: G caps the charge at its 300 and goes over limit; T, which could fund 400, does not. */
    @Test
    void overdraftWithoutALimitCapsAtTheSmallestRemaining() {
        UsageEvents.Tenant t = worked(0);
        String g = t.agent("bot");
        Set<String> before = eventIds(server, t.id());
        JsonNode a = applied(post(t, body("z-1", t.id(), "bot", USD, 400, "ALLOW_WITH_OVERDRAFT")));
        assertEquals(300, a.path("charged").path("amount").asLong(), a.toString());
        assertLedger(server, t.id(), t.root(), 300, 0, 700, false);
        assertLedger(server, t.id(), g, 300, 0, 0, true);
        assertEquals(List.of("budget.exhausted@" + g, "budget.over_limit_entered@" + g, "budget.threshold_crossed@" + g,
                "budget.threshold_crossed@" + g, "budget.threshold_crossed@" + g), newEvents(server, t.id(), before));
        assertFalse(newEvent(server, t.id(), before, "budget.over_limit_entered", g).path("data").has("debt_utilization"),
                "no debt_utilization without a limit");
        long charged = server.db().read(c -> Sql.count(c, "SELECT charged FROM usage_events WHERE event_id = ?", a.path("event_id").asText()));
        assertEquals(300, charged, "the row records what was charged, not what was asked");
    }

    @Test
    void allowIfAvailableIgnoresTheOverdraftLimit() {
        UsageEvents.Tenant t = worked(200);
        JsonNode a = applied(post(t, body("a-1", t.id(), "bot", USD, 400, "ALLOW_IF_AVAILABLE")));
        assertEquals(300, a.path("charged").path("amount").asLong(), a.toString());
        assertLedger(server, t.id(), t.root(), 300, 0, 700, false);
        assertLedger(server, t.id(), t.agent("bot"), 300, 0, 0, true);
    }

    @Test
    void rejectChargesAllOrNothing() {
        UsageEvents.Tenant t = worked(200);
        Set<String> before = eventIds(server, t.id());
        Api.Res r = post(t, body("r-1", t.id(), "bot", USD, 301, "REJECT"));
        refused(r, 409, "BUDGET_EXCEEDED");
        assertTrue(r.json().path("message").asText().contains(t.agent("bot")), r.body());
        assertLedger(server, t.id(), t.root(), 0, 0, 1000, false);
        assertLedger(server, t.id(), t.agent("bot"), 0, 0, 300, false);
        assertEquals(List.of(), newEvents(server, t.id(), before));
        // exactly what is left is fine, and a retry of the refused key is evaluated afresh
        JsonNode a = applied(post(t, body("r-1", t.id(), "bot", USD, 300, "REJECT")));
        assertFalse(a.has("charged"));
        assertLedger(server, t.id(), t.root(), 300, 0, 700, false);
        assertLedger(server, t.id(), t.agent("bot"), 300, 0, 0, false);
        assertTrue(newEvents(server, t.id(), before).contains("budget.exhausted@" + t.agent("bot")));
    }

    /** An omitted overage_policy resolves as a reservation's would: policy in force > deepest ledger > tenant default > ALLOW_IF_AVAILABLE; the request beats them all. */
    @Test
    void anOmittedPolicyFollowsTheSettingsPrecedence() {
        UsageEvents.Tenant t = worked(200);
        String g = t.agent("bot");
        Api admin = server.admin();
        assertEquals(200, admin.patch("/v1/admin/tenants/" + t.id(), "{\"default_commit_overage_policy\":\"REJECT\"}").status());
        refused(post(t, body("p-1", t.id(), "bot", USD, 301, null)), 409, "BUDGET_EXCEEDED");

        Api.Res patched = admin.patch("/v1/admin/budgets?scope=" + g.replace("/", "%2F").replace(":", "%3A") + "&unit=" + USD,
                "{\"commit_overage_policy\":\"ALLOW_WITH_OVERDRAFT\"}");
        assertEquals(200, patched.status(), patched.body());
        JsonNode a = applied(post(t, body("p-1", t.id(), "bot", USD, 301, null)));
        assertLedger(server, t.id(), g, 300, 1, -1, false);
        String stored = server.db().read(c -> Sql.one(c, "SELECT overage_policy FROM usage_events WHERE event_id = ?",
                rs -> rs.getString(1), a.path("event_id").asText()));
        assertEquals("ALLOW_WITH_OVERDRAFT", stored, "the row records the policy the charge settled under");

        Api.Res policy = admin.post("/v1/admin/policies", "{\"tenant_id\":\"" + t.id() + "\",\"name\":\"strict\",\"scope_pattern\":\""
                + t.root() + "/agent:*\",\"commit_overage_policy\":\"REJECT\",\"priority\":10}");
        assertEquals(201, policy.status(), policy.body());
        refused(post(t, body("p-2", t.id(), "bot", USD, 50, null)), 409, "BUDGET_EXCEEDED");

        JsonNode explicit = applied(post(t, body("p-3", t.id(), "bot", USD, 50, "ALLOW_IF_AVAILABLE")));
        assertEquals(0, explicit.path("charged").path("amount").asLong(), explicit.toString());
        assertLedger(server, t.id(), g, 300, 1, -1, true);
        assertLedger(server, t.id(), t.root(), 301, 0, 699, false);
    }

    @Test
    void aDebtPastInt64IsOverTheLimitNotAnOverflow() {
        UsageEvents.Tenant t = UsageEvents.tenant(server, "[\"events:create\"]");
        budget(server, t.id(), t.root(), USD, 300, 1000, null);
        applied(post(t, body("o-1", t.id(), null, USD, 400, "ALLOW_WITH_OVERDRAFT")));
        assertLedger(server, t.id(), t.root(), 300, 100, -100, false);
        refused(post(t, body("o-2", t.id(), null, USD, Long.MAX_VALUE, "ALLOW_WITH_OVERDRAFT")), 409, "OVERDRAFT_LIMIT_EXCEEDED");
        refused(post(t, body("o-3", t.id(), null, USD, Long.MAX_VALUE, "REJECT")), 409, "BUDGET_EXCEEDED");
        JsonNode capped = applied(post(t, body("o-4", t.id(), null, USD, Long.MAX_VALUE, "ALLOW_IF_AVAILABLE")));
        assertEquals(0, capped.path("charged").path("amount").asLong());
        assertLedger(server, t.id(), t.root(), 300, 100, -100, true);
        Api.Res tooBig = post(t, body("o-5", t.id(), null, USD, 0, null).replace("\"amount\":0", "\"amount\":9223372036854775808"));
        refused(tooBig, 400, "INVALID_REQUEST");
    }
}
