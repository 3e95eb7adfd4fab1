package dev.cycles.admin.model;

import java.util.List;

public record BalanceListResponse(List<BudgetLedger> balances, String nextCursor, boolean hasMore) {
}
