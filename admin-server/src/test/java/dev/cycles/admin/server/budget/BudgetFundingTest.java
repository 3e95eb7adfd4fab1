package dev.cycles.admin.server.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.cycles.admin.server.budget.Budgets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fundBudget over HTTP: each operation's math, the response pairs, the stored row, idempotency, errors and int64 edges. */
class BudgetFundingTest extends ServerTest {
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    /** A fresh tenant with one TOKENS ledger at its root: allocated 1000, then spent/reserved/debt set in SQLite. */
    private static String ledger(String prefix, long spent, long reserved, long debt) {
        String t = uniqueTenant(prefix);
        Fixtures.tenant(admin, t);
        create(admin, t, "tenant:" + t, "TOKENS", 1000);
        if (spent != 0 || reserved != 0 || debt != 0) {
            setFigures(server, "tenant:" + t, "TOKENS", spent, reserved, debt);
        }
        return "tenant:" + t;
    }

    private static void assertPairs(JsonNode f, String op, long prevAlloc, long newAlloc, long prevRem, long newRem,
                                    long prevDebt, long newDebt, long prevSpent, long newSpent) {
        assertEquals(op, f.path("operation").asText(), f.toString());
        assertEquals(prevAlloc, amount(f, "previous_allocated"), "previous_allocated " + f);
        assertEquals(newAlloc, amount(f, "new_allocated"), "new_allocated " + f);
        assertEquals(prevRem, amount(f, "previous_remaining"), "previous_remaining " + f);
        assertEquals(newRem, amount(f, "new_remaining"), "new_remaining " + f);
        assertEquals(prevDebt, amount(f, "previous_debt"), "previous_debt " + f);
        assertEquals(newDebt, amount(f, "new_debt"), "new_debt " + f);
        assertEquals(prevSpent, amount(f, "previous_spent"), "previous_spent " + f);
        assertEquals(newSpent, amount(f, "new_spent"), "new_spent " + f);
        assertTrue(f.hasNonNull("timestamp"), f.toString());
    }

