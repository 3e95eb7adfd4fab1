package dev.cycles.admin.model;

import java.util.List;

public record BudgetListResponse(List<BudgetLedger> ledgers, String nextCursor, boolean hasMore) {
}
