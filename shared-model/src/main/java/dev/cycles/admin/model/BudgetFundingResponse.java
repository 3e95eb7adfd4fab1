package dev.cycles.admin.model;

import java.time.Instant;

public record BudgetFundingResponse(
        String operation,
        Amount previousAllocated,
        Amount newAllocated,
        Amount previousRemaining,
        Amount newRemaining,
        Amount previousDebt,
        Amount newDebt,
        Amount previousSpent,
        Amount newSpent,
        Instant timestamp) {
}
