package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hole 6: a key limited to {@code workspace:eng} created and disabled policies elsewhere in its
 * tenant. The key's scope_filter now bounds every write: a policy's scope_pattern must lie within
 * it (every scope the pattern can match must be allowed), and so must every budget it creates or funds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScopeFilterWriteTest extends ServerTest {
    static final String T = "sfw";
    static final String WRITER = "[\"policies:read\",\"policies:write\",\"budgets:read\",\"budgets:write\"]";

    static Api admin;
    static Api eng;

    @BeforeAll
    static void start() {
        admin = server.admin();
        Fixtures.tenant(admin, T);
        Api.Res k = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + T + "\",\"name\":\"eng\",\"permissions\":" + WRITER
                + ",\"scope_filter\":[\"workspace:eng\"]}");
        assertEquals(201, k.status(), k.body());
        eng = server.tenant(k.text("key_secret"));
    }

    private static Api.Res createPolicy(Api api, String name, String pattern) {
        String tenant = api == admin ? "\"tenant_id\":\"" + T + "\"," : "";
        return api.post("/v1/admin/policies", "{" + tenant + "\"name\":\"" + name + "\",\"scope_pattern\":\"" + pattern + "\"}");
    }

    private static void assertForbidden(Api.Res r) {
        assertEquals(403, r.status(), r.body());
        assertEquals("FORBIDDEN", r.error(), r.body());
    }

    @Test
    void policiesOutsideTheFilterCannotBeCreated() {
        for (String pattern : new String[]{"tenant:sfw", "tenant:sfw/*", "tenant:sfw/workspace:ops/*", "tenant:sfw/workspace:*",
                "tenant:sfw/workspace:ops", "tenant:sfw/agent:*", "tenant:sfw/workspace:ops/agent:*"}) {
            long before = Rows.count(server, "policies", "tenant_id = ?", T);
            assertForbidden(createPolicy(eng, "out-" + pattern.replace('/', '_').replace(':', '_').replace('*', 'x'), pattern));
            assertEquals(before, Rows.count(server, "policies", "tenant_id = ?", T), "nothing stored for " + pattern);
        }
        for (String pattern : new String[]{"tenant:sfw/workspace:eng", "tenant:sfw/workspace:eng/*", "tenant:sfw/workspace:eng/agent:*"}) {
            Api.Res r = createPolicy(eng, "in-" + pattern.replace('/', '_').replace(':', '_').replace('*', 'x'), pattern);
            assertEquals(201, r.status(), pattern + " -> " + r.body());
            assertEquals(pattern, r.text("scope_pattern"));
        }
    }

    @Test
    void policiesOutsideTheFilterCannotBeChanged() {
        Api.Res ops = createPolicy(admin, "ops-policy", "tenant:sfw/workspace:ops/*");
        assertEquals(201, ops.status(), ops.body());
        String opsId = ops.text("policy_id");
        assertForbidden(eng.patch("/v1/admin/policies/" + opsId, "{\"status\":\"DISABLED\"}"));
        assertForbidden(eng.patch("/v1/admin/policies/" + opsId, "{\"priority\":7}"));
        var row = Rows.select(server, "policies", "policy_id = ?", opsId).get(0);
        assertEquals("ACTIVE", row.get("status"));
        assertEquals(0, ((Number) row.get("priority")).intValue());

        Api.Res whole = createPolicy(admin, "tenant-wide", "tenant:sfw/*");
        assertForbidden(eng.patch("/v1/admin/policies/" + whole.text("policy_id"), "{\"status\":\"DISABLED\"}"));
        assertEquals("ACTIVE", Rows.select(server, "policies", "policy_id = ?", whole.text("policy_id")).get(0).get("status"));

        Api.Res mine = createPolicy(admin, "eng-policy", "tenant:sfw/workspace:eng/*");
        Api.Res patched = eng.patch("/v1/admin/policies/" + mine.text("policy_id"), "{\"status\":\"DISABLED\"}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals("DISABLED", patched.text("status"));
    }

    @Test
    void budgetsOutsideTheFilterCannotBeCreatedOrFunded() {
        assertEquals(201, admin.post("/v1/admin/budgets", "{\"tenant_id\":\"sfw\",\"scope\":\"tenant:sfw/workspace:ops\",\"unit\":\"TOKENS\",\"allocated\":10}").status());
        assertEquals(201, admin.post("/v1/admin/budgets", "{\"tenant_id\":\"sfw\",\"scope\":\"tenant:sfw/workspace:eng\",\"unit\":\"TOKENS\",\"allocated\":10}").status());
        assertForbidden(eng.post("/v1/admin/budgets", "{\"scope\":\"tenant:sfw/workspace:ops/agent:a\",\"unit\":\"TOKENS\",\"allocated\":1}"));
        assertForbidden(eng.post("/v1/admin/budgets/fund?scope=tenant:sfw/workspace:ops&unit=TOKENS", "{\"operation\":\"CREDIT\",\"amount\":5}"));
        assertEquals(10L, ((Number) Rows.select(server, "budgets", "scope = ?", "tenant:sfw/workspace:ops").get(0).get("allocated")).longValue());
        assertEquals(0, Rows.count(server, "budgets", "scope = ?", "tenant:sfw/workspace:ops/agent:a"));

        assertEquals(201, eng.post("/v1/admin/budgets", "{\"scope\":\"tenant:sfw/workspace:eng/agent:a\",\"unit\":\"TOKENS\",\"allocated\":1}").status());
        Api.Res fund = eng.post("/v1/admin/budgets/fund?scope=tenant:sfw/workspace:eng&unit=TOKENS", "{\"operation\":\"CREDIT\",\"amount\":5}");
        assertEquals(200, fund.status(), fund.body());
        assertEquals(15, fund.json().path("new_allocated").path("amount").asLong());
    }
}
