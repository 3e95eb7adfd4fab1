package dev.cycles.admin.server.tenant;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GET /v1/admin/tenants/{id} is answered from memory between writes; every change to the tenant,
 * and a tenant created after a 404, shows in the very next read.
 */
class TenantReadFreshnessTest extends ServerTest {

    private static Api.Res read(Api admin, String id) {
        return admin.get("/v1/admin/tenants/" + id);
    }

    @Test
    void everyChangeShowsInTheNextRead() {
        Api admin = server.admin();
        String id = TenantCreateTest.uniqueId("fresh-read");
        Fixtures.tenant(admin, id);
        assertEquals("ACTIVE", read(admin, id).json().path("status").asText());
        assertEquals(read(admin, id).body(), read(admin, id).body(), "asked twice with no write between");

        assertEquals(200, admin.patch("/v1/admin/tenants/" + id, "{\"name\":\"Renamed\",\"metadata\":{\"team\":\"ops\"}}").status());
        Api.Res renamed = read(admin, id);
        assertEquals("Renamed", renamed.json().path("name").asText());
        assertEquals("ops", renamed.json().path("metadata").path("team").asText());

        assertEquals(200, admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"SUSPENDED\"}").status());
        assertEquals("SUSPENDED", read(admin, id).json().path("status").asText());
        assertEquals(200, admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"CLOSED\"}").status());
        assertEquals("CLOSED", read(admin, id).json().path("status").asText());
    }

    @Test
    void aTenantCreatedAfterANotFoundIsReadAtOnce() {
        Api admin = server.admin();
        String id = TenantCreateTest.uniqueId("late");
        assertEquals(404, read(admin, id).status());
        assertEquals(404, read(admin, id).status());
        Fixtures.tenant(admin, id);
        Api.Res found = read(admin, id);
        assertEquals(200, found.status(), found.body());
        assertEquals(id, found.json().path("tenant_id").asText());
    }
}
