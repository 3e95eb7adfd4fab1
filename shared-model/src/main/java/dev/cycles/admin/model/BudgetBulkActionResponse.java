package dev.cycles.admin.model;

import java.util.List;

/** Answer of POST /v1/admin/budgets/bulk-action; row ids are ledger_ids. */
public record BudgetBulkActionResponse(FundingOperation action, long totalMatched, List<BulkActionRowOutcome> succeeded,
                                       List<BulkActionRowOutcome> failed, List<BulkActionRowOutcome> skipped,
                                       String idempotencyKey) {
}
