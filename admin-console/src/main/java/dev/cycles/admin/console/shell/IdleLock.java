package dev.cycles.admin.console.shell;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Locks a session nobody is using: after {@code idle} without a key press or mouse click (30 min by
 * default), or {@code absolute} after connecting (8 h), whoever walks up to the unattended console
 * finds the data hidden and is asked for the admin key again. Scrolling and mouse moves are not
 * input, as in the web dashboard. {@link #check()} is called on a timer; the clock is injectable.
 */
public final class IdleLock {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(8);

    private final LongSupplier clock;
    private Duration idle;
    private Duration absolute;
    private long lastInputMs;
    private long sessionStartMs = -1;

    public IdleLock(LongSupplier clock, Duration idle, Duration absolute) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.lastInputMs = clock.getAsLong();
    }

    /** A key press or mouse click. */
    public void input() {
        lastInputMs = clock.getAsLong();
    }

    /** A session began (connect or reconnect with a key): both clocks restart. */
    public void sessionStarted() {
        sessionStartMs = clock.getAsLong();
        lastInputMs = sessionStartMs;
    }

    public void sessionEnded() {
        sessionStartMs = -1;
    }

    /** Why the session must lock now ("" while it may go on, or when there is none). */
    public String check() {
        if (sessionStartMs < 0) {
            return "";
        }
        long now = clock.getAsLong();
        if (now - sessionStartMs >= absolute.toMillis()) {
            return "The session reached its limit of " + words(absolute) + "; enter the admin key to go on.";
        }
        if (now - lastInputMs >= idle.toMillis()) {
            return "Locked after " + words(idle) + " without input; enter the admin key to go on.";
        }
        return "";
    }

    public void setLimits(Duration idle, Duration absolute) {
        this.idle = idle;
        this.absolute = absolute;
    }

    static String words(Duration d) {
        if (d.toMinutes() == 0) {
            return d.toSeconds() + " s";
        }
        return d.toHours() > 0 && d.toMinutesPart() == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
