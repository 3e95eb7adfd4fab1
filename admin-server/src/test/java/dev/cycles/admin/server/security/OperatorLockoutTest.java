package dev.cycles.admin.server.security;

import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hole 5: failures from an address (behind a proxy: everyone's address) throttle only failing
 * requests; the right admin key and valid tenant keys from that address keep working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorLockoutTest {

    @Test
    void validCredentialsAreNeverRefusedBecauseOfOthersFailures() throws Exception {
        Config config = new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", Files.createTempDirectory("cycles-lockout"))
                .withAuthFailureLimit(5);
        try (TestServer server = TestServer.start(config)) {
            Api admin = server.admin();
            Fixtures.tenant(admin, "locked-co");
            String secret = Fixtures.key(admin, "locked-co", "[\"balances:read\",\"budgets:read\"]");

            Api wrong = admin.withKey("X-Admin-API-Key", "not-the-key").unchecked();
            for (int i = 0; i < 40; i++) {
                assertEquals(i < 5 ? 401 : 429, wrong.get("/v1/admin/tenants").status());
            }
            // Missing keys are failures too.
            assertEquals(429, server.anonymous().unchecked().get("/v1/admin/tenants").status());
            assertEquals(429, server.tenant("cyc_live_wrong").unchecked().get("/v1/balances").status());

            Api.Res operator = admin.get("/v1/admin/tenants");
            assertEquals(200, operator.status(), operator.body());
            Api.Res agent = server.tenant(secret).get("/v1/balances");
            assertEquals(200, agent.status(), agent.body());
            Api.Res write = admin.patch("/v1/admin/tenants/locked-co", "{\"name\":\"Still works\"}");
            assertEquals(200, write.status(), write.body());
        }
    }
}
