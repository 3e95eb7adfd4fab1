package dev.cycles.admin.server.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cycles.admin.server.bulk.BulkSteps.budget;
import static dev.cycles.admin.server.bulk.BulkSteps.ids;
import static dev.cycles.admin.server.bulk.BulkSteps.sorted;
import static dev.cycles.admin.server.bulk.BulkSteps.tenant;
import static dev.cycles.admin.server.bulk.BulkSteps.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/admin/budgets/bulk-action: each action and row outcome, the gates, the limit, filter = list, audit and events. */
class BulkBudgetActionTest extends ServerTest {
    static final String PATH = "/v1/admin/budgets/bulk-action";
    static final String USD = "USD_MICROCENTS";

    static String body(String filterJson, String action, String amountJson, String extra) {
        return "{\"filter\":" + filterJson + ",\"action\":\"" + action + "\"" + (amountJson == null ? "" : ",\"amount\":" + amountJson)
                + (extra == null ? "" : "," + extra) + ",\"idempotency_key\":\"" + unique("k") + "\"}";
    }

    static String usd(long n) {
        return "{\"unit\":\"" + USD + "\",\"amount\":" + n + "}";
    }

    static String tenantFilter(String t) {
        return "{\"tenant_id\":\"" + t + "\"}";
    }

    static Map<String, Object> row(String ledgerId) {
        return Rows.select(server, "budgets", "ledger_id = ?", ledgerId).get(0);
    }

    static long col(String ledgerId, String column) {
        return ((Number) row(ledgerId).get(column)).longValue();
    }

    static void setFigures(String ledgerId, long spent, long debt) {
        server.db().write(c -> Sql.update(c, "UPDATE budgets SET spent = ?, debt = ? WHERE ledger_id = ?", spent, debt, ledgerId));
    }

    /** A tenant with two USD ledgers (allocated 1000 each) and one in TOKENS. */
    static String[] setUp(String t) {
        tenant(server.admin(), t, null);
        String a = budget(server.admin(), t, "tenant:" + t + "/workspace:eng", USD, 1000).path("ledger_id").asText();
        String b = budget(server.admin(), t, "tenant:" + t + "/workspace:ops", USD, 1000).path("ledger_id").asText();
        String tokens = budget(server.admin(), t, "tenant:" + t + "/workspace:eng", "TOKENS", 1000).path("ledger_id").asText();
        return new String[]{a, b, tokens};
    }

    @Test
    void creditAddsToEveryMatchedLedgerAndFailsTheOtherUnit() {
        String t = unique("cr");
        String[] l = setUp(t);
        Api.Res r = server.admin().post(PATH, body(tenantFilter(t), "CREDIT", usd(500), "\"expected_count\":3"));
        assertEquals(200, r.status(), r.body());
        JsonNode b = r.json();
        assertEquals("CREDIT", b.path("action").asText());
        assertEquals(3, b.path("total_matched").asLong());
        assertEquals(sorted(List.of(l[0], l[1])), sorted(ids(b.path("succeeded"))));
        assertEquals(List.of(l[2]), ids(b.path("failed")));
        assertEquals("INVALID_TRANSITION", b.path("failed").get(0).path("error_code").asText());
        assertEquals(1500, col(l[0], "allocated"));
        assertEquals(1500, col(l[1], "allocated"));
        assertEquals(1000, col(l[2], "allocated"));
    }

    @Test
    void debitFailsRowsThatWouldGoBelowZeroAndKeepsTheOthers() {
        String t = unique("db");
        String[] l = setUp(t);
        setFigures(l[1], 900, 0);
        JsonNode b = server.admin().post(PATH, body("{\"tenant_id\":\"" + t + "\",\"unit\":\"" + USD + "\"}", "DEBIT", "200", null)).json();
        assertEquals(List.of(l[0]), ids(b.path("succeeded")));
        assertEquals(List.of(l[1]), ids(b.path("failed")));
        assertEquals("BUDGET_EXCEEDED", b.path("failed").get(0).path("error_code").asText());
        assertEquals(800, col(l[0], "allocated"));
        assertEquals(1000, col(l[1], "allocated"));
    }

