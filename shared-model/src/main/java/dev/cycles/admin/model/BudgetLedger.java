package dev.cycles.admin.model;

import java.time.Instant;

/**
 * One budget ledger per (scope, unit). The server keeps
 * {@code remaining = allocated - spent - reserved - debt} true after every change.
 */
public record BudgetLedger(
        String ledgerId,
        String tenantId,
        String scope,
        String scopePath,
        UnitEnum unit,
        Amount allocated,
        Amount remaining,
        Amount reserved,
        Amount spent,
        Amount debt,
        Amount overdraftLimit,
        Boolean isOverLimit,
        CommitOveragePolicy commitOveragePolicy,
        BudgetStatus status,
        RolloverPolicy rolloverPolicy,
        Instant periodStart,
        Instant periodEnd,
        Instant createdAt,
        Instant updatedAt) {
}
