package dev.cycles.admin.console.common.domain;

import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.Utilization;

/** How full a budget is: the budgets list's bar and the overview's fleet histogram use the same numbers. */
public final class BudgetUtilization {
    private BudgetUtilization() {
    }

    /** spent / allocated, 0 when nothing is allocated (the server's definition). */
    public static double of(BudgetLedger b) {
        long alloc = b.allocated() == null || b.allocated().amount() == null ? 0 : b.allocated().amount();
        long spent = b.spent() == null || b.spent().amount() == null ? 0 : b.spent().amount();
        return Utilization.of(spent, alloc);
    }

    /** "ok" below 75%, "warn" 75-89%, "danger" from 90%. */
    public static String band(double u) {
        return u >= 0.9 ? "danger" : u >= 0.75 ? "warn" : "ok";
    }
}
