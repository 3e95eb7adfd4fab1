package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.server.core.AdminWrites;
import dev.cycles.admin.server.policy.PolicyStore;
import dev.cycles.admin.server.tenant.TenantStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's row and its ACTIVE policies, as every reserve and decide reads them. Both change only
 * through admin-plane writes, so they are remembered per tenant and reused while
 * {@link AdminWrites} says no admin write began since they were read (the same rule the tenant-key
 * verdicts follow). Policies' time windows are applied by the caller at its own time.
 */
public final class TenantRules {
    /** At most this many tenants remembered; past it the memory starts over (a bound, not an eviction policy). */
    private static final int LIMIT = 10_000;

    /** What the runtime reads about a tenant: its row (null if unknown) and its ACTIVE policies. */
    public record Rules(Tenant tenant, List<Policy> activePolicies) {
    }

    private record Remembered(Rules rules, long tag) {
    }

    private final TenantStore tenants;
    private final PolicyStore policies;
    private final AdminWrites writes;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public TenantRules(TenantStore tenants, PolicyStore policies, AdminWrites writes) {
        this.tenants = tenants;
        this.policies = policies;
        this.writes = writes;
    }

    public Rules of(Connection c, String tenantId) throws SQLException {
        Remembered hit = remembered.get(tenantId);
        if (hit != null && writes.current(hit.tag())) {
            return hit.rules();
        }
        long tag = writes.tag();
        Rules read = new Rules(tenants.find(c, tenantId), List.copyOf(policies.active(c, tenantId)));
        if (remembered.size() >= LIMIT) {
            remembered.clear();
        }
        remembered.put(tenantId, new Remembered(read, tag));
        return read;
    }
}
