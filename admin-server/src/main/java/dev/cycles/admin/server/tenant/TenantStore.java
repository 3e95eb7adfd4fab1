package dev.cycles.admin.server.tenant;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.ReservationExpiryPolicy;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
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
import java.util.Collections;
import java.util.Map;

/** SQL for the tenants table. */
public final class TenantStore {
    public static final Sorts SORTS = new Sorts(Map.of(
            "tenant_id", SortKey.text("tenant_id", "tenant_id"),
            "name", SortKey.text("name", "name"),
            "status", SortKey.text("status", "status"),
            "created_at", SortKey.number("created_at", "created_at")), "created_at", true);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };


    public Tenant find(Connection c, String tenantId) throws SQLException {
        return Sql.one(c, "SELECT * FROM tenants WHERE tenant_id = ?", TenantStore::map, tenantId);
    }

    /** The tenant's status alone, or null when there is no such tenant: no row mapping, no metadata parse. */
    public TenantStatus status(Connection c, String tenantId) throws SQLException {
        return Sql.one(c, "SELECT status FROM tenants WHERE tenant_id = ?",
                rs -> Sql.enumValue(rs, "status", TenantStatus.class), tenantId);
    }

    public void insert(Connection c, Tenant t) throws SQLException {
        Sql.update(c, "INSERT INTO tenants(tenant_id, name, status, parent_tenant_id, default_commit_overage_policy,"
                        + " default_reservation_ttl_ms, max_reservation_ttl_ms, max_reservation_extensions,"
                        + " reservation_expiry_policy, metadata, created_at, updated_at, suspended_at, closed_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                t.tenantId(), t.name(), t.status(), t.parentTenantId(), t.defaultCommitOveragePolicy(),
                t.defaultReservationTtlMs(), t.maxReservationTtlMs(), t.maxReservationExtensions(),
                t.reservationExpiryPolicy(), Sql.toJson(t.metadata()), t.createdAt(), t.updatedAt(),
                t.suspendedAt(), t.closedAt());
    }

    public void update(Connection c, Tenant t) throws SQLException {
        Sql.update(c, "UPDATE tenants SET name=?, status=?, default_commit_overage_policy=?, default_reservation_ttl_ms=?,"
                        + " max_reservation_ttl_ms=?, max_reservation_extensions=?, metadata=?, updated_at=?,"
                        + " suspended_at=?, closed_at=? WHERE tenant_id=?",
                t.name(), t.status(), t.defaultCommitOveragePolicy(), t.defaultReservationTtlMs(),
                t.maxReservationTtlMs(), t.maxReservationExtensions(), Sql.toJson(t.metadata()), t.updatedAt(),
                t.suspendedAt(), t.closedAt(), t.tenantId());
    }

    /**
     * The rows a filter selects: the ONE definition that GET /v1/admin/tenants pages through and
     * the bulk action counts and changes, so what a list shows for a filter is what a bulk touches.
     */
    static Where where(TenantFilter f) {
        return new Where()
                .andIf(f.status(), "status = ?")
                .andIf(f.parentTenantId(), "parent_tenant_id = ?")
                .search(f.search(), "tenant_id", "name");
    }

    public long count(Connection c, TenantFilter f) throws SQLException {
        Where w = where(f);
        return Sql.count(c, "SELECT COUNT(*) FROM tenants" + w.sql(), w.params().toArray());
    }

    /** The ids of the first {@code max} tenants the filter selects, in tenant_id order. */
    public List<String> matchingIds(Connection c, TenantFilter f, int max) throws SQLException {
        Where w = where(f);
        return Sql.query(c, "SELECT tenant_id FROM tenants" + w.sql() + " ORDER BY tenant_id LIMIT " + max, w.params(),
                rs -> rs.getString(1));
    }

    public Page<Tenant> list(Connection c, TenantFilter f, PageRequest page) throws SQLException {
        Where w = where(f);
        return page.fetchBounded(c, "*", "tenants", w, "tenant_id",
                "COALESCE(LENGTH(metadata), 0) + LENGTH(name)", TenantStore::map,
                t -> sortValue(page.sort().name(), t), Tenant::tenantId);
    }

    private static Object sortValue(String sort, Tenant t) {
        return switch (sort) {
            case "name" -> t.name();
            case "status" -> t.status().name();
            case "created_at" -> t.createdAt().toEpochMilli();
            default -> t.tenantId();
        };
    }

    static Tenant map(ResultSet rs) throws SQLException {
        return new Tenant(
                rs.getString("tenant_id"),
                rs.getString("name"),
                Sql.enumValue(rs, "status", TenantStatus.class),
                rs.getString("parent_tenant_id"),
                Sql.enumValue(rs, "default_commit_overage_policy", CommitOveragePolicy.class),
                rs.getLong("default_reservation_ttl_ms"),
                rs.getLong("max_reservation_ttl_ms"),
                rs.getLong("max_reservation_extensions"),
                Sql.enumValue(rs, "reservation_expiry_policy", ReservationExpiryPolicy.class),
                readOnly(Sql.fromJsonOrNull(rs.getString("metadata"), STRING_MAP)),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "suspended_at"),
                Sql.instant(rs, "closed_at"));
    }

    /** Tenants read here may be served from TenantService's cache to many callers at once. */
    private static Map<String, String> readOnly(Map<String, String> metadata) {
        return metadata == null ? null : Collections.unmodifiableMap(metadata);
    }
}
