package dev.cycles.admin.server.budget;

import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.RolloverPolicy;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.ScopeSql;
import dev.cycles.admin.server.db.SortKey;
import dev.cycles.admin.server.db.Sorts;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.db.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SQL for budget ledgers and fund idempotency records. */
public final class BudgetStore {
    static final String UTILIZATION = "(CASE WHEN allocated = 0 THEN 0.0 ELSE spent * 1.0 / allocated END)";
    public static final Sorts SORTS = new Sorts(Map.of(
            "tenant_id", SortKey.text("tenant_id", "tenant_id"),
            "scope", SortKey.text("scope", "scope"),
            "unit", SortKey.text("unit", "unit"),
            "status", SortKey.text("status", "status"),
            "commit_overage_policy", SortKey.text("commit_overage_policy", "COALESCE(commit_overage_policy, '')"),
            "utilization", SortKey.number("utilization", UTILIZATION),
            "debt", SortKey.number("debt", "debt")), "utilization", true);


    /** A remembered fund response for an idempotency key. */
    record Replay(String payloadDigest, String response, long createdAt) {
    }

    /**
     * Every column but metadata. Metadata is never returned (BudgetLedger has no such field), so no
     * read loads it: a row stored before the size caps, however big or unreadable, costs nothing.
     */
    static final String COLUMNS = "ledger_id, tenant_id, scope, unit, allocated, spent, reserved, debt, overdraft_limit,"
            + " is_over_limit, commit_overage_policy, status, rollover_policy, period_start, period_end, created_at,"
            + " updated_at, closed_at";

