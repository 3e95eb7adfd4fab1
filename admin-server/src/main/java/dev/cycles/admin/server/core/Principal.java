package dev.cycles.admin.server.core;

import dev.cycles.admin.model.Permission;

import java.util.List;
import java.util.Set;

/** Who is calling: the operator with the admin key, or a tenant's API key. */
public sealed interface Principal {

    record Admin() implements Principal {
    }

    record TenantKey(String keyId, String tenantId, Set<Permission> permissions, List<String> permissionNames,
                     List<String> scopeFilter) implements Principal {
    }

    Principal ADMIN = new Admin();

    default boolean isAdmin() {
        return this instanceof Admin;
    }
}
