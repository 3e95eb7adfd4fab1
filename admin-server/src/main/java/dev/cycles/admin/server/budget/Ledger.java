package dev.cycles.admin.server.budget;

import dev.cycles.admin.model.Utilization;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.LedgerFigures;
import dev.cycles.admin.model.RolloverPolicy;
import dev.cycles.admin.model.UnitEnum;

import java.time.Instant;
import java.util.Map;

/**
 * A stored ledger row, without its metadata (written on create and by PATCH, never returned, so
 * never read back: see BudgetStore). {@code remaining} is not stored: it is always
 * {@code allocated - spent - reserved - debt}, so the ledger invariant cannot drift.
 */
record Ledger(
        String ledgerId, String tenantId, String scope, UnitEnum unit,
        long allocated, long spent, long reserved, long debt, long overdraftLimit, boolean overLimit,
        CommitOveragePolicy commitOveragePolicy, BudgetStatus status, RolloverPolicy rolloverPolicy,
        Instant periodStart, Instant periodEnd,
        Instant createdAt, Instant updatedAt, Instant closedAt) {

    LedgerFigures figures() {
        return new LedgerFigures(allocated, spent, reserved, debt, overdraftLimit);
    }

    long remaining() {
        return figures().remaining();
    }

    double utilization() {
        return Utilization.of(spent, allocated);
    }

    Ledger withFigures(LedgerFigures f, Instant at) {
        return new Ledger(ledgerId, tenantId, scope, unit, f.allocated(), f.spent(), f.reserved(), f.debt(), overdraftLimit,
                f.isOverLimit(), commitOveragePolicy, status, rolloverPolicy, periodStart, periodEnd,
                createdAt, at, closedAt);
    }

    Ledger withSettings(long overdraftLimit, CommitOveragePolicy policy, Instant at) {
        return new Ledger(ledgerId, tenantId, scope, unit, allocated, spent, reserved, debt, overdraftLimit,
                debt > overdraftLimit, policy, status, rolloverPolicy, periodStart, periodEnd,
                createdAt, at, closedAt);
    }

    Ledger withStatus(BudgetStatus next, Instant at) {
        return new Ledger(ledgerId, tenantId, scope, unit, allocated, spent, reserved, debt, overdraftLimit,
                overLimit, commitOveragePolicy, next, rolloverPolicy, periodStart, periodEnd,
                createdAt, at, next == BudgetStatus.CLOSED ? at : closedAt);
    }

    BudgetLedger toWire() {
        return new BudgetLedger(ledgerId, tenantId, scope, scope, unit,
                Amount.of(unit, allocated), Amount.of(unit, remaining()), Amount.of(unit, reserved),
                Amount.of(unit, spent), Amount.of(unit, debt), Amount.of(unit, overdraftLimit), overLimit,
                commitOveragePolicy, status, rolloverPolicy, periodStart, periodEnd, createdAt, updatedAt);
    }

    /** The figures an event reports before and after a change. */
    Map<String, Object> state() {
        return Map.of("allocated", allocated, "remaining", remaining(), "debt", debt, "spent", spent,
                "reserved", reserved, "status", status.name());
    }
}
