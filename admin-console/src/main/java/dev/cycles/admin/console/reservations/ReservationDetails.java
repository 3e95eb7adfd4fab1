package dev.cycles.admin.console.reservations;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.runtime.Action;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.Subject;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a reservation reads in the list and the details pane: one place, so both agree. */
public final class ReservationDetails {
    /** ISO date and time with seconds: expiries are seconds apart, minutes would hide the order. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ReservationDetails() {
    }

    public static String time(Long epochMs, ZoneId zone) {
        return epochMs == null ? "" : TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** "42 s ago", "3 min ago", "in 5 min", "2 h 10 min ago": how long an operator has to act, or has waited. */
    public static String relative(Long epochMs, long nowMs) {
        if (epochMs == null) {
            return "";
        }
        long d = Math.abs(nowMs - epochMs) / 1000;
        String span;
        if (d < 60) {
            span = d + " s";
        } else if (d < 3600) {
            span = d / 60 + " min";
        } else if (d < 86_400) {
            span = d / 3600 + " h" + (d % 3600 / 60 == 0 ? "" : " " + d % 3600 / 60 + " min");
        } else {
            span = d / 86_400 + " d" + (d % 86_400 / 3600 == 0 ? "" : " " + d % 86_400 / 3600 + " h");
        }
        return epochMs <= nowMs ? span + " ago" : "in " + span;
    }

    /** An ACTIVE reservation past its expiry: the hold the sweeper has not reclaimed, the one to release first. */
    public static boolean overdue(Reservation r, long nowMs) {
        return r != null && r.status() == dev.cycles.admin.model.runtime.ReservationStatus.ACTIVE
                && r.expiresAtMs() != null && r.expiresAtMs() < nowMs;
    }

    /** The Expires cell: relative time, with "⚠ overdue" when an ACTIVE hold is past it. */
    public static String expiresText(Reservation r, long nowMs) {
        String rel = relative(r.expiresAtMs(), nowMs);
        return overdue(r, nowMs) ? "\u26a0 overdue, expired " + rel : rel;
    }

    public static String amount(Amount a) {
        return a == null || a.amount() == null ? "" : Amounts.formatWithUnit(a.unit(), a.amount());
    }

    /** "workspace=prod  agent=support": the subject levels below the tenant that are set. */
    public static String subject(Subject s) {
        if (s == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        add(parts, "workspace", s.workspace());
        add(parts, "app", s.app());
        add(parts, "workflow", s.workflow());
        add(parts, "agent", s.agent());
        add(parts, "toolset", s.toolset());
        if (s.dimensions() != null) {
            s.dimensions().forEach((k, v) -> parts.add(k + "=" + v));
        }
        return String.join("  ", parts);
    }

    public static String action(Action a) {
        if (a == null) {
            return "";
        }
        String tags = a.tags() == null || a.tags().isEmpty() ? "" : "  [" + String.join(", ", a.tags()) + "]";
        return (a.kind() == null ? "" : a.kind()) + (a.name() == null ? "" : " / " + a.name()) + tags;
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(name + "=" + value);
        }
    }

    /** Every field, as the details pane shows it. */
    public static String text(Reservation r, ZoneId zone) {
        if (r == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        line(b, "ID", r.reservationId());
        line(b, "Status", r.status() == null ? null : r.status().name());
        line(b, "Tenant", r.subject() == null ? null : r.subject().tenant());
        line(b, "Subject", subject(r.subject()));
        line(b, "Action", action(r.action()));
        line(b, "Reserved", amount(r.reserved()));
        line(b, "Committed", amount(r.committed()));
        line(b, "Created", time(r.createdAtMs(), zone));
        line(b, "Expires", time(r.expiresAtMs(), zone));
        line(b, "Finalized", time(r.finalizedAtMs(), zone));
        line(b, "Scope path", r.scopePath());
        b.append("Affected scopes:\n");
        if (r.affectedScopes() == null || r.affectedScopes().isEmpty()) {
            b.append("  (none)\n");
        } else {
            r.affectedScopes().forEach(s -> b.append("  ").append(s).append('\n'));
        }
        line(b, "Idempotency", r.idempotencyKey());
        json(b, "Metadata", r.metadata());
        json(b, "Commit metadata", r.committedMetadata());
        return b.toString();
    }

    private static void json(StringBuilder b, String name, Map<String, Object> m) {
        b.append(name).append(":\n");
        try {
            b.append(m == null || m.isEmpty() ? "  (none)"
                    : AdminClient.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m)).append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            b.append(m).append('\n');
        }
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(String.format("%-13s%s%n", name + ":", value == null || value.isBlank() ? "-" : value));
    }
}
