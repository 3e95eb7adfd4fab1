package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.runtime.Balance;

/**
 * A budget ledger as the runtime plane reads and changes it: the four balance columns and what
 * the reservation rules look at. {@code remaining} is derived, never stored, so the ledger
 * invariant cannot drift; it throws when the figures leave the int64 range.
 */
public record Holding(String ledgerId, String tenantId, String scope, UnitEnum unit, long allocated, long spent,
                      long reserved, long debt, long overdraftLimit, boolean overLimit, BudgetStatus status,
                      CommitOveragePolicy overagePolicy) {

    public long remaining() {
        return Math.subtractExact(Math.subtractExact(Math.subtractExact(allocated, spent), reserved), debt);
    }

    public Holding withFigures(long newSpent, long newReserved, long newDebt, boolean newOverLimit) {
        return new Holding(ledgerId, tenantId, scope, unit, allocated, newSpent, newReserved, newDebt, overdraftLimit,
                newOverLimit, status, overagePolicy);
    }

    /** This ledger with {@code amount} more (or, negative, less) held. */
    public Holding hold(long amount) {
        return withFigures(spent, Math.addExact(reserved, amount), debt, overLimit);
    }

    /** The runtime's Balance: {@code scope} is the last segment, {@code scope_path} the whole path. */
    public Balance toBalance() {
        return new Balance(scope.substring(scope.lastIndexOf('/') + 1), scope, Amount.of(unit, remaining()),
                Amount.of(unit, reserved), Amount.of(unit, spent), Amount.of(unit, debt), Amount.of(unit, allocated),
                Amount.of(unit, overdraftLimit), overLimit);
    }

    /** (spent + reserved) / allocated, as the threshold events define utilization. */
    public double utilization() {
        if (allocated <= 0) {
            return spent + reserved > 0 ? Double.POSITIVE_INFINITY : 0.0;
        }
        return ((double) spent + reserved) / allocated;
    }
}