    Ledger find(Connection c, String scope, UnitEnum unit) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM budgets WHERE scope = ? AND unit = ?", BudgetStore::map, scope, unit);
    }

    /** The stored metadata as JSON text, unparsed. */
    String metadataJson(Connection c, String ledgerId) throws SQLException {
        return Sql.one(c, "SELECT metadata FROM budgets WHERE ledger_id = ?", rs -> rs.getString(1), ledgerId);
    }

    void updateMetadata(Connection c, String ledgerId, String json) throws SQLException {
        Sql.update(c, "UPDATE budgets SET metadata = ? WHERE ledger_id = ?", json, ledgerId);
    }

    void insert(Connection c, Ledger l, Map<String, Object> metadata) throws SQLException {
        Sql.update(c, "INSERT INTO budgets(ledger_id, tenant_id, scope, unit, allocated, spent, reserved, debt, overdraft_limit,"
                        + " is_over_limit, commit_overage_policy, status, rollover_policy, period_start, period_end, metadata,"
                        + " created_at, updated_at, closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                l.ledgerId(), l.tenantId(), l.scope(), l.unit(), l.allocated(), l.spent(), l.reserved(), l.debt(),
                l.overdraftLimit(), l.overLimit(), l.commitOveragePolicy(), l.status(), l.rolloverPolicy(),
                l.periodStart(), l.periodEnd(), Sql.toJson(metadata), l.createdAt(), l.updatedAt(), l.closedAt());
    }

    void update(Connection c, Ledger l) throws SQLException {
        Sql.update(c, "UPDATE budgets SET allocated=?, spent=?, reserved=?, debt=?, overdraft_limit=?, is_over_limit=?,"
                        + " commit_overage_policy=?, status=?, updated_at=?, closed_at=? WHERE ledger_id=?",
                l.allocated(), l.spent(), l.reserved(), l.debt(), l.overdraftLimit(), l.overLimit(),
                l.commitOveragePolicy(), l.status(), l.updatedAt(), l.closedAt(), l.ledgerId());
    }

    List<Ledger> openForTenant(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM budgets WHERE tenant_id = ? AND status <> 'CLOSED'", List.of(tenantId), BudgetStore::map);
    }

    /**
     * The rows a filter selects: the ONE definition that GET /v1/admin/budgets (and /v1/balances)
     * page through and the bulk action counts and changes, so what a list shows for a filter is
     * exactly what a bulk action touches.
     */
    static Where where(BudgetFilter f) {
        Where w = new Where()
                .andIf(f.tenantId(), "tenant_id = ?")
                .andIf(f.unit(), "unit = ?")
                .andIf(f.status(), "status = ?")
                .andIf(f.utilizationMin(), UTILIZATION + " >= ?")
                .andIf(f.utilizationMax(), UTILIZATION + " <= ?")
                .search(f.search(), "tenant_id", "scope");
        if (f.scopePrefix() != null) {
            w.and("(scope = ? OR scope LIKE ? ESCAPE '\\')", f.scopePrefix(), ScopeSql.likeEscape(f.scopePrefix()) + "/%");
        }
        if (f.overLimit() != null) {
            w.and("is_over_limit = ?", f.overLimit());
        }
        if (f.hasDebt() != null) {
            w.and(f.hasDebt() ? "debt > 0" : "debt = 0");
        }
        if (f.excludeClosed()) {
            w.and("status <> 'CLOSED'");
        }
        return ScopeSql.allowedBy(w, "scope", f.scopeFilter());
    }

    long count(Connection c, BudgetFilter f) throws SQLException {
        Where w = where(f);
        return Sql.count(c, "SELECT COUNT(*) FROM budgets" + w.sql(), w.params().toArray());
    }

    /** The first {@code max} ledgers the filter selects, in scope order. */
    List<Ledger> matching(Connection c, BudgetFilter f, int max) throws SQLException {
        Where w = where(f);
        return Sql.query(c, "SELECT " + COLUMNS + " FROM budgets" + w.sql() + " ORDER BY scope, unit LIMIT " + max, w.params(),
                BudgetStore::map);
    }

    Page<Ledger> list(Connection c, BudgetFilter f, PageRequest page) throws SQLException {
        Where w = where(f);
        return page.fetch(c, COLUMNS, "budgets", w, "ledger_id", BudgetStore::map, l -> switch (page.sort().name()) {
            case "tenant_id" -> l.tenantId();
            case "scope" -> l.scope();
            case "unit" -> l.unit().name();
            case "status" -> l.status().name();
            case "commit_overage_policy" -> l.commitOveragePolicy() == null ? "" : l.commitOveragePolicy().name();
            case "debt" -> l.debt();
            default -> l.utilization();
        }, Ledger::ledgerId);
    }

    Replay findReplay(Connection c, String tenantId, String key) throws SQLException {
        return Sql.one(c, "SELECT payload_digest, response, created_at FROM fund_idempotency WHERE tenant_id = ? AND idempotency_key = ?",
                rs -> new Replay(rs.getString(1), rs.getString(2), rs.getLong(3)), tenantId, key);
    }

    void saveReplay(Connection c, String tenantId, String key, String digest, String response, long at) throws SQLException {
        Sql.update(c, "INSERT INTO fund_idempotency(tenant_id, idempotency_key, payload_digest, response, created_at) VALUES (?,?,?,?,?)"
                        + " ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET payload_digest = excluded.payload_digest,"
                        + " response = excluded.response, created_at = excluded.created_at",
                tenantId, key, digest, response, at);
    }

    static Ledger map(ResultSet rs) throws SQLException {
        return new Ledger(
                rs.getString("ledger_id"), rs.getString("tenant_id"), rs.getString("scope"),
                Sql.enumValue(rs, "unit", UnitEnum.class),
                rs.getLong("allocated"), rs.getLong("spent"), rs.getLong("reserved"), rs.getLong("debt"),
                rs.getLong("overdraft_limit"), rs.getInt("is_over_limit") != 0,
                Sql.enumValue(rs, "commit_overage_policy", CommitOveragePolicy.class),
                Sql.enumValue(rs, "status", BudgetStatus.class),
                Sql.enumValue(rs, "rollover_policy", RolloverPolicy.class),
                Sql.instant(rs, "period_start"), Sql.instant(rs, "period_end"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "closed_at"));
    }
}
