package dev.cycles.admin.server.http;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.server.auth.AdminKey;
import dev.cycles.admin.server.auth.AuthThrottle;
import dev.cycles.admin.server.auth.TenantKeyResolver;
import spark.Request;

import java.util.Map;

/**
 * Decides who is calling from the key headers an operation accepts: the admin key (constant-time
 * compare) or a tenant key (and the permission the operation needs). Wrong keys feed the
 * per-address throttle; a throttled address is refused before any key is checked.
 */
public final class Authenticator {
    private final AdminKey adminKey;
    private final AuthThrottle throttle;
    private final TenantKeyResolver tenantKeys;

    public Authenticator(AdminKey adminKey, AuthThrottle throttle, TenantKeyResolver tenantKeys) {
        this.adminKey = adminKey;
        this.throttle = throttle;
        this.tenantKeys = tenantKeys;
    }

    void authenticate(AuthRule rule, Request req, RequestContext ctx) {
        if (rule.open()) {
            return;
        }
        String admin = req.headers("X-Admin-API-Key");
        String tenant = req.headers("X-Cycles-API-Key");
        boolean presentsKey = rule.admin() && admin != null || rule.tenant() && tenant != null;
        if (presentsKey) {
            long wait = throttle.retryAfterSeconds(ctx.sourceIp());
            if (wait > 0) {
                throw new ApiException(429, ErrorCode.LIMIT_EXCEEDED,
                        "Too many requests with wrong API keys from this address; retry in " + wait + " s",
                        Map.of("retry_after_seconds", wait));
            }
        }
        if (rule.admin() && admin != null) {
            if (!adminKey.matches(admin)) {
                throw wrongKey(ctx, new ApiException(401, ErrorCode.UNAUTHORIZED, "Invalid admin API key"));
            }
            ctx.authenticate(Principal.ADMIN);
            return;
        }
        if (rule.tenant() && tenant != null) {
            Principal.TenantKey key;
            try {
                key = tenantKeys.resolve(tenant);
            } catch (ApiException e) {
                throw e.status() == 401 ? wrongKey(ctx, e) : e;
            }
            ctx.authenticate(key);
            Permission needed = rule.permission();
            if (needed != null && !Permission.grants(key.permissions(), needed)) {
                throw ApiException.forbidden(ErrorCode.INSUFFICIENT_PERMISSIONS,
                        "API key lacks required permission: " + needed.wire());
            }
            return;
        }
        String expected = rule.admin() && rule.tenant() ? "X-Admin-API-Key or X-Cycles-API-Key"
                : rule.admin() ? "X-Admin-API-Key" : "X-Cycles-API-Key";
        throw new ApiException(401, ErrorCode.UNAUTHORIZED, "Missing " + expected + " header");
    }

    private ApiException wrongKey(RequestContext ctx, ApiException e) {
        throttle.recordFailure(ctx.sourceIp());
        return e;
    }

}
