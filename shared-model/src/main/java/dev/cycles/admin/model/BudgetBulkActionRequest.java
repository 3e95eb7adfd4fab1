package dev.cycles.admin.model;

/**
 * Body of POST /v1/admin/budgets/bulk-action: one funding operation (the operations of
 * POST /v1/admin/budgets/fund) applied to every ledger the filter matches.
 */
public record BudgetBulkActionRequest(BudgetBulkFilter filter, FundingOperation action, Amount amount, Amount spent,
                                      String reason, Long expectedCount, String idempotencyKey) {
}