    @Test
    void resetAndResetSpentSetTheFigures() {
        String t = unique("rs");
        String[] l = setUp(t);
        setFigures(l[0], 700, 0);
        String usdOnly = "{\"tenant_id\":\"" + t + "\",\"unit\":\"" + USD + "\"}";
        assertEquals(2, server.admin().post(PATH, body(usdOnly, "RESET", usd(300), null)).json().path("succeeded").size());
        assertEquals(300, col(l[0], "allocated"));
        assertEquals(700, col(l[0], "spent"));
        JsonNode b = server.admin().post(PATH, body(usdOnly, "RESET_SPENT", usd(5000), "\"spent\":" + usd(10))).json();
        assertEquals(2, b.path("succeeded").size());
        assertEquals(5000, col(l[0], "allocated"));
        assertEquals(10, col(l[0], "spent"));
        server.admin().post(PATH, body(usdOnly, "RESET_SPENT", usd(4000), null));
        assertEquals(0, col(l[1], "spent"));
    }

    @Test
    void repayDebtSkipsLedgersWithoutDebt() {
        String t = unique("rp");
        String[] l = setUp(t);
        setFigures(l[0], 0, 300);
        JsonNode b = server.admin().post(PATH, body("{\"tenant_id\":\"" + t + "\",\"unit\":\"" + USD + "\"}", "REPAY_DEBT", usd(100), null)).json();
        assertEquals(List.of(l[0]), ids(b.path("succeeded")));
        assertEquals(List.of(l[1]), ids(b.path("skipped")));
        assertEquals("ALREADY_IN_TARGET_STATE", b.path("skipped").get(0).path("reason").asText());
        assertEquals(200, col(l[0], "debt"));
    }

    @Test
    void frozenAndClosedLedgersFailAsInvalidTransitions() {
        String t = unique("fz");
        String[] l = setUp(t);
        String eng = URLEncoder.encode("tenant:" + t + "/workspace:eng", StandardCharsets.UTF_8);
        assertEquals(200, server.admin().post("/v1/admin/budgets/freeze?scope=" + eng + "&unit=" + USD, null).status());
        server.db().write(c -> Sql.update(c, "UPDATE budgets SET status = 'CLOSED' WHERE ledger_id = ?", l[1]));
        JsonNode b = server.admin().post(PATH, body("{\"tenant_id\":\"" + t + "\",\"unit\":\"" + USD + "\"}", "CREDIT", usd(1), null)).json();
        assertEquals(0, b.path("succeeded").size());
        assertEquals(sorted(List.of(l[0], l[1])), sorted(ids(b.path("failed"))));
        b.path("failed").forEach(f -> assertEquals("INVALID_TRANSITION", f.path("error_code").asText()));
    }

    @Test
    void oneAuditRowPerCallAndOneCorrelatedEventPerChangedRow() {
        String t = unique("ev");
        String[] l = setUp(t);
        Api.Res r = server.admin().post(PATH, body(tenantFilter(t), "CREDIT", usd(5), "\"reason\":\"november top-up\""));
        String requestId = r.header("X-Request-Id");
        Map<String, Object> audit = Rows.oneAudit(server, r);
        assertEquals("bulkActionBudgets", audit.get("operation"));
        assertEquals(t, audit.get("tenant_id"));
        String meta = (String) audit.get("metadata");
        assertTrue(meta.contains(l[0]) && meta.contains(l[1]) && meta.contains("\"failed_count\":1"), meta);
        List<Map<String, Object>> events = Rows.select(server, "events", "correlation_id = ?", "budget_bulk_action:credit:" + requestId);
        assertEquals(2, events.size(), events.toString());
        events.forEach(e -> assertEquals("budget.funded", e.get("event_type")));
    }

