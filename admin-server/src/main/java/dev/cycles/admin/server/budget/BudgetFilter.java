package dev.cycles.admin.server.budget;

import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.core.ApiException;

import java.util.List;
import java.util.Locale;

/**
 * List filters; null means "any". {@code scopeFilter} is a tenant key's restriction. The list
 * endpoints and the bulk action build one of these from their parameters and check it with
 * {@link #requireValid()}; {@link BudgetStore#where} turns it into SQL for both.
 */
public record BudgetFilter(String tenantId, String scopePrefix, UnitEnum unit, BudgetStatus status, Boolean overLimit,
                     Boolean hasDebt, Double utilizationMin, Double utilizationMax, String search,
                     List<String> scopeFilter, boolean excludeClosed) {

    static final int MAX_SCOPE_PREFIX = 1024;

    /** A client's scope_prefix as the filter uses it: lower-cased (scopes are stored so); too long is a 400. */
    static String scopePrefix(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_SCOPE_PREFIX) {
            throw ApiException.badRequest(field + " is too long");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    /** utilization bounds within [0, 1] and min not above max; otherwise a 400. */
    void requireValid() {
        if (utilizationMin != null && utilizationMax != null && utilizationMin > utilizationMax) {
            throw ApiException.badRequest("utilization_min must not exceed utilization_max");
        }
        checkFraction(utilizationMin, "utilization_min");
        checkFraction(utilizationMax, "utilization_max");
    }

    private static void checkFraction(Double v, String name) {
        if (v != null && (v.isNaN() || v < 0 || v > 1)) {
            throw ApiException.badRequest(name + " must be between 0 and 1");
        }
    }
}
