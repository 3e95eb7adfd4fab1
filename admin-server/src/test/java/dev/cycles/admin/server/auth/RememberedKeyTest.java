package dev.cycles.admin.server.auth;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Key verdicts are remembered between requests (TenantKeyAuthenticator); a key that has been
 * used must still stop working the moment it is revoked, expires, or its tenant is suspended
 * or closed. Each case uses the key first so that its verdict is remembered.
 */
class RememberedKeyTest {
    private static final String PERMISSIONS = "[\"reservations:create\",\"balances:read\"]";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceOnBothPlanes() {
        Fixtures.tenant(server.admin(), "remember-revoke");
        Api.Res k = server.admin().post("/v1/admin/api-keys", "{\"tenant_id\":\"remember-revoke\",\"name\":\"k\",\"permissions\":" + PERMISSIONS + "}");
        assertEquals(201, k.status(), k.body());
        String secret = k.text("key_secret");
        assertEquals(404, reserve(secret, "remember-revoke").status(), "known key, no budget: past authentication");
        assertEquals(200, server.tenant(secret).get("/v1/balances").status());

        assertEquals(200, server.admin().delete("/v1/admin/api-keys/" + k.text("key_id")).status());
        Api.Res runtime = reserve(secret, "remember-revoke");
        assertEquals(401, runtime.status(), runtime.body());
        assertEquals("UNAUTHORIZED", runtime.error());
        Api.Res admin = server.tenant(secret).get("/v1/balances");
        assertEquals(401, admin.status(), admin.body());
        assertEquals("KEY_REVOKED", admin.error());
    }

    @Test
    void suspendingAndClosingTheTenantTakeEffectAtOnce() {
        Fixtures.tenant(server.admin(), "remember-status");
        String secret = Fixtures.key(server.admin(), "remember-status", PERMISSIONS);
        assertEquals(200, server.tenant(secret).get("/v1/balances").status());

        assertEquals(200, server.admin().patch("/v1/admin/tenants/remember-status", "{\"status\":\"SUSPENDED\"}").status());
        Api.Res suspended = server.tenant(secret).get("/v1/balances");
        assertEquals(403, suspended.status(), suspended.body());
        assertEquals("TENANT_SUSPENDED", suspended.error());

        assertEquals(200, server.admin().patch("/v1/admin/tenants/remember-status", "{\"status\":\"ACTIVE\"}").status());
        assertEquals(200, server.tenant(secret).get("/v1/balances").status(), "reactivated: the key works again");
        assertEquals(404, reserve(secret, "remember-status").status());

        assertEquals(200, server.admin().patch("/v1/admin/tenants/remember-status", "{\"status\":\"CLOSED\"}").status());
        Api.Res closed = reserve(secret, "remember-status");
        assertEquals(401, closed.status(), closed.body());
        assertEquals("UNAUTHORIZED", closed.error());
    }

    @Test
    void aRememberedKeyExpiresWithTheClock() {
        Fixtures.tenant(server.admin(), "remember-expiry");
        Instant expires = CLOCK.instant().plus(Duration.ofHours(1));
        Api.Res k = server.admin().post("/v1/admin/api-keys", "{\"tenant_id\":\"remember-expiry\",\"name\":\"k\",\"permissions\":"
                + PERMISSIONS + ",\"expires_at\":\"" + expires + "\"}");
        assertEquals(201, k.status(), k.body());
        String secret = k.text("key_secret");
        assertEquals(200, server.tenant(secret).get("/v1/balances").status());
        assertEquals(404, reserve(secret, "remember-expiry").status());

        CLOCK.advance(Duration.ofHours(1));
        Api.Res admin = server.tenant(secret).get("/v1/balances");
        assertEquals(401, admin.status(), admin.body());
        assertEquals("KEY_EXPIRED", admin.error());
        assertEquals(401, reserve(secret, "remember-expiry").status());
    }

    private static Api.Res reserve(String secret, String tenant) {
        return server.runtime(secret).unchecked().post("/v1/reservations", "{\"idempotency_key\":\"k-" + System.nanoTime()
                + "\",\"subject\":{\"tenant\":\"" + tenant + "\"},\"action\":{\"kind\":\"llm\",\"name\":\"m\"},"
                + "\"estimate\":{\"unit\":\"TOKENS\",\"amount\":1}}");
    }
}
