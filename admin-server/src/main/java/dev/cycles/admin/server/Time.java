package dev.cycles.admin.server;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the precision the database keeps (milliseconds), so a write and a later read agree. */
public final class Time {
    private Time() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
