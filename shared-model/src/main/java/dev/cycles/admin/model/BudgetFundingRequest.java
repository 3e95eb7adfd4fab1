package dev.cycles.admin.model;

import java.util.Map;

/** Body of POST /v1/admin/budgets/fund. {@code amount} may be a bare integer in the ledger's unit. */
public record BudgetFundingRequest(
        FundingOperation operation,
        Amount amount,
        Amount spent,
        String reason,
        String idempotencyKey,
        Map<String, Object> metadata) {
}
