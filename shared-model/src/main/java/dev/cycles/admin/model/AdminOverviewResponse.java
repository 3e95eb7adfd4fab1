package dev.cycles.admin.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GET /v1/admin/overview. The nested objects are strict in the spec: exactly these fields.
 * {@code recent_denials} and {@code recent_expiries} are Event objects, carried as JSON maps.
 */
public record AdminOverviewResponse(
        Instant asOf,
        long eventWindowSeconds,
        TenantCounts tenantCounts,
        BudgetCounts budgetCounts,
        List<OverLimitScope> overLimitScopes,
        List<DebtScope> debtScopes,
        WebhookCounts webhookCounts,
        List<FailingWebhook> failingWebhooks,
        EventCounts eventCounts,
        List<Map<String, Object>> recentDenials,
        List<Map<String, Object>> recentExpiries) {

    public record TenantCounts(long total, long active, long suspended, long closed) {
    }

    public record BudgetCounts(long total, long active, long frozen, long closed, long overLimit, long withDebt,
                               Map<String, Long> byUnit) {
    }

    public record OverLimitScope(String scope, UnitEnum unit, long allocated, long remaining, long debt) {
    }

    public record DebtScope(String scope, UnitEnum unit, long debt, long overdraftLimit) {
    }

    public record WebhookCounts(long total, long active, long disabled, long withFailures) {
    }

    public record FailingWebhook(String subscriptionId, String url, long consecutiveFailures, Instant lastFailureAt) {
    }

    public record EventCounts(long totalRecent, Map<String, Long> byCategory) {
    }
}
