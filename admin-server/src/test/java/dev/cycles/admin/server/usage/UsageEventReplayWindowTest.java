package dev.cycles.admin.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.cycles.admin.server.usage.UsageEvents.USD;
import static dev.cycles.admin.server.usage.UsageEvents.applied;
import static dev.cycles.admin.server.usage.UsageEvents.assertLedger;
import static dev.cycles.admin.server.usage.UsageEvents.body;
import static dev.cycles.admin.server.usage.UsageEvents.budget;
import static dev.cycles.admin.server.usage.UsageEvents.post;
import static dev.cycles.admin.server.usage.UsageEvents.usageRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A usage event's key replays for 7 days (digest §3) on the server's clock; after that the same key is a new event. */
class UsageEventReplayWindowTest {

    @Test
    void aKeyReplaysForSevenDaysThenChargesAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        try (TestServer server = TestServer.start(clock)) {
            UsageEvents.Tenant t = UsageEvents.tenant(server, "[\"events:create\"]");
            budget(server, t.id(), t.root(), USD, 1000, 0, null);
            String event = body("weekly", t.id(), null, USD, 25, null);
            JsonNode first = applied(post(t, event));

            clock.advance(Duration.ofDays(7).minusMillis(1));
            assertEquals(first, applied(post(t, event)), "still inside the window: the first answer");
            assertLedger(server, t.id(), t.root(), 25, 0, 975, false);

            clock.advance(Duration.ofMillis(1));
            JsonNode second = applied(post(t, event));
            assertNotEquals(first.path("event_id"), second.path("event_id"));
            assertLedger(server, t.id(), t.root(), 50, 0, 950, false);
            assertEquals(2, usageRows(server, t.id()));
        }
    }
}
