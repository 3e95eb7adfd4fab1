package dev.cycles.admin.server.reliability;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * U+0000 is refused wherever a client can send it, on both stores alike: PostgreSQL's text cannot
 * hold it, and a name holding it is cut short by every C-string tool that shows it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NulCharacterTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBodyCarryingNulIsA400AndStoresNothing() {
        Api admin = server.admin().unchecked();
        assertRefused(admin.post("/v1/admin/tenants", "{\"tenant_id\":\"nul-co\",\"name\":\"a\\u0000b\"}"));
        assertRefused(admin.post("/v1/admin/tenants", "{\"tenant_id\":\"nul-meta\",\"name\":\"ok\",\"metadata\":{\"k\":\"v\\u0000\"}}"));
        assertEquals(0, Rows.count(server, "tenants", "tenant_id IN ('nul-co', 'nul-meta')"));
        assertEquals(0, Rows.count(server, "audit_logs", "tenant_id IN ('nul-co', 'nul-meta') AND status < 400"));
    }

    @Test
    void theRuntimePlaneRefusesItToo() {
        Fixtures.tenant(server.admin(), "nul-rt");
        String secret = Fixtures.key(server.admin(), "nul-rt", "[\"reservations:create\"]");
        assertRefused(server.runtime(secret).unchecked().post("/v1/reservations", "{\"idempotency_key\":\"k\\u0000\","
                + "\"subject\":{\"tenant\":\"nul-rt\"},\"action\":{\"kind\":\"x\",\"name\":\"m\"},\"estimate\":{\"unit\":\"TOKENS\",\"amount\":1}}"));
    }

    @Test
    void aQueryParameterCarryingNulIsA400() {
        assertRefused(server.admin().unchecked().get("/v1/admin/tenants?search=%00"));
        assertRefused(server.admin().unchecked().get("/v1/admin/budgets?scope_prefix=tenant:x%00"));
    }

    @Test
    void theSixCharactersBackslashU0000AreOrdinaryText() {
        // An escaped backslash then "u0000": JSON text for the characters \u0000, not for U+0000.
        Api.Res created = server.admin().post("/v1/admin/tenants", "{\"tenant_id\":\"nul-text\",\"name\":\"a\\\\u0000b\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("a\\u0000b", server.admin().get("/v1/admin/tenants/nul-text").text("name"));
    }

    private static void assertRefused(Api.Res r) {
        assertEquals(400, r.status(), r.body());
        assertEquals("INVALID_REQUEST", r.error());
    }
}
