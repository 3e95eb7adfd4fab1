package dev.cycles.admin.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hole 7: a key created without {@code permissions} could fund its own budgets (up to 9e18, or
 * RESET_SPENT them) and rewrite policies. Omitted permissions now mean runtime and read access only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DefaultPermissionsTest extends ServerTest {
    static final List<String> DEFAULTS = List.of("reservations:create", "reservations:commit", "reservations:release",
            "reservations:extend", "reservations:list", "balances:read", "budgets:read", "policies:read");

    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    @Test
    void aKeyWithoutPermissionsCanReadButNotFundOrChangePolicies() {
        Fixtures.tenant(admin, "defperm");
        Api.Res budget = admin.post("/v1/admin/budgets",
                "{\"tenant_id\":\"defperm\",\"scope\":\"tenant:defperm\",\"unit\":\"TOKENS\",\"allocated\":1000}");
        assertEquals(201, budget.status(), budget.body());
        Api.Res policy = admin.post("/v1/admin/policies",
                "{\"tenant_id\":\"defperm\",\"name\":\"p\",\"scope_pattern\":\"tenant:defperm/*\"}");
        assertEquals(201, policy.status(), policy.body());

        Api.Res created = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"defperm\",\"name\":\"no-perms\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(DEFAULTS, strings(created.json().path("permissions")));
        String keyId = created.text("key_id");
        Api key = server.tenant(created.text("key_secret"));

        Api.Res intro = key.get("/v1/auth/introspect");
        assertEquals(200, intro.status(), intro.body());
        assertEquals(DEFAULTS, strings(intro.json().path("permissions")));
        assertEquals(DEFAULTS, strings(admin.get("/v1/admin/api-keys?tenant_id=defperm").json().path("keys").get(0).path("permissions")));

        for (String op : List.of("CREDIT", "RESET_SPENT")) {
            Api.Res fund = key.post("/v1/admin/budgets/fund?scope=tenant:defperm&unit=TOKENS",
                    "{\"operation\":\"" + op + "\",\"amount\":9000000000000000000}");
            assertEquals(403, fund.status(), fund.body());
            assertEquals("INSUFFICIENT_PERMISSIONS", fund.error());
        }
        Api.Res createBudget = key.post("/v1/admin/budgets", "{\"scope\":\"tenant:defperm/agent:a\",\"unit\":\"TOKENS\",\"allocated\":1}");
        assertEquals(403, createBudget.status(), createBudget.body());
        assertEquals("INSUFFICIENT_PERMISSIONS", createBudget.error());
        Api.Res patch = key.patch("/v1/admin/policies/" + policy.text("policy_id"), "{\"status\":\"DISABLED\"}");
        assertEquals(403, patch.status(), patch.body());
        assertEquals("INSUFFICIENT_PERMISSIONS", patch.error());

        // reads still work
        assertEquals(200, key.get("/v1/admin/budgets").status());
        assertEquals(200, key.get("/v1/balances").status());
        assertEquals(200, key.get("/v1/admin/policies").status());

        // nothing changed
        Api.Res after = admin.get("/v1/admin/budgets/lookup?scope=tenant:defperm&unit=TOKENS");
        assertEquals(1000, after.json().path("allocated").path("amount").asLong());
        assertEquals(0, after.json().path("spent").path("amount").asLong());
        assertEquals("ACTIVE", Rows.select(server, "policies", "policy_id = ?", policy.text("policy_id")).get(0).get("status"));
        assertEquals(DEFAULTS, strings(dev.cycles.admin.model.Json.mapper().valueToTree(
                readJson((String) Rows.select(server, "api_keys", "key_id = ?", keyId).get(0).get("permissions")))));
    }

    @Test
    void explicitWritePermissionsStillWork() {
        Fixtures.tenant(admin, "defperm-w");
        assertEquals(201, admin.post("/v1/admin/budgets",
                "{\"tenant_id\":\"defperm-w\",\"scope\":\"tenant:defperm-w\",\"unit\":\"TOKENS\",\"allocated\":10}").status());
        Api key = server.tenant(Fixtures.key(admin, "defperm-w", "[\"budgets:write\"]"));
        Api.Res fund = key.post("/v1/admin/budgets/fund?scope=tenant:defperm-w&unit=TOKENS", "{\"operation\":\"CREDIT\",\"amount\":5}");
        assertEquals(200, fund.status(), fund.body());
        assertEquals(15, fund.json().path("new_allocated").path("amount").asLong());
    }

    private static Object readJson(String text) {
        try {
            return dev.cycles.admin.model.Json.mapper().readValue(text, Object.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
