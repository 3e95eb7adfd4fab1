package dev.cycles.admin.console.common.domain;

import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.Policy;

import java.util.Map;

/**
 * Where an entity's "Activity" and "Events" lead: the audit query and the event query of one
 * tenant, budget, key or policy. The entity's own screen and every list that shows it (the tenant
 * detail's tabs) use the same queries, so the links agree.
 */
public final class ActivityLinks {
    private ActivityLinks() {
    }

    public static void tenant(Nav nav, String tenantId) {
        nav.activity("Activity of tenant " + tenantId, Map.of("tenant_id", tenantId));
    }

    public static void budget(Nav nav, BudgetLedger b) {
        nav.activity("Activity of budget " + b.scope(), Map.of("resource_type", "budget", "resource_id", b.scope()));
    }

    public static void key(Nav nav, ApiKey k) {
        nav.activity("Activity of API key " + k.keyId(), Map.of("resource_type", "api_key", "resource_id", k.keyId()));
    }

    public static void policy(Nav nav, Policy p) {
        nav.activity("Activity of policy " + p.name(), Map.of("resource_type", "policy", "resource_id", p.policyId()));
    }

    /** The event browser's query for a tenant's events. */
    public static Map<String, String> tenantEvents(String tenantId) {
        return Map.of("tenant_id", tenantId);
    }

    /** The event browser's query for one budget's events (its tenant and scope). */
    public static Map<String, String> budgetEvents(BudgetLedger b) {
        return b.tenantId() == null ? Map.of("scope", b.scope()) : Map.of("tenant_id", b.tenantId(), "scope", b.scope());
    }
}
