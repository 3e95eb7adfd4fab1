package dev.cycles.admin.server.auth;

import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Principal;

/** Turns a presented X-Cycles-API-Key secret into a tenant principal, or throws a 401/403 ApiException. */
@FunctionalInterface
public interface TenantKeyResolver {
    Principal.TenantKey resolve(String secret);
}
