package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.ScopeFilter;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;

/**
 * Who a runtime request acts for. The tenant is always the key's; what the client names
 * ({@code subject.tenant}, {@code ?tenant=}) is only checked against it, and the key's
 * scope_filter bounds which scopes it may touch.
 */
public final class RuntimeCaller {
    private RuntimeCaller() {
    }

    public static Principal.TenantKey key(OperationContext ctx) {
        if (ctx.principal() instanceof Principal.TenantKey k) {
            return k;
        }
        throw new ApiException(401, ErrorCode.UNAUTHORIZED, "This operation needs an X-Cycles-API-Key");
    }

    /** The key's tenant, after checking that a tenant the client named is that one. */
    public static String tenant(Principal.TenantKey key, String named) {
        if (named != null && !named.equals(key.tenantId())) {
            throw ApiException.forbidden(ErrorCode.FORBIDDEN, "The API key belongs to another tenant than '" + named + "'");
        }
        return key.tenantId();
    }

    /** Refuses a subject that names another tenant or lies outside the key's scope_filter. */
    public static void mayAct(Principal.TenantKey key, SubjectScopes scopes) {
        tenant(key, scopes.tenant());
        mayTouch(key, scopes.scope() == null ? null : scopes.path());
    }

    /** Refuses a scope path outside the key's scope_filter (a filterless key may touch any scope of its tenant). */
    public static void mayTouch(Principal.TenantKey key, String scopePath) {
        if (key.scopeFilter() == null || key.scopeFilter().isEmpty()) {
            return;
        }
        if (scopePath == null || !Scope.isValid(scopePath) || !ScopeFilter.stored(key.scopeFilter()).allows(Scope.parse(scopePath))) {
            throw ApiException.forbidden(ErrorCode.FORBIDDEN, "Scope '" + scopePath + "' is outside this API key's scope_filter");
        }
    }
}
