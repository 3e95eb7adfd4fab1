package dev.cycles.admin.server.budget;

import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.UnitEnum;
import java.util.List;

/** List filters; null means "any". {@code scopeFilter} is a tenant key's restriction. */
public record BudgetFilter(String tenantId, String scopePrefix, UnitEnum unit, BudgetStatus status, Boolean overLimit,
                     Boolean hasDebt, Double utilizationMin, Double utilizationMax, String search,
                     List<String> scopeFilter, boolean excludeClosed) {
}
