package dev.cycles.admin.server.budget;

import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.core.OperationContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Event payloads for ledger changes (EventDataBudgetLifecycle, EventDataBudgetOverLimit,
 * EventDataBudgetThreshold) and the signals a change can raise, written in the change's transaction.
 */
final class BudgetEvents {
    /** The spec's default utilization thresholds (WebhookThresholdConfig.budget_utilization). */
    static final double[] THRESHOLDS = {0.80, 0.95, 1.0};

    private final EventLog events;

    BudgetEvents(EventLog events) {
        this.events = events;
    }

    /**
     * Every signal a change from {@code before} to {@code after} raises: each utilization
     * threshold crossed (once per threshold and direction), exhaustion, and entering or leaving
     * the over-limit state.
     */
    void signals(Connection c, OperationContext ctx, Ledger before, Ledger after) throws SQLException {
        double was = usage(before);
        double is = usage(after);
        for (double t : THRESHOLDS) {
            if (was < t && is >= t || was >= t && is < t) {
                events.emit(c, ctx, "budget.threshold_crossed", after.tenantId(), after.scope(),
                        threshold(after, t, is, is >= t ? "rising" : "falling"), null);
            }
        }
        if (before.remaining() > 0 && after.remaining() <= 0) {
            events.emit(c, ctx, "budget.exhausted", after.tenantId(), after.scope(), threshold(after, 1.0, is, "rising"), null);
        }
        overLimitFlip(c, ctx, before, after);
    }

    /** (spent + reserved) / allocated, as EventDataBudgetThreshold defines utilization; may exceed 1. */
    static double usage(Ledger l) {
        return l.allocated() <= 0 ? (l.spent() + l.reserved() > 0 ? Double.POSITIVE_INFINITY : 0.0)
                : (double) (l.spent() + l.reserved()) / l.allocated();
    }

    private static Map<String, Object> threshold(Ledger l, double threshold, double utilization, String direction) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", l.scope());
        data.put("unit", l.unit().name());
        data.put("threshold", threshold);
        if (Double.isFinite(utilization)) {
            data.put("utilization", utilization);
        }
        data.put("allocated", l.allocated());
        data.put("remaining", l.remaining());
        data.put("spent", l.spent());
        data.put("reserved", l.reserved());
        data.put("direction", direction);
        return data;
    }

    /** budget.over_limit_entered / _exited when a change flips is_over_limit. */
    void overLimitFlip(Connection c, OperationContext ctx, Ledger before, Ledger after) throws SQLException {
        if (before.overLimit() == after.overLimit()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", after.scope());
        data.put("unit", after.unit().name());
        data.put("debt", after.debt());
        data.put("overdraft_limit", after.overdraftLimit());
        data.put("is_over_limit", after.overLimit());
        if (after.overdraftLimit() > 0) {
            data.put("debt_utilization", (double) after.debt() / after.overdraftLimit());
        }
        events.emit(c, ctx, after.overLimit() ? "budget.over_limit_entered" : "budget.over_limit_exited",
                after.tenantId(), after.scope(), data, null);
    }

    static Map<String, Object> lifecycle(Ledger l, String operation, Map<String, Object> before, Map<String, Object> after, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ledger_id", l.ledgerId());
        data.put("scope", l.scope());
        data.put("unit", l.unit().name());
        data.put("operation", operation);
        if (before != null) {
            data.put("previous_state", before);
        }
        data.put("new_state", after);
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }
}
