package dev.cycles.admin.model;

/**
 * Which ledgers a budget bulk action touches: the query parameters of GET /v1/admin/budgets,
 * AND-combined, with {@code tenant_id} required (one tenant per call).
 */
public record BudgetBulkFilter(String tenantId, String scopePrefix, UnitEnum unit, BudgetStatus status, Boolean overLimit,
                               Boolean hasDebt, Double utilizationMin, Double utilizationMax, String search) {
}
