package dev.cycles.admin.server.auth;

import dev.cycles.admin.server.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failure throttle's windows, moved by a clock instead of waited for. */
class FailureThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final FailureThrottle throttle = new FailureThrottle(3, 60_000, clock);

    @Test
    void anAddressIsThrottledPastItsLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertFalse(throttle.recordFailure("10.0.0.1").throttled());
        }
        FailureThrottle.Verdict fourth = throttle.recordFailure("10.0.0.1");
        assertTrue(fourth.throttled());
        assertEquals("10.0.0.1", fourth.summaryKey());
        assertEquals(60, fourth.retryAfterSeconds());

        clock.advance(Duration.ofSeconds(45));
        assertEquals(15, throttle.recordFailure("10.0.0.1").retryAfterSeconds());
        // Another address has its own window.
        assertFalse(throttle.recordFailure("10.0.0.2").throttled());

        clock.advance(Duration.ofSeconds(15));
        FailureThrottle.Verdict fresh = throttle.recordFailure("10.0.0.1");
        assertFalse(fresh.throttled(), "a new window starts after a minute");
        assertEquals(clock.millis(), fresh.windowStart());
    }

    @Test
    void failuresFromManyAddressesTogetherHitTheGlobalLimit() {
        // The global limit is 10 x 3, at least 300: failures audited one by one across all addresses.
        for (int i = 0; i < 300; i++) {
            assertFalse(throttle.recordFailure("127.0." + (i / 250) + "." + (i % 250)).throttled());
        }
        FailureThrottle.Verdict next = throttle.recordFailure("127.9.9.9");
        assertTrue(next.throttled());
        assertEquals(FailureThrottle.ALL_ADDRESSES, next.summaryKey());

        clock.advance(Duration.ofMinutes(1));
        assertFalse(throttle.recordFailure("127.9.9.9").throttled());
    }
}
