package dev.cycles.admin.model;

import java.util.Map;

/** Body of PATCH /v1/admin/budgets?scope&unit. {@code overdraft_limit} may be a bare integer. */
public record BudgetUpdateRequest(
        Amount overdraftLimit,
        CommitOveragePolicy commitOveragePolicy,
        Map<String, Object> metadata) {
}
