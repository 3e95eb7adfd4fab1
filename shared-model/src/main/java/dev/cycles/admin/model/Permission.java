package dev.cycles.admin.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Tenant API-key permissions, spelled as on the wire. */
public enum Permission implements WireEnum {
    RESERVATIONS_CREATE("reservations:create"),
    RESERVATIONS_COMMIT("reservations:commit"),
    RESERVATIONS_RELEASE("reservations:release"),
    RESERVATIONS_EXTEND("reservations:extend"),
    RESERVATIONS_LIST("reservations:list"),
    BALANCES_READ("balances:read"),
    BUDGETS_READ("budgets:read"),
    BUDGETS_WRITE("budgets:write"),
    POLICIES_READ("policies:read"),
    POLICIES_WRITE("policies:write"),
    WEBHOOKS_READ("webhooks:read"),
    WEBHOOKS_WRITE("webhooks:write"),
    EVENTS_READ("events:read"),
    /**
     * Not in the spec's enum: the public admin guide grants it, for the runtime plane's
     * POST /v1/events (which also accepts reservations:commit).
     */
    EVENTS_CREATE("events:create"),
    ADMIN_READ("admin:read"),
    ADMIN_WRITE("admin:write"),
    ADMIN_TENANTS_READ("admin:tenants:read"),
    ADMIN_TENANTS_WRITE("admin:tenants:write"),
    ADMIN_BUDGETS_READ("admin:budgets:read"),
    ADMIN_BUDGETS_WRITE("admin:budgets:write"),
    ADMIN_POLICIES_READ("admin:policies:read"),
    ADMIN_POLICIES_WRITE("admin:policies:write"),
    ADMIN_APIKEYS_READ("admin:apikeys:read"),
    ADMIN_APIKEYS_WRITE("admin:apikeys:write"),
    ADMIN_WEBHOOKS_READ("admin:webhooks:read"),
    ADMIN_WEBHOOKS_WRITE("admin:webhooks:write"),
    ADMIN_EVENTS_READ("admin:events:read"),
    ADMIN_AUDIT_READ("admin:audit:read");

    /**
     * What a key gets when its creator names no permissions: the runtime permissions and reads of
     * its own balances, budgets and policies. Deliberately NOT the spec's list of ten: a key made
     * without thought must not be able to fund, reset or rewrite the budgets and policies that
     * govern it, so budgets:write and policies:write (like webhooks:*, events:read and admin:*)
     * are granted only when asked for.
     */
    public static final List<Permission> DEFAULTS = List.of(
            RESERVATIONS_CREATE, RESERVATIONS_COMMIT, RESERVATIONS_RELEASE, RESERVATIONS_EXTEND,
            RESERVATIONS_LIST, BALANCES_READ, BUDGETS_READ, POLICIES_READ);

    private final String wire;

    Permission(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /**
     * Whether this permission allows a change (so {@code admin:write}, not {@code admin:read},
     * stands in for it): every {@code *:write}, and the runtime's mutating permissions, whose
     * names do not end in ":write" (reserve, commit, release, extend, usage events).
     */
    public boolean isWrite() {
        return wire.endsWith(":write") || this == RESERVATIONS_CREATE || this == RESERVATIONS_COMMIT
                || this == RESERVATIONS_RELEASE || this == RESERVATIONS_EXTEND || this == EVENTS_CREATE;
    }

    private static final Map<String, Permission> BY_WIRE = byWire();

    private static Map<String, Permission> byWire() {
        Map<String, Permission> m = new HashMap<>();
        for (Permission p : values()) {
            m.put(p.wire, p);
        }
        return Map.copyOf(m);
    }

    public static Optional<Permission> fromWire(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(value));
    }

    /** Wire names, de-duplicated, in the order given. */
    public static List<String> wireNames(Collection<Permission> permissions) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        permissions.forEach(p -> out.add(p.wire));
        return new ArrayList<>(out);
    }

    /**
     * Whether a key holding {@code held} may use an endpoint needing {@code needed}: an exact grant,
     * or the legacy {@code admin:read}/{@code admin:write} wildcard for any read/write.
     */
    public static boolean grants(Collection<Permission> held, Permission needed) {
        if (held.contains(needed)) {
            return true;
        }
        return needed.isWrite() ? held.contains(ADMIN_WRITE) : held.contains(ADMIN_READ);
    }
}
