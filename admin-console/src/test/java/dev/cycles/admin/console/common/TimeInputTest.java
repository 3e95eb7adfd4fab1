package dev.cycles.admin.console.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeInputTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void acceptsRfc3339LocalTimeAndDates() {
        assertEquals(Instant.parse("2026-01-31T12:00:00Z"), TimeInput.parse(" 2026-01-31T12:00:00Z ", "From", false, BERLIN));
        assertEquals(Instant.parse("2026-01-31T13:30:00Z"), TimeInput.parse("2026-01-31 14:30", "From", false, BERLIN));
        assertEquals(Instant.parse("2026-01-30T23:00:00Z"), TimeInput.parse("2026-01-31", "From", false, BERLIN));
        assertEquals(Instant.parse("2026-01-31T23:00:00Z"), TimeInput.parse("2026-01-31", "To", true, BERLIN));
        assertNull(TimeInput.parse("  ", "From", false, BERLIN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeInput.parse("soon", "To", true, BERLIN));
        assertEquals("To: use 2026-01-31, 2026-01-31 14:30 or 2026-01-31T14:30:00Z", e.getMessage());
    }
}
