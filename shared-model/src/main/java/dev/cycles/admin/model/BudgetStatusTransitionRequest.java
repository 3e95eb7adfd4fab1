package dev.cycles.admin.model;

import java.util.Map;

/** Optional body of freeze / unfreeze. */
public record BudgetStatusTransitionRequest(String reason, Map<String, Object> metadata) {
}
