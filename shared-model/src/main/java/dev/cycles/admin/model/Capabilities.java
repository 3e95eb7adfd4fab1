package dev.cycles.admin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collection;
import java.util.List;

/** What a caller may do, as the dashboard gates its screens (the spec's frozen table). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"view_overview", "view_budgets", "view_events", "view_webhooks", "view_audit",
        "view_tenants", "view_api_keys", "view_policies", "view_reservations", "manage_budgets",
        "manage_policies", "manage_webhooks", "manage_tenants", "manage_api_keys", "manage_reservations"})
public record Capabilities(
        boolean viewOverview, boolean viewBudgets, boolean viewEvents, boolean viewWebhooks,
        boolean viewAudit, boolean viewTenants, boolean viewApiKeys, boolean viewPolicies,
        boolean viewReservations, boolean manageBudgets, boolean managePolicies,
        boolean manageWebhooks, boolean manageTenants, boolean manageApiKeys,
        boolean manageReservations) {

    public static Capabilities admin() {
        return new Capabilities(true, true, true, true, true, true, true, true, true, true, true,
                true, true, true, true);
    }

    /** Capabilities of a tenant key; admin-plane screens stay closed whatever it holds. */
    public static Capabilities forTenantKey(Collection<String> permissions) {
        return new Capabilities(
                false,
                any(permissions, "budgets:read", "admin:read", "admin:budgets:read"),
                any(permissions, "events:read", "admin:read", "admin:events:read"),
                any(permissions, "webhooks:read", "admin:read", "admin:webhooks:read"),
                false,
                false,
                false,
                any(permissions, "policies:read", "admin:read", "admin:policies:read"),
                any(permissions, "reservations:list", "reservations:create", "reservations:commit",
                        "reservations:release", "reservations:extend", "admin:read"),
                any(permissions, "budgets:write", "admin:write", "admin:budgets:write"),
                any(permissions, "policies:write", "admin:write", "admin:policies:write"),
                any(permissions, "webhooks:write", "admin:write", "admin:webhooks:write"),
                false,
                false,
                any(permissions, "reservations:create", "reservations:commit", "reservations:release",
                        "reservations:extend", "admin:write"));
    }

    private static boolean any(Collection<String> held, String... wanted) {
        return List.of(wanted).stream().anyMatch(held::contains);
    }
}
