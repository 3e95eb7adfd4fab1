package dev.cycles.admin.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Common set-up steps over HTTP, each asserting it worked. */
public final class Fixtures {
    private Fixtures() {
    }

    public static void tenant(Api admin, String id) {
        Api.Res r = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Tenant " + id + "\"}");
        assertEquals(201, r.status(), r.body());
    }

    /** Creates a key with the given permissions (JSON array text) and returns its secret. */
    public static String key(Api admin, String tenantId, String permissionsJson) {
        Api.Res r = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + tenantId + "\",\"name\":\"k\",\"permissions\":"
                + permissionsJson + "}");
        assertEquals(201, r.status(), r.body());
        return r.text("key_secret");
    }
}
