package dev.cycles.admin.model;

import java.time.Instant;
import java.util.Map;

/** Body of POST /v1/admin/budgets. {@code allocated} may be a bare integer in the request's unit. */
public record BudgetCreateRequest(
        String tenantId,
        String scope,
        UnitEnum unit,
        Amount allocated,
        Amount overdraftLimit,
        CommitOveragePolicy commitOveragePolicy,
        RolloverPolicy rolloverPolicy,
        Instant periodStart,
        Instant periodEnd,
        Map<String, Object> metadata) {
}
