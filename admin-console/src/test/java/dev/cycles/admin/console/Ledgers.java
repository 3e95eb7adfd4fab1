package dev.cycles.admin.console;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.UnitEnum;

import java.time.Instant;

/** Ledgers for tests that need no server: remaining = allocated - spent - debt, nothing reserved. */
public final class Ledgers {
    private Ledgers() {
    }

    public static BudgetLedger of(String scope, UnitEnum u, BudgetStatus st, long alloc, long spent, long debt, boolean over) {
        return new BudgetLedger(scope, scope.split("/")[0].substring(7), scope, scope, u, Amount.of(u, alloc),
                Amount.of(u, alloc - spent - debt), Amount.of(u, 0), Amount.of(u, spent), Amount.of(u, debt), Amount.of(u, 0),
                over, null, st, null, null, null, Instant.EPOCH, Instant.EPOCH);
    }
}
