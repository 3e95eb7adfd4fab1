package dev.cycles.admin.console.common.domain;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyListResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Policy listing and the one-line caps summary, shared by the policies screen and the tenant detail. */
public final class PolicyQueries {
    private PolicyQueries() {
    }

    /** Every policy of one tenant, all pages. Blocking. */
    public static List<PolicyRow> policiesOf(AdminApi c, String tenantId) {
        List<PolicyRow> rows = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("tenant_id", tenantId);
            q.put("limit", "100");
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            PolicyListResponse r = c.listPolicies(q);
            r.policies().forEach(p -> rows.add(new PolicyRow(tenantId, p)));
            cursor = r.hasMore() ? r.nextCursor() : null;
        } while (cursor != null);
        return rows;
    }

    public static String capsSummary(Policy p) {
        List<String> parts = new ArrayList<>();
        if (p.caps() != null) {
            if (p.caps().maxTokens() != null) {
                parts.add("max " + String.format(Locale.US, "%,d", p.caps().maxTokens()) + " tokens");
            }
            if (p.caps().maxStepsRemaining() != null) {
                parts.add(p.caps().maxStepsRemaining() + " steps");
            }
            if (p.caps().cooldownMs() != null) {
                parts.add(String.format(Locale.US, "%,d ms cooldown", p.caps().cooldownMs()));
            }
            if (p.caps().toolAllowlist() != null && !p.caps().toolAllowlist().isEmpty()) {
                parts.add("allow " + String.join(",", p.caps().toolAllowlist()));
            }
            if (p.caps().toolDenylist() != null && !p.caps().toolDenylist().isEmpty()) {
                parts.add("deny " + String.join(",", p.caps().toolDenylist()));
            }
        }
        if (p.rateLimits() != null) {
            if (p.rateLimits().maxReservationsPerMinute() != null) {
                parts.add(p.rateLimits().maxReservationsPerMinute() + " reservations/min");
            }
            if (p.rateLimits().maxCommitsPerMinute() != null) {
                parts.add(p.rateLimits().maxCommitsPerMinute() + " commits/min");
            }
        }
        return parts.isEmpty() ? "-" : String.join(" · ", parts);
    }
}
