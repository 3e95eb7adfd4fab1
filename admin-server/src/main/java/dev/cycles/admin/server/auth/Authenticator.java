package dev.cycles.admin.server.auth;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.server.audit.RefusalSummaries;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.http.AuthRule;
import dev.cycles.admin.server.http.Authentication;

import java.util.Map;

/**
 * Decides who is calling from the key headers an operation accepts: the admin key (constant-time
 * compare) or a tenant key (and the permission the operation needs). A missing or wrong key is
 * a 401 and counts against the failure throttle; past its limits the answer is 429 and the
 * refusal is counted in a summary instead of auditing a row each. Valid keys never consult the
 * throttle, so nobody is locked out by someone else's failures.
 */
public final class Authenticator implements Authentication {
    private final AdminKey adminKey;
    private final TenantKeyResolver tenantKeys;
    private final FailureThrottle throttle;
    private final RefusalSummaries refusals;

    public Authenticator(AdminKey adminKey, TenantKeyResolver tenantKeys, FailureThrottle throttle, RefusalSummaries refusals) {
        this.adminKey = adminKey;
        this.tenantKeys = tenantKeys;
        this.throttle = throttle;
        this.refusals = refusals;
    }

    @Override
    public void authenticate(AuthRule rule, String admin, String tenant, OperationContext ctx) {
        try {
            identify(rule, admin, tenant, ctx);
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            FailureThrottle.Verdict verdict = throttle.recordFailure(ctx.sourceIp());
            if (!verdict.throttled()) {
                throw e;
            }
            refusals.count(ctx, verdict.summaryKey(), verdict.windowStart());
            ctx.markSummarised();
            throw new ApiException(429, ErrorCode.LIMIT_EXCEEDED,
                    "Too many requests without a valid API key from this address; retry in " + verdict.retryAfterSeconds() + " s",
                    Map.of("retry_after_seconds", verdict.retryAfterSeconds()));
        }
    }

    private void identify(AuthRule rule, String admin, String tenant, OperationContext ctx) {
        if (rule.open()) {
            return;
        }
        if (rule.admin() && admin != null) {
            if (!adminKey.matches(admin)) {
                throw new ApiException(401, ErrorCode.UNAUTHORIZED, "Invalid admin API key");
            }
            ctx.authenticate(Principal.ADMIN);
            return;
        }
        if (rule.tenant() && tenant != null) {
            Principal.TenantKey key = tenantKeys.resolve(tenant);
            ctx.authenticate(key);
            if (!rule.anyOf().isEmpty() && rule.anyOf().stream().noneMatch(p -> Permission.grants(key.permissions(), p))) {
                throw ApiException.forbidden(ErrorCode.INSUFFICIENT_PERMISSIONS, "API key lacks required permission: "
                        + String.join(" or ", rule.anyOf().stream().map(Permission::wire).toList()));
            }
            return;
        }
        String expected = rule.admin() && rule.tenant() ? "X-Admin-API-Key or X-Cycles-API-Key"
                : rule.admin() ? (rule.bearer() ? "X-Admin-API-Key (or Authorization: Bearer)" : "X-Admin-API-Key") : "X-Cycles-API-Key";
        throw new ApiException(401, ErrorCode.UNAUTHORIZED, "Missing " + expected + " header");
    }
}
