package dev.cycles.admin.server.http;

import dev.cycles.admin.model.Permission;

/** Which key an operation accepts and, for tenant keys, the permission it needs. */
public record AuthRule(boolean admin, boolean tenant, Permission permission) {
    public static final AuthRule NONE = new AuthRule(false, false, null);
    public static final AuthRule ADMIN = new AuthRule(true, false, null);

    public static AuthRule either(Permission permission) {
        return new AuthRule(true, true, permission);
    }

    public static AuthRule tenant(Permission permission) {
        return new AuthRule(false, true, permission);
    }

    public boolean open() {
        return !admin && !tenant;
    }
}
