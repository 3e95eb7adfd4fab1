package dev.cycles.admin.server.http;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.server.auth.AdminKey;
import dev.cycles.admin.server.auth.TenantKeyResolver;
import spark.Request;

/**
 * Decides who is calling from the key headers an operation accepts: the admin key (constant-time
 * compare) or a tenant key (and the permission the operation needs). A missing or wrong key is
 * a 401; throttling and auditing such failures is the dispatcher's business, so that valid keys
 * are never held up by anyone else's failures.
 */
public final class Authenticator {
    private final AdminKey adminKey;
    private final TenantKeyResolver tenantKeys;

    public Authenticator(AdminKey adminKey, TenantKeyResolver tenantKeys) {
        this.adminKey = adminKey;
        this.tenantKeys = tenantKeys;
    }

    void authenticate(AuthRule rule, Request req, RequestContext ctx) {
        if (rule.open()) {
            return;
        }
        String admin = req.headers("X-Admin-API-Key");
        String tenant = req.headers("X-Cycles-API-Key");
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
}
