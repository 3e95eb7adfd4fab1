package dev.cycles.admin.server.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.cycles.admin.server.budget.Budgets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenant isolation both ways, balances, permissions, admin-only operations, freeze/unfreeze, and the tenant-close cascade. */
class BudgetAccessTest extends ServerTest {
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    private static final String ALL = "[\"budgets:read\",\"budgets:write\",\"balances:read\"]";

    private static void assertLearnsNothing(Api.Res r, String otherTenant, String otherLedgerId) {
        assertTrue(r.status() == 403 || r.status() == 404, r.toString());
        assertFalse(r.body().contains(otherLedgerId), r.body());
        assertFalse(r.body().contains("777777"), "figures leaked: " + r.body());
    }

    @Test
    void tenantsCannotSeeOrTouchEachOther() {
        String a = uniqueTenant("iso-a");
        String b = uniqueTenant("iso-b");
        Fixtures.tenant(admin, a);
        Fixtures.tenant(admin, b);
        String idA = create(admin, a, "tenant:" + a, "TOKENS", 777777).path("ledger_id").asText();
        String idB = create(admin, b, "tenant:" + b, "TOKENS", 777777).path("ledger_id").asText();
        Api keyA = server.tenant(Fixtures.key(admin, a, ALL));
        Api keyB = server.tenant(Fixtures.key(admin, b, ALL));
        for (Object[] pair : new Object[][]{{keyA, b, idB, a}, {keyB, a, idA, b}}) {
            Api me = (Api) pair[0];
            String other = (String) pair[1];
            String otherId = (String) pair[2];
            String self = (String) pair[3];
            Api.Res look = lookup(me, "tenant:" + other, "TOKENS");
            assertErr(look, 404, "BUDGET_NOT_FOUND");
            assertLearnsNothing(look, other, otherId);
            // the same answer as for a scope with no ledger at all
            assertEquals(404, lookup(me, "tenant:" + other + "/agent:none", "TOKENS").status());
            assertLearnsNothing(fund(me, "tenant:" + other, "TOKENS", "CREDIT", 1), other, otherId);
            assertLearnsNothing(fund(me, "tenant:" + other, "TOKENS", "DEBIT", 1), other, otherId);
            assertLearnsNothing(me.post("/v1/admin/budgets", createBody(null, "tenant:" + other + "/agent:x", "TOKENS", 1)), other, otherId);
            Api.Res list = me.get("/v1/admin/budgets?tenant_id=" + other);
            assertEquals(200, list.status(), list.body());
            assertEquals(1, list.json().path("ledgers").size(), "tenant_id is ignored: only the key's own ledgers");
            assertEquals(self, list.json().path("ledgers").get(0).path("tenant_id").asText());
            assertFalse(list.body().contains(otherId));
            Api.Res prefixed = me.get("/v1/admin/budgets?scope_prefix=" + enc("tenant:" + other));
            assertEquals(0, prefixed.json().path("ledgers").size(), prefixed.body());
            Api.Res bal = me.get("/v1/balances?tenant_id=" + other);
            assertEquals(200, bal.status(), bal.body());
            assertEquals(1, bal.json().path("balances").size());
            assertFalse(bal.body().contains(otherId));
        }
        assertStored(server, "tenant:" + a, "TOKENS", 777777, 0, 0, 0);
        assertStored(server, "tenant:" + b, "TOKENS", 777777, 0, 0, 0);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM budgets WHERE tenant_id = ?", a));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM budgets WHERE tenant_id = ?", b));
        // own ledgers work
        fundOk(keyA, "tenant:" + a, "TOKENS", "CREDIT", 1);
        assertEquals(200, lookup(keyB, "tenant:" + b, "TOKENS").status());
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'fundBudget' AND status = 200 AND resource_id = ?"
                + " AND key_id IS NOT NULL", "tenant:" + a));
    }

    @Test
    void balancesShowOnlyOpenOwnLedgersWithFilters() {
        String t = uniqueTenant("bal");
        Fixtures.tenant(admin, t);
        create(admin, t, "tenant:" + t, "TOKENS", 10);
        create(admin, t, "tenant:" + t + "/workspace:eng", "TOKENS", 20);
        create(admin, t, "tenant:" + t + "/workspace:engineering", "TOKENS", 30);
        create(admin, t, "tenant:" + t + "/workspace:eng/agent:x", "CREDITS", 40);
        create(admin, t, "tenant:" + t + "/workspace:ops", "TOKENS", 50);
        assertEquals(200, admin.post("/v1/admin/budgets/freeze" + q("tenant:" + t + "/workspace:ops", "TOKENS"), null).status());
        setFigures(server, "tenant:" + t + "/workspace:eng", "TOKENS", 3, 2, 1);
        Api key = server.tenant(Fixtures.key(admin, t, "[\"balances:read\"]"));
        Api.Res all = key.get("/v1/balances");
        assertEquals(200, all.status(), all.body());
        assertEquals(5, all.json().path("balances").size(), "ACTIVE and FROZEN ledgers are open");
        for (JsonNode l : all.json().path("balances")) {
            assertEquals(t, l.path("tenant_id").asText());
            if (l.path("scope").asText().endsWith("/workspace:eng")) {
                assertLedger(l, 20, 3, 2, 1);
                assertTrue(l.has("overdraft_limit") && l.has("is_over_limit"));
            }
        }
        Api.Res eng = key.get("/v1/balances?scope_prefix=" + enc("tenant:" + t + "/workspace:eng"));
        assertEquals(2, eng.json().path("balances").size(), eng.body());
        Api.Res credits = key.get("/v1/balances?unit=CREDITS");
        assertEquals(1, credits.json().path("balances").size());
        Api.Res paged = key.get("/v1/balances?limit=2");
        assertEquals(2, paged.json().path("balances").size());
        assertTrue(paged.json().path("has_more").asBoolean());
        Api.Res page2 = key.get("/v1/balances?limit=2&cursor=" + enc(paged.json().path("next_cursor").asText()));
        assertEquals(200, page2.status(), page2.body());
        assertFalse(page2.body().contains(paged.json().path("balances").get(0).path("ledger_id").asText()));

        Api filtered = server.tenant(keyWithFilter(admin, t, "[\"balances:read\",\"budgets:read\",\"budgets:write\"]", "[\"workspace:eng\"]"));
        Api.Res f = filtered.get("/v1/balances");
        assertEquals(200, f.status(), f.body());
        List<String> scopes = new ArrayList<>();
        f.json().path("balances").forEach(l -> scopes.add(l.path("scope").asText()));
        assertEquals(List.of("tenant:" + t + "/workspace:eng", "tenant:" + t + "/workspace:eng/agent:x"), scopes.stream().sorted().toList());
        // scope_filter also narrows list, lookup and fund
        assertEquals(2, filtered.get("/v1/admin/budgets").json().path("ledgers").size());
        assertErr(lookup(filtered, "tenant:" + t + "/workspace:ops", "TOKENS"), 403, "FORBIDDEN");
        assertErr(fund(filtered, "tenant:" + t + "/workspace:engineering", "TOKENS", "CREDIT", 1), 403, "FORBIDDEN");
        assertStored(server, "tenant:" + t + "/workspace:engineering", "TOKENS", 30, 0, 0, 0);
        fundOk(filtered, "tenant:" + t + "/workspace:eng", "TOKENS", "CREDIT", 1);

        // balances is tenant-only; the admin key is refused
        assertEquals(401, admin.get("/v1/balances").status());
        // closed ledgers leave the balances
        closeTenant(admin, t);
        Api.Res afterClose = key.get("/v1/balances");
        assertTrue(afterClose.status() == 401 || afterClose.json().path("balances").size() == 0, afterClose.toString());
    }

    @Test
    void permissionsAreChecked() {
        String t = uniqueTenant("perm");
        Fixtures.tenant(admin, t);
        String s = "tenant:" + t;
        create(admin, t, s, "TOKENS", 10);
        Api balancesOnly = server.tenant(Fixtures.key(admin, t, "[\"balances:read\"]"));
        Api readOnly = server.tenant(Fixtures.key(admin, t, "[\"budgets:read\"]"));
        Api writeOnly = server.tenant(Fixtures.key(admin, t, "[\"budgets:write\"]"));
        assertErr(balancesOnly.get("/v1/admin/budgets"), 403, "INSUFFICIENT_PERMISSIONS");
        assertErr(lookup(balancesOnly, s, "TOKENS"), 403, "INSUFFICIENT_PERMISSIONS");
        assertErr(fund(balancesOnly, s, "TOKENS", "CREDIT", 1), 403, "INSUFFICIENT_PERMISSIONS");
        assertErr(fund(readOnly, s, "TOKENS", "CREDIT", 1), 403, "INSUFFICIENT_PERMISSIONS");
        assertErr(readOnly.get("/v1/balances"), 403, "INSUFFICIENT_PERMISSIONS");
        assertErr(writeOnly.get("/v1/balances"), 403, "INSUFFICIENT_PERMISSIONS");
        assertErr(writeOnly.get("/v1/admin/budgets"), 403, "INSUFFICIENT_PERMISSIONS");
        assertEquals(200, readOnly.get("/v1/admin/budgets").status());
        assertEquals(200, lookup(readOnly, s, "TOKENS").status());
        assertEquals(200, fund(writeOnly, s, "TOKENS", "CREDIT", 1).status());
        assertStored(server, s, "TOKENS", 11, 0, 0, 0);
        // admin-only operations refuse tenant keys, even with every budget permission
        Api full = server.tenant(Fixtures.key(admin, t, ALL));
        assertErr(full.patch("/v1/admin/budgets" + q(s, "TOKENS"), "{\"overdraft_limit\":5}"), 401, "UNAUTHORIZED");
        assertErr(full.post("/v1/admin/budgets/freeze" + q(s, "TOKENS"), null), 401, "UNAUTHORIZED");
        assertErr(full.post("/v1/admin/budgets/unfreeze" + q(s, "TOKENS"), null), 401, "UNAUTHORIZED");
        assertEquals("ACTIVE", row(server, s, "TOKENS").get("status"));
        assertEquals(0L, col(row(server, s, "TOKENS"), "overdraft_limit"));
        assertErr(server.anonymous().get("/v1/admin/budgets"), 401, "UNAUTHORIZED");
        assertErr(admin.withKey("X-Admin-API-Key", "wrong").get("/v1/admin/budgets"), 401, "UNAUTHORIZED");
    }

    @Test
    void lookupPatchFreezeUnfreeze() {
        String t = uniqueTenant("life");
        Fixtures.tenant(admin, t);
        String s = "tenant:" + t + "/app:web";
        create(admin, t, s, "TOKENS", 10);
        assertErr(lookup(admin, s, "CREDITS"), 404, "BUDGET_NOT_FOUND");
        assertErr(lookup(admin, "tenant:" + t, "TOKENS"), 404, "BUDGET_NOT_FOUND");
        assertErr(lookup(admin, s + "/agent:x", "TOKENS"), 404, "BUDGET_NOT_FOUND");
        assertErr(admin.get("/v1/admin/budgets/lookup?unit=TOKENS"), 400, "INVALID_REQUEST");
        assertEquals(200, lookup(admin, "tenant:" + t + "/app:WEB", "TOKENS").status(), "lookup lower-cases like create");

        assertErr(admin.patch("/v1/admin/budgets" + q(s, "TOKENS"), "{\"overdraft_limit\":-1}"), 400, "INVALID_REQUEST");
        assertErr(admin.patch("/v1/admin/budgets" + q(s, "TOKENS"), "{\"overdraft_limit\":{\"unit\":\"CREDITS\",\"amount\":1}}"), 400, "UNIT_MISMATCH");
        assertErr(admin.patch("/v1/admin/budgets" + q(s + "/agent:none", "TOKENS"), "{\"overdraft_limit\":1}"), 404, "BUDGET_NOT_FOUND");
        Api.Res p = admin.patch("/v1/admin/budgets" + q(s, "TOKENS"), "{\"overdraft_limit\":{\"unit\":\"TOKENS\",\"amount\":4},\"metadata\":{\"k\":\"v\"}}");
        assertEquals(200, p.status(), p.body());
        assertEquals(4, amount(p.json(), "overdraft_limit"));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'updateBudget' AND resource_type = 'budget' AND resource_id = ? AND status = 200", s));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.updated' AND scope = ?", s));

        Api.Res frozen = admin.post("/v1/admin/budgets/freeze" + q(s, "TOKENS"), "{\"reason\":\"audit hold\"}");
        assertEquals(200, frozen.status(), frozen.body());
        assertEquals("FROZEN", frozen.text("status"));
        assertEquals("FROZEN", row(server, s, "TOKENS").get("status"));
        Api.Res again = admin.post("/v1/admin/budgets/freeze" + q(s, "TOKENS"), null);
        assertEquals(409, again.status(), again.body());
        // PATCH is still allowed while FROZEN
        assertEquals(200, admin.patch("/v1/admin/budgets" + q(s, "TOKENS"), "{\"overdraft_limit\":5}").status());
        assertErr(fund(admin, s, "TOKENS", "CREDIT", 1), 409, "BUDGET_FROZEN");
        Api.Res un = admin.post("/v1/admin/budgets/unfreeze" + q(s, "TOKENS"), "{}");
        assertEquals(200, un.status(), un.body());
        assertEquals("ACTIVE", un.text("status"));
        Api.Res unAgain = admin.post("/v1/admin/budgets/unfreeze" + q(s, "TOKENS"), null);
        assertEquals(409, unAgain.status(), unAgain.body());
        assertEquals("ACTIVE", row(server, s, "TOKENS").get("status"));
        assertErr(admin.post("/v1/admin/budgets/freeze" + q(s, "TOKENS"), "{\"reason\":\"" + "r".repeat(513) + "\"}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets/freeze" + q(s + "/agent:none", "TOKENS"), null), 404, "BUDGET_NOT_FOUND");
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'freezeBudget' AND resource_id = ? AND status = 200", s));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'unfreezeBudget' AND resource_id = ? AND status = 200", s));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.frozen' AND scope = ?", s));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.unfrozen' AND scope = ?", s));
        fundOk(admin, s, "TOKENS", "CREDIT", 1);
        assertStored(server, s, "TOKENS", 11, 0, 0, 0);
    }

    @Test
    void closingTheTenantClosesItsBudgetsInTheSameRequest() {
        String t = uniqueTenant("close");
        Fixtures.tenant(admin, t);
        String root = "tenant:" + t;
        String child = root + "/workspace:eng";
        create(admin, t, root, "TOKENS", 10);
        create(admin, t, child, "CREDITS", 20);
        assertEquals(200, admin.post("/v1/admin/budgets/freeze" + q(child, "CREDITS"), null).status());
        setFigures(server, root, "TOKENS", 1, 4, 0);
        String other = uniqueTenant("close-other");
        Fixtures.tenant(admin, other);
        create(admin, other, "tenant:" + other, "TOKENS", 5);

        closeTenant(admin, t);
        assertEquals("CLOSED", row(server, root, "TOKENS").get("status"));
        assertEquals("CLOSED", row(server, child, "CREDITS").get("status"));
        assertTrue(row(server, root, "TOKENS").get("closed_at") != null);
        assertEquals("CLOSED", lookup(admin, root, "TOKENS").text("status"));
        assertLedger(lookup(admin, root, "TOKENS").json(), 10, 1, 0, 0);
        assertEquals("ACTIVE", row(server, "tenant:" + other, "TOKENS").get("status"), "other tenants untouched");
        assertEquals(2, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'budget.closed_via_tenant_cascade' AND tenant_id = ?"
                + " AND resource_type = 'budget'", t));
        assertEquals(2, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.closed_via_tenant_cascade' AND tenant_id = ?", t));
        // same request: the cascade rows share the tenant update's request id
        assertEquals(2, count(server, "SELECT COUNT(*) FROM audit_logs c JOIN audit_logs u ON c.request_id = u.request_id"
                + " WHERE c.operation = 'budget.closed_via_tenant_cascade' AND c.tenant_id = ? AND u.operation = 'updateTenant'", t));
        assertEquals(2, admin.get("/v1/admin/budgets?tenant_id=" + t + "&status=CLOSED").json().path("ledgers").size());

        // nothing on a CLOSED budget may change
        for (String op : new String[]{"CREDIT", "DEBIT", "RESET"}) {
            Api.Res r = fund(admin, root, "TOKENS", op, 1);
            assertEquals(409, r.status(), r.body());
            assertTrue(r.error().equals("TENANT_CLOSED") || r.error().equals("BUDGET_CLOSED"), r.body());
        }
        Api.Res upd = admin.patch("/v1/admin/budgets" + q(root, "TOKENS"), "{\"overdraft_limit\":5}");
        assertEquals(409, upd.status(), upd.body());
        assertEquals(409, admin.post("/v1/admin/budgets/freeze" + q(root, "TOKENS"), null).status());
        assertEquals(409, admin.post("/v1/admin/budgets/unfreeze" + q(child, "CREDITS"), null).status());
        assertStored(server, root, "TOKENS", 10, 1, 0, 0);
        assertEquals(0L, col(row(server, root, "TOKENS"), "overdraft_limit"));
        assertEquals("CLOSED", row(server, child, "CREDITS").get("status"));
    }

    @Test
    void closedBudgetUnderAnOpenTenantIsBudgetClosed() {
        // a CLOSED ledger whose tenant is still open (e.g. closed by a later feature): BUDGET_CLOSED, not TENANT_CLOSED
        String t = uniqueTenant("bclosed");
        Fixtures.tenant(admin, t);
        String s = "tenant:" + t;
        create(admin, t, s, "TOKENS", 10);
        server.db().write(c -> dev.cycles.admin.server.db.Sql.update(c, "UPDATE budgets SET status = 'CLOSED' WHERE scope = ?", s));
        assertErr(fund(admin, s, "TOKENS", "CREDIT", 1), 409, "BUDGET_CLOSED");
        assertErr(admin.patch("/v1/admin/budgets" + q(s, "TOKENS"), "{\"overdraft_limit\":5}"), 409, "BUDGET_CLOSED");
        assertErr(admin.post("/v1/admin/budgets/freeze" + q(s, "TOKENS"), null), 409, "BUDGET_CLOSED");
        assertErr(admin.post("/v1/admin/budgets/unfreeze" + q(s, "TOKENS"), null), 409, "BUDGET_CLOSED");
        assertStored(server, s, "TOKENS", 10, 0, 0, 0);
        Api key = server.tenant(Fixtures.key(admin, t, ALL));
        assertEquals(0, key.get("/v1/balances").json().path("balances").size(), "CLOSED ledgers are not balances");
    }
}
