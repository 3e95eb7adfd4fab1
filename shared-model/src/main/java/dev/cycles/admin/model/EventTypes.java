package dev.cycles.admin.model;

import java.util.List;
import java.util.Set;

/**
 * The spec's 51 event types in 7 categories, and the boundary of what a tenant may see or
 * subscribe to: budget.*, reservation.* and tenant.* (29 types). The other 22 are admin-only.
 */
public final class EventTypes {
    public static final List<String> CATEGORIES = List.of("budget", "tenant", "api_key", "policy", "reservation", "system", "webhook");
    public static final Set<String> TENANT_CATEGORIES = Set.of("budget", "reservation", "tenant");

    public static final List<String> ALL = List.of(
            "budget.created", "budget.updated", "budget.funded", "budget.debited", "budget.reset", "budget.reset_spent",
            "budget.debt_repaid", "budget.frozen", "budget.unfrozen", "budget.closed", "budget.closed_via_tenant_cascade",
            "budget.threshold_crossed", "budget.exhausted", "budget.over_limit_entered", "budget.over_limit_exited",
            "budget.debt_incurred", "budget.burn_rate_anomaly",
            "reservation.denied", "reservation.denial_rate_spike", "reservation.expired", "reservation.expiry_rate_spike",
            "reservation.commit_overage", "reservation.released_via_tenant_cascade",
            "tenant.created", "tenant.updated", "tenant.suspended", "tenant.reactivated", "tenant.closed",
            "tenant.settings_changed",
            "webhook.created", "webhook.updated", "webhook.paused", "webhook.resumed", "webhook.disabled", "webhook.deleted",
            "webhook.disabled_via_tenant_cascade",
            "api_key.created", "api_key.revoked", "api_key.revoked_via_tenant_cascade", "api_key.expired",
            "api_key.permissions_changed", "api_key.auth_failed", "api_key.auth_failure_rate_spike",
            "policy.created", "policy.updated", "policy.deleted",
            "system.store_connection_lost", "system.store_connection_restored", "system.high_latency",
            "system.webhook_delivery_failed", "system.webhook_test");
    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private EventTypes() {
    }

    public static boolean isKnown(String type) {
        return type != null && KNOWN.contains(type);
    }

    public static boolean isCategory(String category) {
        return category != null && CATEGORIES.contains(category);
    }

    /** The category a type belongs to: the part before the dot. */
    public static String categoryOf(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    public static boolean isTenantAccessible(String type) {
        return type != null && TENANT_CATEGORIES.contains(categoryOf(type));
    }
}
