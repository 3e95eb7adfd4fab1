package dev.cycles.admin.server.http;

import dev.cycles.admin.model.Permission;

import java.util.List;

/**
 * Which key an operation accepts and, for tenant keys, the permissions that let it in (any one
 * of them; none listed means any valid key). {@code bearer}: the admin key may also come as
 * {@code Authorization: Bearer <key>} (GET /metrics, for scrapers that send bearer tokens natively).
 */
public record AuthRule(boolean admin, boolean tenant, List<Permission> anyOf, boolean bearer) {
    public static final AuthRule NONE = new AuthRule(false, false, List.of());
    public static final AuthRule ADMIN = new AuthRule(true, false, List.of());
    public static final AuthRule ADMIN_OR_BEARER = new AuthRule(true, false, List.of(), true);

    public AuthRule(boolean admin, boolean tenant, List<Permission> anyOf) {
        this(admin, tenant, anyOf, false);
    }

    public static AuthRule either(Permission permission) {
        return new AuthRule(true, true, permission == null ? List.of() : List.of(permission));
    }

    public static AuthRule tenant(Permission permission) {
        return new AuthRule(false, true, permission == null ? List.of() : List.of(permission));
    }

    /** Tenant keys holding any one of {@code permissions} (POST /v1/events: events:create or reservations:commit). */
    public static AuthRule tenantAnyOf(Permission... permissions) {
        return new AuthRule(false, true, List.of(permissions));
    }

    /** The first permission that admits a tenant key, or null when any valid key may call. */
    public Permission permission() {
        return anyOf.isEmpty() ? null : anyOf.get(0);
    }

    public boolean open() {
        return !admin && !tenant;
    }
}
