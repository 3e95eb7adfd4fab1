package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hole 8: X-HTTP-Method-Override must not turn a GET into a DELETE (or anything else). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MethodOverrideTest extends ServerTest {

    @Test
    void overrideHeaderIsIgnored() {
        Api admin = server.admin();
        Fixtures.tenant(admin, "override-co");
        Api.Res created = admin.post("/v1/admin/api-keys",
                "{\"tenant_id\":\"override-co\",\"name\":\"k\",\"permissions\":[\"budgets:read\"]}");
        String keyId = created.text("key_id");

        Api.Res r = admin.unchecked().send("GET", "/v1/admin/api-keys/" + keyId, null, null, "X-HTTP-Method-Override", "DELETE");
        assertEquals(405, r.status(), r.body());

        Api.Res tenant = admin.unchecked().send("GET", "/v1/admin/tenants/override-co", null, null, "X-HTTP-Method-Override", "PATCH");
        assertEquals(200, tenant.status(), tenant.body());
        assertEquals("ACTIVE", tenant.text("status"));

        Api.Res keys = admin.get("/v1/admin/api-keys?tenant_id=override-co");
        assertEquals("ACTIVE", keys.json().path("keys").get(0).path("status").asText(), keys.body());
    }
}
