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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** createBudget: the happy paths (admin, tenant key, seed body) and every refusal, with nothing stored on refusal. */
class BudgetCreateTest extends ServerTest {
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    private static long rowsFor(String tenant) {
        return count(server, "SELECT COUNT(*) FROM budgets WHERE tenant_id = ?", tenant);
    }

    @Test
    void adminCreatesWithTenantIdAndAmountObject() {
        String t = uniqueTenant("cr-admin");
        Fixtures.tenant(admin, t);
        String scope = "tenant:" + t + "/workspace:eng";
        Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":{\"unit\":\"TOKENS\",\"amount\":5000},"
                + "\"overdraft_limit\":{\"unit\":\"TOKENS\",\"amount\":70},\"commit_overage_policy\":\"ALLOW_WITH_OVERDRAFT\"}");
        assertEquals(201, r.status(), r.body());
        JsonNode l = r.json();
        assertEquals(t, l.path("tenant_id").asText());
        assertEquals(scope, l.path("scope").asText());
        assertEquals("TOKENS", l.path("unit").asText());
        assertEquals("ACTIVE", l.path("status").asText());
        assertFalse(l.path("is_over_limit").asBoolean());
        assertEquals(70, amount(l, "overdraft_limit"));
        assertEquals("ALLOW_WITH_OVERDRAFT", l.path("commit_overage_policy").asText());
        assertLedger(l, 5000, 0, 0, 0);
        assertEquals("TOKENS", l.path("remaining").path("unit").asText());
        assertFalse(l.path("ledger_id").asText().isEmpty());
        Map<String, Object> row = row(server, scope, "TOKENS");
        assertNotNull(row);
        assertEquals(l.path("ledger_id").asText(), row.get("ledger_id"));
        assertEquals(t, row.get("tenant_id"));
        assertEquals(5000L, col(row, "allocated"));
        assertEquals(70L, col(row, "overdraft_limit"));
        assertEquals("ACTIVE", row.get("status"));
        // lookup returns the same ledger
        Api.Res got = lookup(admin, scope, "TOKENS");
        assertEquals(200, got.status(), got.body());
        assertEquals(l.path("ledger_id").asText(), got.text("ledger_id"));
    }

    @Test
    void tenantKeyCreatesWithoutTenantId() {
        String t = uniqueTenant("cr-key");
        Fixtures.tenant(admin, t);
        Api key = server.tenant(Fixtures.key(admin, t, "[\"budgets:write\",\"budgets:read\"]"));
        Api.Res r = key.post("/v1/admin/budgets", createBody(null, "tenant:" + t + "/agent:bot", "CREDITS", 42));
        assertEquals(201, r.status(), r.body());
        assertEquals(t, r.text("tenant_id"));
        assertLedger(r.json(), 42, 0, 0, 0);
        assertEquals(t, row(server, "tenant:" + t + "/agent:bot", "CREDITS").get("tenant_id"));
        // a tenant key naming its own tenant is fine too; naming another is a 400
        Api.Res own = key.post("/v1/admin/budgets", createBody(t, "tenant:" + t + "/agent:two", "CREDITS", 1));
        assertEquals(201, own.status(), own.body());
        Api.Res other = key.post("/v1/admin/budgets", createBody("someone-else", "tenant:" + t + "/agent:three", "CREDITS", 1));
        assertErr(other, 400, "INVALID_REQUEST");
        assertNull(row(server, "tenant:" + t + "/agent:three", "CREDITS"));
    }

    @Test
    void bareIntegerAllocatedTakesTheRequestUnit() {
        String t = uniqueTenant("cr-bare");
        Fixtures.tenant(admin, t);
        Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"tenant:" + t
                + "\",\"unit\":\"RISK_POINTS\",\"allocated\":123,\"overdraft_limit\":9}");
        assertEquals(201, r.status(), r.body());
        assertEquals("RISK_POINTS", r.json().path("allocated").path("unit").asText());
        assertEquals(123, amount(r.json(), "allocated"));
        assertEquals(9, amount(r.json(), "overdraft_limit"));
    }

    @Test
    void scopeIsLowerCasedBeforeStorage() {
        String t = uniqueTenant("cr-case");
        Fixtures.tenant(admin, t);
        Api.Res r = admin.post("/v1/admin/budgets", createBody(t, "tenant:" + t.toUpperCase() + "/workspace:ENG", "TOKENS", 1));
        assertEquals(201, r.status(), r.body());
        String canonical = "tenant:" + t + "/workspace:eng";
        assertEquals(canonical, r.text("scope"));
        assertNotNull(row(server, canonical, "TOKENS"));
        assertErr(admin.post("/v1/admin/budgets", createBody(t, "tenant:" + t + "/workspace:Eng", "TOKENS", 1)), 409, "DUPLICATE_RESOURCE");
    }

    @Test
    void seedGuideExamplesWorkVerbatim() {
        Fixtures.tenant(admin, "acme-corp");
        Api.Res created = admin.post("/v1/admin/budgets", "{\n\"tenant_id\": \"acme-corp\",\n\"scope\": \"tenant:acme-corp\",\n"
                + "\"unit\": \"USD_MICROCENTS\",\n\"allocated\": 100000000\n}");
        assertEquals(201, created.status(), created.body());
        assertLedger(created.json(), 100_000_000, 0, 0, 0);
        assertEquals("USD_MICROCENTS", created.json().path("allocated").path("unit").asText());

        Api.Res funded = admin.post("/v1/admin/budgets/fund?scope=tenant:acme-corp&unit=USD_MICROCENTS",
                "{\n\"operation\": \"CREDIT\",\n\"amount\": 50000000\n}");
        assertEquals(200, funded.status(), funded.body());
        JsonNode f = funded.json();
        assertEquals("CREDIT", f.path("operation").asText());
        assertEquals(100_000_000, amount(f, "previous_allocated"));
        assertEquals(150_000_000, amount(f, "new_allocated"));
        assertEquals(100_000_000, amount(f, "previous_remaining"));
        assertEquals(150_000_000, amount(f, "new_remaining"));
        assertStored(server, "tenant:acme-corp", "USD_MICROCENTS", 150_000_000, 0, 0, 0);

        String patchBody = "{\n\"commit_overage_policy\": \"REJECT\",\n\"overdraft_limit\": 10000000\n}";
        Api.Res patched = admin.patch("/v1/admin/budgets?scope=tenant:acme-corp&unit=USD_MICROCENTS", patchBody);
        assertEquals(200, patched.status(), patched.body());
        assertEquals("REJECT", patched.text("commit_overage_policy"));
        assertEquals(10_000_000, amount(patched.json(), "overdraft_limit"));
        assertFalse(patched.json().path("is_over_limit").asBoolean());

        // debt only comes from the runtime: put some in, then the same PATCH recomputes is_over_limit
        setFigures(server, "tenant:acme-corp", "USD_MICROCENTS", 0, 0, 20_000_000);
        Api.Res over = admin.patch("/v1/admin/budgets?scope=tenant:acme-corp&unit=USD_MICROCENTS", patchBody);
        assertEquals(200, over.status(), over.body());
        assertTrue(over.json().path("is_over_limit").asBoolean(), over.body());
        assertLedger(over.json(), 150_000_000, 0, 0, 20_000_000);
        assertEquals(1L, col(row(server, "tenant:acme-corp", "USD_MICROCENTS"), "is_over_limit"));

        Api.Res raised = admin.patch("/v1/admin/budgets?scope=tenant:acme-corp&unit=USD_MICROCENTS", "{\"overdraft_limit\": 20000000}");
        assertEquals(200, raised.status(), raised.body());
        assertFalse(raised.json().path("is_over_limit").asBoolean(), "debt == limit is not over");
        assertEquals("REJECT", raised.text("commit_overage_policy"), "untouched fields keep their value");
        assertEquals(0L, col(row(server, "tenant:acme-corp", "USD_MICROCENTS"), "is_over_limit"));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.over_limit_entered' AND scope = 'tenant:acme-corp'"));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.over_limit_exited' AND scope = 'tenant:acme-corp'"));
    }

    @Test
    void adminWithoutTenantIdIs400() {
        String t = uniqueTenant("cr-notid");
        Fixtures.tenant(admin, t);
        assertErr(admin.post("/v1/admin/budgets", createBody(null, "tenant:" + t, "TOKENS", 1)), 400, "INVALID_REQUEST");
        assertEquals(0, rowsFor(t));
    }

    @Test
    void scopeTenantMustMatchTenantId() {
        String t = uniqueTenant("cr-mism");
        String other = uniqueTenant("cr-mism-o");
        Fixtures.tenant(admin, t);
        Fixtures.tenant(admin, other);
        assertErr(admin.post("/v1/admin/budgets", createBody(t, "tenant:" + other, "TOKENS", 1)), 400, "INVALID_REQUEST");
        assertEquals(0, rowsFor(t));
        assertEquals(0, rowsFor(other));
    }

    @Test
    void invalidScopesAre400() {
        String t = uniqueTenant("cr-inv");
        Fixtures.tenant(admin, t);
        for (String s : new String[]{t, "tenant:", "tenant:" + t + "//agent:x", "tenant:" + t + "/agent:", "tenant:" + t + "/agent:a b",
                "tenant:" + t + "/Agent:x", "tenant:" + t + "/agent:*", "tenant:" + t + "/foo:bar", "tenant:" + t + "/agent:x/",
                "tenant:" + t + "/agent:x/workspace:y", "workspace:x"}) {
            Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + s
                    + "\",\"unit\":\"TOKENS\",\"allocated\":5}");
            assertErr(r, 400, "INVALID_REQUEST");
        }
        assertEquals(0, rowsFor(t));
    }

    @Test
    void amountErrors() {
        String t = uniqueTenant("cr-amt");
        Fixtures.tenant(admin, t);
        String scope = "tenant:" + t;
        assertErr(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":{\"unit\":\"CREDITS\",\"amount\":5}}"), 400, "UNIT_MISMATCH");
        assertErr(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":5,\"overdraft_limit\":{\"unit\":\"CREDITS\",\"amount\":1}}"), 400, "UNIT_MISMATCH");
        assertErr(admin.post("/v1/admin/budgets", createBody(t, scope, "TOKENS", -1)), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":5,\"overdraft_limit\":-1}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"DOLLARS\",\"allocated\":5}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":{\"unit\":\"GOLD\",\"amount\":5}}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\"}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":1.5}"), 400, "INVALID_REQUEST");
        assertEquals(0, rowsFor(t));
    }

    @Test
    void unknownTenantIs404() {
        String t = uniqueTenant("cr-ghost");
        assertErr(admin.post("/v1/admin/budgets", createBody(t, "tenant:" + t, "TOKENS", 1)), 404, "TENANT_NOT_FOUND");
        assertEquals(0, rowsFor(t));
    }

    @Test
    void duplicateIs409AndKeepsTheOriginal() {
        String t = uniqueTenant("cr-dup");
        Fixtures.tenant(admin, t);
        create(admin, t, "tenant:" + t, "TOKENS", 10);
        assertErr(admin.post("/v1/admin/budgets", createBody(t, "tenant:" + t, "TOKENS", 99)), 409, "DUPLICATE_RESOURCE");
        assertStored(server, "tenant:" + t, "TOKENS", 10, 0, 0, 0);
        // another unit at the same scope is a different ledger
        create(admin, t, "tenant:" + t, "CREDITS", 7);
        assertEquals(2, rowsFor(t));
    }

    @Test
    void closedTenantIs409AndSuspendedIs400() {
        String t = uniqueTenant("cr-closed");
        Fixtures.tenant(admin, t);
        closeTenant(admin, t);
        assertErr(admin.post("/v1/admin/budgets", createBody(t, "tenant:" + t, "TOKENS", 1)), 409, "TENANT_CLOSED");
        assertEquals(0, rowsFor(t));

        String s = uniqueTenant("cr-susp");
        Fixtures.tenant(admin, s);
        assertEquals(200, admin.patch("/v1/admin/tenants/" + s, "{\"status\":\"SUSPENDED\"}").status());
        assertErr(admin.post("/v1/admin/budgets", createBody(s, "tenant:" + s, "TOKENS", 1)), 400, "TENANT_SUSPENDED");
        assertEquals(0, rowsFor(s));
    }

    @Test
    void tenantKeyCannotCreateInAnotherTenant() {
        String a = uniqueTenant("cr-a");
        String b = uniqueTenant("cr-b");
        Fixtures.tenant(admin, a);
        Fixtures.tenant(admin, b);
        Api keyA = server.tenant(Fixtures.key(admin, a, "[\"budgets:write\"]"));
        Api.Res r = keyA.post("/v1/admin/budgets", createBody(null, "tenant:" + b, "TOKENS", 1));
        assertEquals(403, r.status(), r.body());
        assertEquals(0, rowsFor(b));
        assertEquals(0, rowsFor(a));
    }

    @Test
    void scopeFilterMissIs403() {
        String t = uniqueTenant("cr-filter");
        Fixtures.tenant(admin, t);
        Api key = server.tenant(keyWithFilter(admin, t, "[\"budgets:write\"]", "[\"workspace:eng\"]"));
        assertErr(key.post("/v1/admin/budgets", createBody(null, "tenant:" + t + "/workspace:ops", "TOKENS", 1)), 403, "FORBIDDEN");
        assertErr(key.post("/v1/admin/budgets", createBody(null, "tenant:" + t, "TOKENS", 1)), 403, "FORBIDDEN");
        assertEquals(0, rowsFor(t));
        Api.Res ok = key.post("/v1/admin/budgets", createBody(null, "tenant:" + t + "/workspace:eng/agent:x", "TOKENS", 1));
        assertEquals(201, ok.status(), ok.body());
    }

    @Test
    void createNeedsBudgetsWrite() {
        String t = uniqueTenant("cr-perm");
        Fixtures.tenant(admin, t);
        Api reader = server.tenant(Fixtures.key(admin, t, "[\"budgets:read\",\"balances:read\"]"));
        assertErr(reader.post("/v1/admin/budgets", createBody(null, "tenant:" + t, "TOKENS", 1)), 403, "INSUFFICIENT_PERMISSIONS");
        assertErr(server.anonymous().post("/v1/admin/budgets", createBody(t, "tenant:" + t, "TOKENS", 1)), 401, "UNAUTHORIZED");
        assertEquals(0, rowsFor(t));
    }

    @Test
    void createLeavesOneAuditRowAndOneEvent() {
        String t = uniqueTenant("cr-audit");
        Fixtures.tenant(admin, t);
        String scope = "tenant:" + t + "/app:web";
        create(admin, t, scope, "TOKENS", 3);
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'createBudget' AND resource_type = 'budget'"
                + " AND resource_id = ? AND tenant_id = ? AND status = 201", scope, t));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.created' AND scope = ? AND tenant_id = ?", scope, t));
        // a refused create changes nothing, leaves no budget event, and is audited as a failure
        String failed = "SELECT COUNT(*) FROM audit_logs WHERE operation = 'createBudget' AND status = 409 AND error_code = 'DUPLICATE_RESOURCE'";
        long before = count(server, failed);
        assertErr(admin.post("/v1/admin/budgets", createBody(t, scope, "TOKENS", 3)), 409, "DUPLICATE_RESOURCE");
        assertEquals(1, count(server, "SELECT COUNT(*) FROM events WHERE event_type = 'budget.created' AND scope = ?", scope));
        assertEquals(before + 1, count(server, failed));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'createBudget' AND resource_id = ? AND status = 201", scope));
        assertEquals(1, count(server, "SELECT COUNT(*) FROM audit_logs WHERE operation = 'createBudget' AND resource_id = ?"
                + " AND tenant_id = ? AND status = 409", scope, t), "the refused create is filed under the budget and tenant it named");
    }
}
