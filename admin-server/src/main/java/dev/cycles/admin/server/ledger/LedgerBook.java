package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.CommitOveragePolicy;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** SQL for the ledgers the runtime holds and charges (rows of the admin plane's budgets table). */
public final class LedgerBook {
    private static final String COLUMNS = "ledger_id, tenant_id, scope, unit, allocated, spent, reserved, debt,"
            + " overdraft_limit, is_over_limit, status, commit_overage_policy";

    /** The tenant's ledgers in {@code unit} at {@code scopes}, in the order of {@code scopes} (top-down). */
    public List<Holding> at(Connection c, String tenantId, UnitEnum unit, List<String> scopes) throws SQLException {
        List<Object> params = new ArrayList<>(scopes.size() + 2);
        params.add(tenantId);
        params.add(unit);
        params.addAll(scopes);
        List<Holding> found = Sql.query(c, "SELECT " + COLUMNS + " FROM budgets WHERE tenant_id = ? AND unit = ? AND scope IN ("
                + placeholders(scopes.size()) + ")", params, LedgerBook::map);
        found.sort(Comparator.comparingInt(h -> scopes.indexOf(h.scope())));
        return found;
    }

    /** The units each of {@code scopes} has a ledger in, for scopes that have any (for UNIT_MISMATCH). */
    public Map<String, TreeSet<String>> unitsAt(Connection c, String tenantId, List<String> scopes) throws SQLException {
        List<Object> params = new ArrayList<>(scopes.size() + 1);
        params.add(tenantId);
        params.addAll(scopes);
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (String s : scopes) {
            out.put(s, new TreeSet<>());
        }
        Sql.query(c, "SELECT scope, unit FROM budgets WHERE tenant_id = ? AND scope IN (" + placeholders(scopes.size()) + ")",
                params, rs -> out.get(rs.getString(1)).add(rs.getString(2)));
        out.values().removeIf(TreeSet::isEmpty);
        return out;
    }

    /** The ledgers with these ids, in the order given (a reservation's frozen list). */
    public List<Holding> byIds(Connection c, List<String> ledgerIds) throws SQLException {
        if (ledgerIds.isEmpty()) {
            return Collections.emptyList();
        }
        List<Holding> found = Sql.query(c, "SELECT " + COLUMNS + " FROM budgets WHERE ledger_id IN ("
                + placeholders(ledgerIds.size()) + ")", new ArrayList<>(ledgerIds), LedgerBook::map);
        found.sort(Comparator.comparingInt(h -> ledgerIds.indexOf(h.ledgerId())));
        return found;
    }

    /** GET /v1/balances has one order: by scope, then unit ((scope, unit) names one ledger, so the pair is the cursor). */
    public static final Sorts BALANCE_ORDER = new Sorts(Map.of("scope", SortKey.text("scope", "scope")), "scope", false);

    /**
     * One page of the tenant's ledgers, every unit and status, whose scope holds each
     * {@code kind:value} of {@code segments} as a whole segment, within the key's scope_filter.
     */
    public Page<Holding> balances(Connection c, String tenantId, Map<String, String> segments, List<String> scopeFilter,
                                  PageRequest page) throws SQLException {
        Where w = new Where().and("tenant_id = ?", tenantId);
        segments.forEach((kind, value) -> ScopeSql.segment(w, "scope", kind, value));
        ScopeSql.allowedBy(w, "scope", scopeFilter);
        return page.fetch(c, COLUMNS, "budgets", w, "unit", LedgerBook::map, Holding::scope, h -> h.unit().name());
    }

    /** Writes the balance figures of {@code h}. Negative figures are a rule bug: the command fails rather than corrupt a ledger. */
    public void save(Connection c, Holding h, long atMillis) throws SQLException {
        if (h.reserved() < 0 || h.spent() < 0 || h.debt() < 0) {
            throw new IllegalStateException("ledger " + h.ledgerId() + " would hold negative figures");
        }
        int n = Sql.update(c, "UPDATE budgets SET spent = ?, reserved = ?, debt = ?, is_over_limit = ?, updated_at = ? WHERE ledger_id = ?",
                h.spent(), h.reserved(), h.debt(), h.overLimit(), atMillis, h.ledgerId());
        if (n != 1) {
            throw new IllegalStateException("ledger " + h.ledgerId() + " vanished during an update");
        }
    }

    static Holding map(ResultSet rs) throws SQLException {
        String policy = rs.getString("commit_overage_policy");
        return new Holding(rs.getString("ledger_id"), rs.getString("tenant_id"), rs.getString("scope"),
                UnitEnum.valueOf(rs.getString("unit")), rs.getLong("allocated"), rs.getLong("spent"), rs.getLong("reserved"),
                rs.getLong("debt"), rs.getLong("overdraft_limit"), rs.getBoolean("is_over_limit"),
                BudgetStatus.valueOf(rs.getString("status")), policy == null ? null : CommitOveragePolicy.valueOf(policy));
    }

    static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
