package dev.cycles.admin.server.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyStatus;
import dev.cycles.admin.model.RateLimits;
import dev.cycles.admin.model.ReservationTtlOverride;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.SortKey;
import dev.cycles.admin.server.db.Sorts;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.db.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SQL for policies. */
public final class PolicyStore {
    /** Lists come oldest first (the spec defines no sort for policies). */
    public static final Sorts SORTS = new Sorts(Map.of("created_at", SortKey.number("created_at", "created_at")), "created_at", false);

    /** What a row returns in bytes of stored text, for pages bounded in size. */
    static final String STORED_BYTES = "COALESCE(LENGTH(caps), 0) + COALESCE(LENGTH(description), 0) + COALESCE(LENGTH(name), 0)"
            + " + COALESCE(LENGTH(reservation_ttl_override), 0) + COALESCE(LENGTH(rate_limits), 0)";

    /** A stored policy and the tenant that owns it (the wire Policy has no tenant_id). */
    record Owned(String tenantId, Policy policy) {
    }

    Owned find(Connection c, String policyId) throws SQLException {
        return Sql.one(c, "SELECT * FROM policies WHERE policy_id = ?", PolicyStore::map, policyId);
    }

    boolean nameTaken(Connection c, String tenantId, String name, String exceptPolicyId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM policies WHERE tenant_id = ? AND name = ? AND policy_id <> ?",
                tenantId, name, exceptPolicyId == null ? "" : exceptPolicyId) > 0;
    }

    void insert(Connection c, String tenantId, Policy p) throws SQLException {
        Sql.update(c, "INSERT INTO policies(policy_id, tenant_id, name, description, scope_pattern, priority, caps,"
                        + " commit_overage_policy, reservation_ttl_override, rate_limits, status, effective_from,"
                        + " effective_until, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                p.policyId(), tenantId, p.name(), p.description(), p.scopePattern(), p.priority(), Sql.toJson(p.caps()),
                p.commitOveragePolicy(), Sql.toJson(p.reservationTtlOverride()), Sql.toJson(p.rateLimits()), p.status(),
                p.effectiveFrom(), p.effectiveUntil(), p.createdAt(), p.updatedAt());
    }

    void update(Connection c, Policy p) throws SQLException {
        Sql.update(c, "UPDATE policies SET name=?, description=?, priority=?, caps=?, commit_overage_policy=?,"
                        + " reservation_ttl_override=?, rate_limits=?, status=?, effective_from=?, effective_until=?, updated_at=?"
                        + " WHERE policy_id=?",
                p.name(), p.description(), p.priority(), Sql.toJson(p.caps()), p.commitOveragePolicy(),
                Sql.toJson(p.reservationTtlOverride()), Sql.toJson(p.rateLimits()), p.status(), p.effectiveFrom(),
                p.effectiveUntil(), p.updatedAt(), p.policyId());
    }

    Page<Policy> list(Connection c, PolicyFilter f, PageRequest page) throws SQLException {
        Where w = new Where()
                .andIf(f.tenantId(), "tenant_id = ?")
                .andIf(f.scopePattern(), "scope_pattern = ?")
                .andIf(f.status(), "status = ?");
        return page.fetchBounded(c, "*", "policies", w, "policy_id", STORED_BYTES, rs -> map(rs).policy(),
                p -> p.createdAt().toEpochMilli(), Policy::policyId);
    }

    /** The tenant's ACTIVE policies (the runtime picks the one in force that matches best). */
    public List<Policy> active(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT * FROM policies WHERE tenant_id = ? AND status = 'ACTIVE'", List.of(tenantId),
                rs -> map(rs).policy());
    }

    static Owned map(ResultSet rs) throws SQLException {
        Policy p = new Policy(
                rs.getString("policy_id"), rs.getString("name"), rs.getString("description"),
                rs.getString("scope_pattern"), rs.getInt("priority"),
                Sql.fromJsonOrNull(rs.getString("caps"), new TypeReference<Caps>() {
                }),
                Sql.enumValue(rs, "commit_overage_policy", CommitOveragePolicy.class),
                Sql.fromJsonOrNull(rs.getString("reservation_ttl_override"), new TypeReference<ReservationTtlOverride>() {
                }),
                Sql.fromJsonOrNull(rs.getString("rate_limits"), new TypeReference<RateLimits>() {
                }),
                Sql.enumValue(rs, "status", PolicyStatus.class),
                Sql.instant(rs, "effective_from"), Sql.instant(rs, "effective_until"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
        return new Owned(rs.getString("tenant_id"), p);
    }
}
