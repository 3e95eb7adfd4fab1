package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.RawHttp;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hole 9 (paths and queries): percent-encoded bytes that are not UTF-8 are a client mistake: 400, not 500. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InvalidPathEncodingTest extends ServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v1/admin/tenants/%C0%AF", "/v1/admin/tenants/%FF", "/v1/admin/api-keys/%E0%80",
            "/v1/admin/policies/%ED%A0%80", "/docs/%FE"})
    void invalidUtf8InPathIs400(String path) throws Exception {
        for (String key : new String[]{null, TestServer.ADMIN_KEY}) {
            try (RawHttp s = new RawHttp(server.port(), 10_000)) {
                if (key == null) {
                    s.head("GET " + path + " HTTP/1.1");
                } else {
                    s.head("GET " + path + " HTTP/1.1", "X-Admin-API-Key: " + key);
                }
                RawHttp.Response r = s.readResponse();
                assertEquals(400, r.status(), r.toString());
                assertTrue(r.body().contains("\"error\":\"INVALID_REQUEST\""), r.body());
                assertTrue(r.header("Content-Type").startsWith("application/json"), r.headers());
            }
        }
    }

    /** A query is read after authentication, so only a caller with a key gets this far. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/admin/tenants?search=%C0%AF", "/v1/admin/audit/logs?resource_id=%FF",
            "/v1/admin/budgets?scope_prefix=tenant%3A%E0%80"})
    void invalidUtf8InQueryIs400(String path) throws Exception {
        try (RawHttp s = new RawHttp(server.port(), 10_000)) {
            RawHttp.Response r = s.head("GET " + path + " HTTP/1.1", "X-Admin-API-Key: " + TestServer.ADMIN_KEY).readResponse();
            assertEquals(400, r.status(), r.toString());
            assertTrue(r.body().contains("\"error\":\"INVALID_REQUEST\""), r.body());
        }
    }
}
