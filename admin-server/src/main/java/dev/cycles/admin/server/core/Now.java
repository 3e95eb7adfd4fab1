package dev.cycles.admin.server.core;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time from an injected clock, at the precision the database keeps (milliseconds), so a write and a later read agree. */
public final class Now {
    private Now() {
    }

    public static Instant of(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
