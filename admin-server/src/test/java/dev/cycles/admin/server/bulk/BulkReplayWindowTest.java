package dev.cycles.admin.server.bulk;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.cycles.admin.server.bulk.BulkSteps.budget;
import static dev.cycles.admin.server.bulk.BulkSteps.tenant;
import static dev.cycles.admin.server.bulk.BulkSteps.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The idempotency window is 15 minutes of the server's clock: inside it a repeat is a replay, after it a new call. */
class BulkReplayWindowTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:50:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long allocated(String scope) {
        return server.admin().get("/v1/admin/budgets/lookup?scope=" + scope + "&unit=TOKENS").json().path("allocated").path("amount").asLong();
    }

    @Test
    void aRepeatWithin15MinutesReplaysAndLaterAppliesAgain() {
        Api admin = server.admin();
        String t = unique("win");
        tenant(admin, t, null);
        budget(admin, t, "tenant:" + t, "TOKENS", 100);
        String body = "{\"filter\":{\"tenant_id\":\"" + t + "\"},\"action\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":10},"
                + "\"idempotency_key\":\"" + unique("k") + "\"}";
        Api.Res first = admin.post("/v1/admin/budgets/bulk-action", body);
        assertEquals(200, first.status(), first.body());
        assertEquals(110, allocated("tenant:" + t));
        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertEquals(first.json(), admin.post("/v1/admin/budgets/bulk-action", body).json());
        assertEquals(110, allocated("tenant:" + t));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, admin.post("/v1/admin/budgets/bulk-action", body).status());
        assertEquals(120, allocated("tenant:" + t));
    }
}
