package dev.cycles.admin.console.common.domain;

import java.time.Duration;

/** The time ranges the audit and event browsers offer (rolling windows, any time, a custom range). */
public enum TimePreset {
    LAST_15_MIN("Last 15 minutes", Duration.ofMinutes(15)),
    LAST_HOUR("Last hour", Duration.ofHours(1)),
    LAST_24_HOURS("Last 24 hours", Duration.ofHours(24)),
    LAST_7_DAYS("Last 7 days", Duration.ofDays(7)),
    LAST_30_DAYS("Last 30 days", Duration.ofDays(30)),
    ALL("Any time", null),
    CUSTOM("Custom range", null);

    public final String label;
    private final Duration span;

    TimePreset(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    /** How far back a rolling preset reaches (null for Any time and Custom range). */
    public Duration span() {
        return span;
    }

    @Override
    public String toString() {
        return label;
    }
}