    private static JsonNode reread(String scope) {
        Api.Res r = lookup(admin, scope, "TOKENS");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void credit() {
        String s = ledger("f-credit", 200, 100, 50);
        JsonNode f = fundOk(admin, s, "TOKENS", "CREDIT", 300).json();
        assertPairs(f, "CREDIT", 1000, 1300, 650, 950, 50, 50, 200, 200);
        assertLedger(reread(s), 1300, 200, 100, 50);
        assertStored(server, s, "TOKENS", 1300, 200, 100, 50);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.funded' AND scope = ?", s));
    }

    @Test
    void debit() {
        String s = ledger("f-debit", 200, 100, 0);
        JsonNode f = fundOk(admin, s, "TOKENS", "DEBIT", 150).json();
        assertPairs(f, "DEBIT", 1000, 850, 700, 550, 0, 0, 200, 200);
        assertLedger(reread(s), 850, 200, 100, 0);
        assertStored(server, s, "TOKENS", 850, 200, 100, 0);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.debited' AND scope = ?", s));
    }

    @Test
    void debitToExactlyZeroThenOneMoreIsBudgetExceeded() {
        String s = ledger("f-zero", 300, 0, 0);
        JsonNode f = fundOk(admin, s, "TOKENS", "DEBIT", 700).json();
        assertPairs(f, "DEBIT", 1000, 300, 700, 0, 0, 0, 300, 300);
        assertLedger(reread(s), 300, 300, 0, 0);
        assertErr(fund(admin, s, "TOKENS", "DEBIT", 1), 409, "BUDGET_EXCEEDED");
        assertStored(server, s, "TOKENS", 300, 300, 0, 0);
    }

    @Test
    void debitBeyondRemainingIsBudgetExceededAndChangesNothing() {
        String s = ledger("f-over", 0, 0, 0);
        assertErr(fund(admin, s, "TOKENS", "DEBIT", 1001), 409, "BUDGET_EXCEEDED");
        assertStored(server, s, "TOKENS", 1000, 0, 0, 0);
        assertEquals(0, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.debited' AND scope = ?", s));
    }

    @Test
    void resetAbove() {
        String s = ledger("f-reset", 200, 0, 0);
        JsonNode f = fundOk(admin, s, "TOKENS", "RESET", 5000).json();
        assertPairs(f, "RESET", 1000, 5000, 800, 4800, 0, 0, 200, 200);
        assertStored(server, s, "TOKENS", 5000, 200, 0, 0);
    }

    @Test
    void resetBelowSpentGivesNegativeRemaining() {
        String s = ledger("f-resetneg", 600, 100, 50);
        JsonNode f = fundOk(admin, s, "TOKENS", "RESET", 500).json();
        assertPairs(f, "RESET", 1000, 500, 250, -250, 50, 50, 600, 600);
        JsonNode l = reread(s);
        assertLedger(l, 500, 600, 100, 50);
        assertEquals(-250, amount(l, "remaining"));
        assertStored(server, s, "TOKENS", 500, 600, 100, 50);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.reset' AND scope = ?", s));
        // DEBIT on a negative remaining is refused
        assertErr(fund(admin, s, "TOKENS", "DEBIT", 0), 409, "BUDGET_EXCEEDED");
    }

    @Test
    void resetSpentWithAndWithoutSpent() {
        String s = ledger("f-rs", 400, 100, 0);
        Api.Res r = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"operation\":\"RESET_SPENT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":2000},\"spent\":{\"unit\":\"TOKENS\",\"amount\":30}}");
        assertEquals(200, r.status(), r.body());
        assertPairs(r.json(), "RESET_SPENT", 1000, 2000, 500, 1870, 0, 0, 400, 30);
        assertStored(server, s, "TOKENS", 2000, 30, 100, 0);
        Api.Res bare = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"RESET_SPENT\",\"amount\":700}");
        assertEquals(200, bare.status(), bare.body());
        assertPairs(bare.json(), "RESET_SPENT", 2000, 700, 1870, 600, 0, 0, 30, 0);
        assertStored(server, s, "TOKENS", 700, 0, 100, 0);
        assertEquals(2, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.reset_spent' AND scope = ?", s));
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"operation\":\"RESET_SPENT\",\"amount\":1,\"spent\":{\"unit\":\"CREDITS\",\"amount\":1}}"), 400, "UNIT_MISMATCH");
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"operation\":\"RESET_SPENT\",\"amount\":1,\"spent\":-1}"), 400, "INVALID_REQUEST");
        assertStored(server, s, "TOKENS", 700, 0, 100, 0);
    }

    @Test
    void repayDebtSmallerThanDebtStaysOverLimit() {
        String s = ledger("f-repay", 100, 0, 300);
        JsonNode f = fundOk(admin, s, "TOKENS", "REPAY_DEBT", 120).json();
        assertPairs(f, "REPAY_DEBT", 1000, 1000, 600, 720, 300, 180, 100, 100);
        JsonNode l = reread(s);
        assertLedger(l, 1000, 100, 0, 180);
        assertTrue(l.path("is_over_limit").asBoolean(), "debt 180 > overdraft 0");
        assertStored(server, s, "TOKENS", 1000, 100, 0, 180);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.debt_repaid' AND scope = ?", s));
    }

    @Test
    void repayDebtLargerThanDebtCreditsTheExcessAndClearsOverLimit() {
        String s = ledger("f-repayx", 100, 0, 300);
        // make the row over limit the way the runtime would have left it
        server.db().write(c -> dev.cycles.admin.server.db.Sql.update(c, "UPDATE budgets SET is_over_limit = 1 WHERE scope = ?", s));
        assertTrue(reread(s).path("is_over_limit").asBoolean());
        JsonNode f = fundOk(admin, s, "TOKENS", "REPAY_DEBT", 500).json();
        assertPairs(f, "REPAY_DEBT", 1000, 1200, 600, 1100, 300, 0, 100, 100);
        JsonNode l = reread(s);
        assertLedger(l, 1200, 100, 0, 0);
        assertFalse(l.path("is_over_limit").asBoolean());
        assertStored(server, s, "TOKENS", 1200, 100, 0, 0);
        assertEquals(0L, col(row(server, s, "TOKENS"), "is_over_limit"));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.over_limit_exited' AND scope = ?", s));
    }

    @Test
    void fundRecomputesOverLimit() {
        String s = ledger("f-olim", 0, 0, 40);
        assertFalse(reread(s).path("is_over_limit").asBoolean(), "stored flag untouched by the SQL set-up");
        fundOk(admin, s, "TOKENS", "CREDIT", 1);
        assertTrue(reread(s).path("is_over_limit").asBoolean(), "a fund op recomputes debt > overdraft_limit");
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.over_limit_entered' AND scope = ?", s));
        Api.Res over = admin.get("/v1/admin/budgets?tenant_id=" + s.substring(7) + "&over_limit=true");
        assertEquals(200, over.status(), over.body());
        assertEquals(1, over.json().path("ledgers").size());
    }

    @Test
    void everyFundIsAuditedOnceInItsTransaction() {
        String s = ledger("f-audit", 0, 0, 0);
        String t = s.substring(7);
        fundOk(admin, s, "TOKENS", "CREDIT", 5);
        fundOk(admin, s, "TOKENS", "DEBIT", 5);
        assertEquals(2, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'fundBudget' AND resource_type = 'budget'"
                + " AND resource_id = ? AND tenant_id = ? AND status = 200", s, t));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'fundBudget' AND resource_id = ?"
                + " AND metadata LIKE '%\"operation\":\"DEBIT\"%'", s));
        assertEquals(2, count(server, "SELECT COUNT(*) FROM events WHERE tenant_id = ? AND event_type IN ('budget.funded','budget.debited')", t));
        // events and audit rows carry the same request id (one transaction per request)
        assertEquals(2, count(server, "SELECT COUNT(*) FROM audit_logs a JOIN events e ON a.request_id = e.request_id"
                + " WHERE a.operation = 'fundBudget' AND a.resource_id = ? AND e.scope = ?", s, s));
    }

    @Test
    void idempotentReplayReturnsTheOriginalAndChangesOnce() {
        String s = ledger("f-idem", 0, 0, 0);
        String body = "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":25},\"idempotency_key\":\"k-1\",\"reason\":\"top up\"}";
        Api.Res first = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), body);
        assertEquals(200, first.status(), first.body());
        Api.Res second = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), body);
        assertEquals(200, second.status(), second.body());
        assertEquals(first.json(), second.json(), "replay returns the original response verbatim");
        assertEquals(1025, amount(second.json(), "new_allocated"));
        assertStored(server, s, "TOKENS", 1025, 0, 0, 0);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.funded' AND scope = ?", s));
        // same key, different payload
        for (String other : new String[]{
                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":26},\"idempotency_key\":\"k-1\",\"reason\":\"top up\"}",
                "{\"operation\":\"DEBIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":25},\"idempotency_key\":\"k-1\",\"reason\":\"top up\"}",
                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":25},\"idempotency_key\":\"k-1\"}"}) {
            assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), other), 409, "IDEMPOTENCY_MISMATCH");
        }
        assertStored(server, s, "TOKENS", 1025, 0, 0, 0);
        // a bare integer amount is the same payload as the Amount object
        Api.Res bare = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"reason\":\"top up\",\"idempotency_key\":\"k-1\",\"amount\":25,\"operation\":\"CREDIT\"}");
        assertEquals(200, bare.status(), bare.body());
        assertEquals(first.json(), bare.json());
        // a new key applies again
        Api.Res fresh = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"operation\":\"CREDIT\",\"amount\":25,\"idempotency_key\":\"k-2\"}");
        assertEquals(200, fresh.status(), fresh.body());
        assertStored(server, s, "TOKENS", 1050, 0, 0, 0);
        // no key: no dedupe
        fundOk(admin, s, "TOKENS", "CREDIT", 1);
        fundOk(admin, s, "TOKENS", "CREDIT", 1);
        assertStored(server, s, "TOKENS", 1052, 0, 0, 0);
    }

    @Test
    void idempotencyKeysAreScopedPerTenant() {
        String a = ledger("f-idka", 0, 0, 0);
        String b = ledger("f-idkb", 0, 0, 0);
        String body = "{\"operation\":\"CREDIT\",\"amount\":5,\"idempotency_key\":\"shared-key\"}";
        assertEquals(200, admin.post("/v1/admin/budgets/fund" + q(a, "TOKENS"), body).status());
        Api.Res rb = admin.post("/v1/admin/budgets/fund" + q(b, "TOKENS"), body);
        assertEquals(200, rb.status(), rb.body());
        assertStored(server, a, "TOKENS", 1005, 0, 0, 0);
        assertStored(server, b, "TOKENS", 1005, 0, 0, 0);
    }

    @Test
    void fundErrors() {
        String s = ledger("f-err", 0, 0, 0);
        String t = s.substring(7);
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"CREDITS\",\"amount\":5}}"), 400, "UNIT_MISMATCH");
        assertErr(fund(admin, s + "/agent:nobody", "TOKENS", "CREDIT", 5), 404, "BUDGET_NOT_FOUND");
        assertErr(fund(admin, s, "CREDITS", "CREDIT", 5), 404, "BUDGET_NOT_FOUND");
        assertErr(admin.post("/v1/admin/budgets/fund?unit=TOKENS", "{\"operation\":\"CREDIT\",\"amount\":5}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund?scope=" + enc(s), "{\"operation\":\"CREDIT\",\"amount\":5}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"operation\":\"CREDIT\",\"amount\":5,\"spent\":1}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"BOGUS\",\"amount\":5}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"amount\":5}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"CREDIT\"}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"CREDIT\",\"amount\":-5}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund" + q("tenant:" + t + "/agent:*", "TOKENS"), "{\"operation\":\"CREDIT\",\"amount\":5}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS") + "&tenant_id=someone-else",
                "{\"operation\":\"CREDIT\",\"amount\":5}"), 400, "INVALID_REQUEST");
        Api.Res withOwnTenant = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS") + "&tenant_id=" + t, "{\"operation\":\"CREDIT\",\"amount\":5}");
        assertEquals(200, withOwnTenant.status(), withOwnTenant.body());
        assertStored(server, s, "TOKENS", 1005, 0, 0, 0);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE scope = ? AND event_type = 'budget.funded'", s));
    }

    @Test
    void frozenBudgetRefusesFundingButReplaysStillAnswer() {
        String s = ledger("f-frozen", 0, 0, 0);
        Api.Res keyed = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"CREDIT\",\"amount\":3,\"idempotency_key\":\"before-freeze\"}");
        assertEquals(200, keyed.status());
        assertEquals(200, admin.post("/v1/admin/budgets/freeze" + q(s, "TOKENS"), null).status());
        for (String op : new String[]{"CREDIT", "DEBIT", "RESET", "RESET_SPENT", "REPAY_DEBT"}) {
            assertErr(fund(admin, s, "TOKENS", op, 1), 409, "BUDGET_FROZEN");
        }
        assertStored(server, s, "TOKENS", 1003, 0, 0, 0);
        assertEquals("FROZEN", row(server, s, "TOKENS").get("status"));
        Api.Res replay = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"CREDIT\",\"amount\":3,\"idempotency_key\":\"before-freeze\"}");
        assertEquals(200, replay.status(), replay.body());
        assertEquals(keyed.json(), replay.json());
        assertStored(server, s, "TOKENS", 1003, 0, 0, 0);
    }

    @Test
    void amountsNearLongMaxAreRefusedAndLeaveTheLedgerUnchanged() {
        String t = uniqueTenant("f-max");
        Fixtures.tenant(admin, t);
        String s = "tenant:" + t;
        JsonNode l = create(admin, t, s, "TOKENS", Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, amount(l, "allocated"));
        assertEquals(Long.MAX_VALUE, amount(l, "remaining"));

        Api.Res credit = fund(admin, s, "TOKENS", "CREDIT", 1);
        assertEquals(400, credit.status(), credit.body());
        assertEquals("INVALID_REQUEST", credit.error());
        Api.Res repay = fund(admin, s, "TOKENS", "REPAY_DEBT", 1);
        assertEquals(400, repay.status(), repay.body());
        Api.Res huge = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"),
                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":9223372036854775808}}");
        assertTrue(huge.status() >= 400 && huge.status() < 500, huge.toString());
        Api.Res hugeBare = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"RESET\",\"amount\":9223372036854775808}");
        assertTrue(hugeBare.status() >= 400 && hugeBare.status() < 500, hugeBare.toString());
        Api.Res float30 = admin.post("/v1/admin/budgets/fund" + q(s, "TOKENS"), "{\"operation\":\"RESET\",\"amount\":1e30}");
        assertTrue(float30.status() >= 400 && float30.status() < 500, float30.toString());

        Api.Res after = lookup(admin, s, "TOKENS");
        assertEquals(200, after.status(), after.body());
        assertLedger(after.json(), Long.MAX_VALUE, 0, 0, 0);
        assertStored(server, s, "TOKENS", Long.MAX_VALUE, 0, 0, 0);
        assertEquals(0, count(server, "SELECT COUNT(*) FROM events WHERE scope = ? AND event_type <> 'budget.created'", s));
        // Each refused fund is audited against the ledger it named, as a failure; none as a success.
        assertEquals(0, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'fundBudget' AND resource_id = ? AND status = 200", s));
        assertEquals(5, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'fundBudget' AND resource_id = ?"
                + " AND status = 400 AND error_code = 'INVALID_REQUEST' AND tenant_id = '" + t + "'", s));

        // creating out of range is a 4xx too and stores nothing
        String s2 = s + "/agent:big";
        Api.Res bigCreate = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + s2
                + "\",\"unit\":\"TOKENS\",\"allocated\":9223372036854775808}");
        assertTrue(bigCreate.status() >= 400 && bigCreate.status() < 500, bigCreate.toString());
        assertEquals(null, row(server, s2, "TOKENS"));

        // a runtime-set spent near MAX: RESET to 0 would push remaining below Long.MIN
        String s3 = s + "/agent:neg";
        create(admin, t, s3, "TOKENS", 0);
        setFigures(server, s3, "TOKENS", Long.MAX_VALUE, 0, 0);
        Map<String, Object> before = row(server, s3, "TOKENS");
        Api.Res underflow = admin.post("/v1/admin/budgets/fund" + q(s3, "TOKENS"),
                "{\"operation\":\"RESET_SPENT\",\"amount\":0,\"spent\":9223372036854775807}");
        assertEquals(200, underflow.status(), "allocated 0, spent MAX: remaining -MAX is still in range: " + underflow.body());
        setFigures(server, s3, "TOKENS", Long.MAX_VALUE, 0, 2);
        Api.Res out = fund(admin, s3, "TOKENS", "RESET", 0);
        assertEquals(400, out.status(), out.body());
        assertStored(server, s3, "TOKENS", 0, Long.MAX_VALUE, 0, 2);
        assertEquals(before.get("ledger_id"), row(server, s3, "TOKENS").get("ledger_id"));
    }
}
