package dev.cycles.admin.console.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A point in time typed into a form field: the forms the audit query and the policy window accept. */
public final class TimeInput {
    /** The local form, also how the forms show a time back. */
    public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private TimeInput() {
    }

    /**
     * Accepts RFC 3339 (2026-01-31T12:00:00Z), local "2026-01-31 12:00" in {@code zone}, or a date
     * (its start; the next day's start when {@code endOfDay}, so a "to" date includes that day).
     * Blank is null; anything else throws with a message naming the field {@code what}.
     */
    public static Instant parse(String s, String what, boolean endOfDay, ZoneId zone) {
        String v = s == null ? "" : s.trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // local forms next
        }
        try {
            return LocalDateTime.parse(v, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // a date next
        }
        try {
            LocalDate d = LocalDate.parse(v);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + ": use 2026-01-31, 2026-01-31 14:30 or 2026-01-31T14:30:00Z");
        }
    }
}
