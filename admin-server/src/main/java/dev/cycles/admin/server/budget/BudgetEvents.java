package dev.cycles.admin.server.budget;

import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.core.OperationContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event payloads for ledger changes (EventDataBudgetLifecycle, EventDataBudgetOverLimit). */
final class BudgetEvents {
    private final EventLog events;

    BudgetEvents(EventLog events) {
        this.events = events;
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
