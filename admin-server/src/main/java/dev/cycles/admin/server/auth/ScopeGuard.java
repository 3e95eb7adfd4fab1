package dev.cycles.admin.server.auth;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.ScopeFilter;
import dev.cycles.admin.model.ScopePattern;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Principal;

/**
 * The one place a tenant key's scope_filter is enforced for reads and writes of budgets and
 * policies (the rule itself is shared-model {@link ScopeFilter}; the budget list applies the same
 * rule in SQL). The admin key has no filter.
 */
public final class ScopeGuard {
    private ScopeGuard() {
    }

    /** 403 FORBIDDEN unless the caller's scope_filter allows {@code scope}. */
    public static void requireScope(Principal caller, Scope scope) {
        if (caller instanceof Principal.TenantKey key && !ScopeFilter.stored(key.scopeFilter()).allows(scope)) {
            throw ApiException.forbidden(ErrorCode.FORBIDDEN, "The API key's scope_filter does not allow scope " + scope);
        }
    }

    /** 403 FORBIDDEN unless the caller's scope_filter allows every scope {@code pattern} can match. */
    public static void requirePattern(Principal caller, ScopePattern pattern) {
        if (caller instanceof Principal.TenantKey key && !ScopeFilter.stored(key.scopeFilter()).allows(pattern)) {
            throw ApiException.forbidden(ErrorCode.FORBIDDEN, "The API key's scope_filter does not allow every scope"
                    + " that scope_pattern " + pattern + " can match");
        }
    }

    /** As {@link #requirePattern} for a stored pattern; one that no longer parses is refused to filtered keys. */
    public static void requireStoredPattern(Principal caller, String pattern) {
        if (caller instanceof Principal.TenantKey key && key.scopeFilter() != null && !key.scopeFilter().isEmpty()) {
            if (!ScopePattern.isValid(pattern)) {
                throw ApiException.forbidden(ErrorCode.FORBIDDEN, "The API key's scope_filter does not allow scope_pattern " + pattern);
            }
            requirePattern(caller, ScopePattern.parse(pattern));
        }
    }
}
