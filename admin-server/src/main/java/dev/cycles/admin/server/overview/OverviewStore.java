package dev.cycles.admin.server.overview;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.AdminOverviewResponse.BudgetCounts;
import dev.cycles.admin.model.AdminOverviewResponse.DebtScope;
import dev.cycles.admin.model.AdminOverviewResponse.OverLimitScope;
import dev.cycles.admin.model.AdminOverviewResponse.TenantCounts;
import dev.cycles.admin.model.AdminOverviewResponse.FailingWebhook;
import dev.cycles.admin.model.AdminOverviewResponse.WebhookCounts;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate queries behind the overview: counts and top-10 lists, straight from the tables.
 * Conditional counts are COUNT(CASE WHEN ...): PostgreSQL cannot sum a comparison as SQLite does.
 */
public final class OverviewStore {
    static final int TOP = 10;
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };

    TenantCounts tenantCounts(Connection c) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*), COUNT(CASE WHEN status = 'ACTIVE' THEN 1 END), COUNT(CASE WHEN status = 'SUSPENDED' THEN 1 END),"
                + " COUNT(CASE WHEN status = 'CLOSED' THEN 1 END) FROM tenants", rs -> new TenantCounts(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4)));
    }

    /** Over-limit and debt counts cover open ledgers only: a CLOSED ledger is history, nobody can act on it. */
    BudgetCounts budgetCounts(Connection c) throws SQLException {
        Map<String, Long> byUnit = new LinkedHashMap<>();
        Sql.query(c, "SELECT unit, COUNT(*) FROM budgets GROUP BY unit ORDER BY unit", List.of(),
                rs -> byUnit.put(rs.getString(1), rs.getLong(2)));
        return Sql.one(c, "SELECT COUNT(*), COUNT(CASE WHEN status = 'ACTIVE' THEN 1 END), COUNT(CASE WHEN status = 'FROZEN' THEN 1 END),"
                        + " COUNT(CASE WHEN status = 'CLOSED' THEN 1 END),"
                        + " COUNT(CASE WHEN status <> 'CLOSED' AND is_over_limit = 1 THEN 1 END),"
                        + " COUNT(CASE WHEN status <> 'CLOSED' AND debt > 0 THEN 1 END) FROM budgets",
                rs -> new BudgetCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), byUnit));
    }

    /** The ten open over-limit ledgers with the most debt. */
    List<OverLimitScope> overLimitScopes(Connection c) throws SQLException {
        return Sql.query(c, "SELECT scope, unit, allocated, allocated - spent - reserved - debt, debt FROM budgets"
                        + " WHERE is_over_limit = 1 AND status <> 'CLOSED' ORDER BY debt DESC, scope, unit LIMIT " + TOP, List.of(),
                rs -> new OverLimitScope(rs.getString(1), UnitEnum.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }

    /** The ten open ledgers with the most debt. */
    List<DebtScope> debtScopes(Connection c) throws SQLException {
        return Sql.query(c, "SELECT scope, unit, debt, overdraft_limit FROM budgets WHERE debt > 0 AND status <> 'CLOSED'"
                        + " ORDER BY debt DESC, scope, unit LIMIT " + TOP, List.of(),
                rs -> new DebtScope(rs.getString(1), UnitEnum.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4)));
    }

    /** Subscriptions: all, ACTIVE, DISABLED, and those with consecutive failures. */
    WebhookCounts webhookCounts(Connection c) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*), COUNT(CASE WHEN status = 'ACTIVE' THEN 1 END), COUNT(CASE WHEN status = 'DISABLED' THEN 1 END),"
                + " COUNT(CASE WHEN consecutive_failures > 0 THEN 1 END) FROM webhook_subscriptions",
                rs -> new WebhookCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    /** The ten subscriptions with the most consecutive failures. */
    List<FailingWebhook> failingWebhooks(Connection c) throws SQLException {
        return Sql.query(c, "SELECT subscription_id, url, consecutive_failures, last_failure_at FROM webhook_subscriptions"
                        + " WHERE consecutive_failures > 0 ORDER BY consecutive_failures DESC, subscription_id LIMIT " + TOP, List.of(),
                rs -> new FailingWebhook(rs.getString(1), rs.getString(2), rs.getLong(3), Sql.instant(rs, "last_failure_at")));
    }

    /** Events since {@code since}, per category. */
    Map<String, Long> eventsByCategory(Connection c, Instant since) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        Sql.query(c, "SELECT category, COUNT(*) FROM events WHERE timestamp >= ? GROUP BY category ORDER BY category",
                List.of(since.toEpochMilli()), rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** The ten most recent events of one type, in the Event wire shape. */
    List<Map<String, Object>> recentEvents(Connection c, String eventType) throws SQLException {
        return Sql.query(c, "SELECT * FROM events WHERE event_type = ? ORDER BY timestamp DESC, seq DESC LIMIT " + TOP,
                List.of(eventType), rs -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("event_id", rs.getString("event_id"));
                    e.put("event_type", rs.getString("event_type"));
                    e.put("category", rs.getString("category"));
                    e.put("timestamp", Instant.ofEpochMilli(rs.getLong("timestamp")).toString());
                    e.put("tenant_id", rs.getString("tenant_id"));
                    putIfPresent(e, "scope", rs.getString("scope"));
                    putIfPresent(e, "actor", Sql.fromJson(rs.getString("actor"), OBJECT_MAP));
                    e.put("source", rs.getString("source"));
                    putIfPresent(e, "data", Sql.fromJson(rs.getString("data"), OBJECT_MAP));
                    putIfPresent(e, "correlation_id", rs.getString("correlation_id"));
                    putIfPresent(e, "request_id", rs.getString("request_id"));
                    putIfPresent(e, "trace_id", rs.getString("trace_id"));
                    return e;
                });
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
