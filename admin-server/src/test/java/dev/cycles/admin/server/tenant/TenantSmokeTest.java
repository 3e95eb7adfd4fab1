package dev.cycles.admin.server.tenant;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TenantSmokeTest extends ServerTest {

    @Test
    void createThenGet() {
        Api admin = server.admin();
        Api.Res created = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"smoke-co\",\"name\":\"Smoke\"}");
        assertEquals(201, created.status(), created.body());
        Api.Res got = admin.get("/v1/admin/tenants/smoke-co");
        assertEquals(200, got.status());
        assertEquals("Smoke", got.text("name"));
        assertEquals(created.text("created_at"), got.text("created_at"));
    }
}
