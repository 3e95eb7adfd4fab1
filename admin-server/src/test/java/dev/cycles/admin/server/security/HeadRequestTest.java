package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.RawHttp;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Hole 10: HEAD goes through authentication and the handler, and answers what GET would, without a body. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeadRequestTest extends ServerTest {

    @Test
    void headWithoutKeyIs401() throws Exception {
        RawHttp.Response r = head("/v1/admin/tenants", null);
        assertEquals(401, r.status(), r.toString());
        assertEquals("", r.body());
    }

    @Test
    void headOfMissingTenantIs404LikeGet() throws Exception {
        RawHttp.Response r = head("/v1/admin/tenants/no-such-tenant", TestServer.ADMIN_KEY);
        assertEquals(404, r.status(), r.toString());
        assertEquals("", r.body());
    }

    @Test
    void headWithKeyAnswersGetsStatusAndLengthWithoutBody() throws Exception {
        Api.Res get = server.admin().get("/v1/admin/tenants");
        RawHttp.Response r = head("/v1/admin/tenants", TestServer.ADMIN_KEY);
        assertEquals(200, r.status(), r.toString());
        assertEquals("", r.body());
        assertNotNull(r.header("X-Request-Id"));
        assertEquals(String.valueOf(get.body().length()), r.header("Content-Length"));
    }

    private static RawHttp.Response head(String path, String key) throws Exception {
        try (RawHttp s = new RawHttp(server.port(), 5_000)) {
            if (key == null) {
                s.head("HEAD " + path + " HTTP/1.1");
            } else {
                s.head("HEAD " + path + " HTTP/1.1", "X-Admin-API-Key: " + key);
            }
            return s.readHeadResponse(300);
        }
    }
}
