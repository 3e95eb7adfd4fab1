package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.runtime.Action;
import dev.cycles.admin.model.runtime.Subject;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.ledger.SubjectScopes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reservation.* events (EventDataReservationDenied, CommitOverage, ReservationExpired), written in the caller's transaction. */
public final class ReservationEvents {
    private final EventLog events;

    public ReservationEvents(EventLog events) {
        this.events = events;
    }

    void denied(Connection c, OperationContext ctx, String tenantId, SubjectScopes scopes, Subject subject, Action action,
                Amount estimate, Assessment a) throws SQLException {
        String scope = a.denial().at() != null ? a.denial().at().scope() : scopes.path();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", scope);
        data.put("unit", estimate.unit().name());
        data.put("reason_code", a.reason());
        data.put("requested_amount", estimate.amount());
        data.put("remaining", a.lowestRemaining());
        data.put("action", action);
        data.put("subject", subject);
        events.emit(c, ctx, "reservation.denied", tenantId, scope, data, null);
    }

    void commitOverage(Connection c, OperationContext ctx, StoredReservation r, long actual, long debtIncurred) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reservation_id", r.reservationId());
        data.put("scope", r.scopePath());
        data.put("unit", r.unit().name());
        data.put("estimated_amount", r.estimate());
        data.put("actual_amount", actual);
        data.put("overage", actual - r.estimate());
        data.put("overage_policy", r.overagePolicy().name());
        data.put("debt_incurred", debtIncurred);
        events.emit(c, ctx, "reservation.commit_overage", r.tenantId(), r.scopePath(), data, null);
    }

    void expired(Connection c, OperationContext ctx, StoredReservation r) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reservation_id", r.reservationId());
        data.put("scope", r.scopePath());
        data.put("unit", r.unit().name());
        data.put("estimated_amount", r.estimate());
        data.put("created_at", Instant.ofEpochMilli(r.createdAtMs()).toString());
        data.put("expired_at", Instant.ofEpochMilli(r.expiresAtMs()).toString());
        data.put("ttl_ms", r.expiresAtMs() - r.createdAtMs());
        data.put("extensions_used", r.extensionCount());
        events.emit(c, ctx, "reservation.expired", r.tenantId(), r.scopePath(), data, null);
    }
}