    @Test
    void theFilterSelectsExactlyWhatTheListShows() {
        String t = unique("fl");
        tenant(server.admin(), t, null);
        for (String s : List.of("workspace:eng", "workspace:eng/agent:a", "workspace:eng/agent:b", "workspace:engineering", "workspace:ops")) {
            budget(server.admin(), t, "tenant:" + t + "/" + s, USD, 1000);
        }
        String eng = "tenant:" + t + "/workspace:eng";
        List<Map<String, Object>> rows = Rows.select(server, "budgets", "scope = ?", eng + "/agent:a");
        setFigures((String) rows.get(0).get("ledger_id"), 900, 0);
        List<String> listed = new ArrayList<>();
        server.admin().get("/v1/admin/budgets?tenant_id=" + t + "&scope_prefix=" + URLEncoder.encode(eng.toUpperCase(), StandardCharsets.UTF_8)
                        + "&unit=" + USD + "&utilization_max=0.5&has_debt=false&limit=100")
                .json().path("ledgers").forEach(n -> listed.add(n.path("ledger_id").asText()));
        assertEquals(2, listed.size(), listed.toString());
        JsonNode b = server.admin().post(PATH, body("{\"tenant_id\":\"" + t + "\",\"scope_prefix\":\"" + eng.toUpperCase() + "\",\"unit\":\"" + USD
                + "\",\"utilization_max\":0.5,\"has_debt\":false}", "CREDIT", usd(1), "\"expected_count\":2")).json();
        assertEquals(sorted(listed), sorted(ids(b.path("succeeded"))));
    }

    @Test
    void moreThan500MatchesIs400LimitExceededWithTheCount() {
        String t = unique("lim");
        tenant(server.admin(), t, null);
        BulkSteps.insertLedgers(server, t, "tenant:" + t, 501, USD, 10);
        Api.Res r = server.admin().post(PATH, body(tenantFilter(t), "CREDIT", usd(1), null));
        assertEquals(400, r.status(), r.body());
        assertEquals("LIMIT_EXCEEDED", r.error());
        assertEquals(501, r.json().path("details").path("total_matched").asLong());
        assertEquals(0, Rows.count(server, "budgets", "tenant_id = ? AND allocated <> 10", t));
        // Narrowed to 500 it runs.
        server.db().write(c -> Sql.update(c, "DELETE FROM budgets WHERE scope = ?", "tenant:" + t + "/agent:a0"));
        JsonNode b = server.admin().post(PATH, body(tenantFilter(t), "CREDIT", usd(1), "\"expected_count\":500")).json();
        assertEquals(500, b.path("succeeded").size());
    }

    @Test
    void countMismatchIs409AndWritesNothing() {
        String t = unique("cm");
        String[] l = setUp(t);
        Api.Res r = server.admin().post(PATH, body(tenantFilter(t), "CREDIT", usd(1), "\"expected_count\":2"));
        assertEquals(409, r.status(), r.body());
        assertEquals("COUNT_MISMATCH", r.error());
        assertEquals(1000, col(l[0], "allocated"));
        assertEquals(0, Rows.count(server, "events", "request_id = ?", r.header("X-Request-Id")));
    }

    @Test
    void invalidRequestsAre400Or404AndWriteNothing() {
        String t = unique("bad");
        String[] l = setUp(t);
        Api admin = server.admin();
        assertEquals(400, admin.post(PATH, body(tenantFilter(t), "CREDIT", null, null)).status());
        assertEquals(400, admin.post(PATH, body("{\"unit\":\"" + USD + "\"}", "CREDIT", usd(1), null)).status());
        assertEquals(400, admin.post(PATH, body(tenantFilter(t), "CREDIT", "5", null)).status());
        assertEquals(400, admin.post(PATH, body(tenantFilter(t), "CREDIT", usd(-1), null)).status());
        assertEquals(400, admin.post(PATH, body(tenantFilter(t), "FREEZE", usd(1), null)).status());
        assertEquals(400, admin.post(PATH, body("{\"tenant_id\":\"" + t + "\",\"utilization_min\":0.9,\"utilization_max\":0.1}", "CREDIT", usd(1), null)).status());
        assertEquals(400, admin.post(PATH, body("{\"tenant_id\":\"" + t + "\",\"utilization_min\":2}", "CREDIT", usd(1), null)).status());
        assertEquals(400, admin.post(PATH, body("{\"tenant_id\":\"" + t + "\",\"search\":\"" + "x".repeat(129) + "\"}", "CREDIT", usd(1), null)).status());
        Api.Res missing = admin.post(PATH, body(tenantFilter("no-such-tenant-here"), "CREDIT", usd(1), null));
        assertEquals(404, missing.status(), missing.body());
        assertEquals("TENANT_NOT_FOUND", missing.error());
        assertEquals(1000, col(l[0], "allocated"));
    }
}
