package dev.cycles.admin.server.budget;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.auth.ScopeGuard;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.tenant.OpenTenantRule;
import dev.cycles.admin.server.tenant.TenantStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Who may touch which ledger. A tenant key only ever sees its own tenant's ledgers: another
 * tenant's scope reads as "not found", exactly like a scope with no ledger, so it learns nothing.
 */
final class BudgetAccess {
    private final BudgetStore store;
    private final TenantStore tenants;
    private final OpenTenantRule openTenants;

    BudgetAccess(BudgetStore store, TenantStore tenants) {
        this.store = store;
        this.tenants = tenants;
        this.openTenants = new OpenTenantRule(tenants);
    }

    static Scope parseScope(String raw) {
        try {
            return Scope.parse(raw);
        } catch (Scope.InvalidScopeException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The ledger at (scope, unit) as {@code caller} may see it, or a 404 / 403. */
    Ledger visibleLedger(Connection c, Principal caller, Scope scope, UnitEnum unit) throws SQLException {
        if (caller instanceof Principal.TenantKey key) {
            if (!scope.tenantId().equals(key.tenantId())) {
                throw notFound(scope.canonical(), unit);
            }
            requireScopeFilter(key, scope);
        }
        Ledger l = store.find(c, scope.canonical(), unit);
        if (l == null) {
            throw notFound(scope.canonical(), unit);
        }
        return l;
    }

    static void requireScopeFilter(Principal.TenantKey key, Scope scope) {
        ScopeGuard.requireScope(key, scope);
    }

    /** Rule 2 of the spec: nothing a CLOSED tenant owns may change. */
    Tenant requireOpenTenant(Connection c, String tenantId) throws SQLException {
        return openTenants.require(c, tenantId);
    }

    /** As {@link #requireOpenTenant}, reading the tenant's status alone. */
    void checkOpenTenant(Connection c, String tenantId) throws SQLException {
        openTenants.check(c, tenantId);
    }

    static ApiException notFound(String scope, UnitEnum unit) {
        return ApiException.notFound(ErrorCode.BUDGET_NOT_FOUND, "No budget for scope " + scope + " in " + unit);
    }
}
