package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.event.EventLog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The budget events a runtime change raises on one ledger, written in the change's transaction:
 * utilization thresholds crossed, exhaustion (remaining reaching zero or below), entering the
 * over-limit state, and debt incurred.
 */
public final class LedgerSignals {
    private static final double[] THRESHOLDS = {0.80, 0.95, 1.0};

    private final EventLog events;

    public LedgerSignals(EventLog events) {
        this.events = events;
    }

    /** Every signal the change from {@code before} to {@code after} raises; {@code reservationId} may be null. */
    public void changed(Connection c, OperationContext ctx, Holding before, Holding after, String reservationId,
                        CommitOveragePolicy policy) throws SQLException {
        double was = before.utilization();
        double is = after.utilization();
        for (double t : THRESHOLDS) {
            if (was < t && is >= t || was >= t && is < t) {
                emit(c, ctx, "budget.threshold_crossed", after, threshold(after, t, is, is >= t ? "rising" : "falling"));
            }
        }
        if (before.remaining() > 0 && after.remaining() <= 0) {
            emit(c, ctx, "budget.exhausted", after, threshold(after, 1.0, is, "rising"));
        }
        if (!before.overLimit() && after.overLimit()) {
            Map<String, Object> data = base(after);
            data.put("debt", after.debt());
            data.put("overdraft_limit", after.overdraftLimit());
            data.put("is_over_limit", true);
            if (after.overdraftLimit() > 0) {
                data.put("debt_utilization", (double) after.debt() / after.overdraftLimit());
            }
            emit(c, ctx, "budget.over_limit_entered", after, data);
        }
        if (after.debt() > before.debt()) {
            Map<String, Object> data = base(after);
            if (reservationId != null) {
                data.put("reservation_id", reservationId);
            }
            data.put("debt_incurred", after.debt() - before.debt());
            data.put("total_debt", after.debt());
            data.put("overdraft_limit", after.overdraftLimit());
            data.put("overage_policy", policy.name());
            emit(c, ctx, "budget.debt_incurred", after, data);
        }
    }

    private void emit(Connection c, OperationContext ctx, String type, Holding h, Map<String, Object> data) throws SQLException {
        events.emit(c, ctx, type, h.tenantId(), h.scope(), data, null);
    }

    private static Map<String, Object> base(Holding h) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", h.scope());
        data.put("unit", h.unit().name());
        return data;
    }

    private static Map<String, Object> threshold(Holding h, double threshold, double utilization, String direction) {
        Map<String, Object> data = base(h);
        data.put("threshold", threshold);
        if (Double.isFinite(utilization)) {
            data.put("utilization", utilization);
        }
        data.put("allocated", h.allocated());
        data.put("remaining", h.remaining());
        data.put("spent", h.spent());
        data.put("reserved", h.reserved());
        data.put("direction", direction);
        return data;
    }
}
