package dev.cycles.admin.server.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookThresholdConfig;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.SortKey;
import dev.cycles.admin.server.db.Sorts;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.db.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for webhook subscriptions and the security config. */
public final class WebhookStore {
    /** The admin list's keys (digest 2.8); default: most consecutive failures first. */
    public static final Sorts SORTS = new Sorts(Map.of(
            "url", SortKey.text("url", "url"),
            "tenant_id", SortKey.text("tenant_id", "tenant_id"),
            "status", SortKey.text("status", "status"),
            "consecutive_failures", SortKey.number("consecutive_failures", "consecutive_failures"),
            "created_at", SortKey.number("created_at", "created_at")), "consecutive_failures", true);
    /** The tenant plane's list has no sort parameter: oldest first. */
    public static final Sorts TENANT_SORTS = SORTS.withDefault("created_at", false);

    static final String MASK = "********";
    static final String STORED_BYTES = "COALESCE(LENGTH(name), 0) + COALESCE(LENGTH(description), 0) + LENGTH(url)"
            + " + LENGTH(event_types) + LENGTH(event_categories) + COALESCE(LENGTH(scope_filter), 0)"
            + " + COALESCE(LENGTH(thresholds), 0) + COALESCE(LENGTH(header_names), 0) + COALESCE(LENGTH(metadata), 0)";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** A stored subscription: the wire view (headers masked) and the sealed secret and header values. */
    record Stored(WebhookSubscription sub, String secretSealed, String headersSealed) {
    }

    Stored find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT * FROM webhook_subscriptions WHERE subscription_id = ?", WebhookStore::map, id);
    }

    void insert(Connection c, Stored s) throws SQLException {
        WebhookSubscription w = s.sub();
        Sql.update(c, "INSERT INTO webhook_subscriptions(subscription_id, tenant_id, name, description, url, event_types,"
                        + " event_categories, scope_filter, thresholds, secret_sealed, header_names, headers_sealed, status,"
                        + " retry_policy, disable_after_failures, consecutive_failures, created_at, updated_at, metadata)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                w.subscriptionId(), w.tenantId(), w.name(), w.description(), w.url(), Sql.toJson(w.eventTypes()),
                Sql.toJson(w.eventCategories()), w.scopeFilter(), Sql.toJson(w.thresholds()), s.secretSealed(),
                w.headers() == null ? null : Sql.toJson(List.copyOf(w.headers().keySet())), s.headersSealed(), w.status(),
                Sql.toJson(w.retryPolicy()), w.disableAfterFailures(), w.consecutiveFailures(), w.createdAt(), w.updatedAt(),
                Sql.toJson(w.metadata()));
    }

    void update(Connection c, Stored s) throws SQLException {
        WebhookSubscription w = s.sub();
        Sql.update(c, "UPDATE webhook_subscriptions SET name=?, description=?, url=?, event_types=?, event_categories=?,"
                        + " scope_filter=?, thresholds=?, secret_sealed=?, header_names=?, headers_sealed=?, status=?, retry_policy=?,"
                        + " disable_after_failures=?, consecutive_failures=?, updated_at=?, metadata=? WHERE subscription_id=?",
                w.name(), w.description(), w.url(), Sql.toJson(w.eventTypes()), Sql.toJson(w.eventCategories()),
                w.scopeFilter(), Sql.toJson(w.thresholds()), s.secretSealed(),
                w.headers() == null ? null : Sql.toJson(List.copyOf(w.headers().keySet())), s.headersSealed(), w.status(),
                Sql.toJson(w.retryPolicy()), w.disableAfterFailures(), w.consecutiveFailures(), w.updatedAt(),
                Sql.toJson(w.metadata()), w.subscriptionId());
    }

    void setStatus(Connection c, String id, WebhookStatus status, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscriptions SET status = ?, updated_at = ? WHERE subscription_id = ?", status, now, id);
    }

    void delete(Connection c, String id) throws SQLException {
        Sql.update(c, "DELETE FROM webhook_subscriptions WHERE subscription_id = ?", id);
    }

    /** A tenant's subscriptions that still deliver or may resume (ACTIVE, PAUSED). */
    List<Stored> openForTenant(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT * FROM webhook_subscriptions WHERE tenant_id = ? AND status IN ('ACTIVE', 'PAUSED')"
                + " ORDER BY created_at, subscription_id", List.of(tenantId), WebhookStore::map);
    }

    /** Queued and retrying deliveries of a subscription become FAILED with {@code reason}; returns how many. */
    int cancelPending(Connection c, String subscriptionId, Instant now, String reason) throws SQLException {
        return Sql.update(c, "UPDATE webhook_deliveries SET status = 'FAILED', completed_at = ?, next_attempt_at = NULL,"
                + " error_message = ? WHERE subscription_id = ? AND status IN ('PENDING', 'RETRYING')", now, reason, subscriptionId);
    }

    Page<WebhookSubscription> list(Connection c, WebhookFilter f, PageRequest page) throws SQLException {
        Where w = new Where()
                .andIf(f.tenantId(), "tenant_id = ?")
                .andIf(f.status(), "status = ?")
                .search(f.search(), "subscription_id", "url");
        if (f.eventType() != null) {
            w.and("event_types LIKE ? ESCAPE '\\'", "%\"" + f.eventType().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "\"%");
        }
        return page.fetchBounded(c, "*", "webhook_subscriptions", w, "subscription_id", STORED_BYTES, rs -> map(rs).sub(),
                s -> sortValue(page, s), WebhookSubscription::subscriptionId);
    }

    private static Object sortValue(PageRequest page, WebhookSubscription s) {
        return switch (page.sort().name()) {
            case "url" -> s.url();
            case "tenant_id" -> s.tenantId();
            case "status" -> s.status().name();
            case "created_at" -> s.createdAt().toEpochMilli();
            default -> (long) s.consecutiveFailures();
        };
    }

    WebhookSecurityConfig securityConfig(Connection c) throws SQLException {
        WebhookSecurityConfig stored = Sql.one(c, "SELECT * FROM webhook_security_config WHERE id = 1", rs -> new WebhookSecurityConfig(
                Sql.fromJson(rs.getString("blocked_cidr_ranges"), STRINGS), Sql.fromJson(rs.getString("allowed_url_patterns"), STRINGS),
                rs.getInt("allow_http") == 1));
        return stored == null ? WebhookSecurityConfig.DEFAULTS : stored;
    }

    void saveSecurityConfig(Connection c, WebhookSecurityConfig cfg, Instant now) throws SQLException {
        if (Sql.update(c, "UPDATE webhook_security_config SET blocked_cidr_ranges = ?, allowed_url_patterns = ?, allow_http = ?,"
                + " updated_at = ? WHERE id = 1", Sql.toJson(cfg.blockedCidrRanges()), Sql.toJson(cfg.allowedUrlPatterns()),
                cfg.allowHttp(), now) == 0) {
            Sql.update(c, "INSERT INTO webhook_security_config(id, blocked_cidr_ranges, allowed_url_patterns, allow_http, updated_at)"
                    + " VALUES (1,?,?,?,?)", Sql.toJson(cfg.blockedCidrRanges()), Sql.toJson(cfg.allowedUrlPatterns()), cfg.allowHttp(), now);
        }
    }

    static Stored map(ResultSet rs) throws SQLException {
        List<String> headerNames = Sql.fromJsonOrNull(rs.getString("header_names"), STRINGS);
        Map<String, String> masked = null;
        if (headerNames != null) {
            masked = new LinkedHashMap<>();
            for (String n : headerNames) {
                masked.put(n, MASK);
            }
        }
        List<String> types = Sql.fromJsonOrNull(rs.getString("event_types"), STRINGS);
        List<String> categories = Sql.fromJsonOrNull(rs.getString("event_categories"), STRINGS);
        WebhookSubscription w = new WebhookSubscription(rs.getString("subscription_id"), rs.getString("tenant_id"),
                rs.getString("name"), rs.getString("description"), rs.getString("url"),
                types == null ? List.of() : types, categories == null ? List.of() : categories,
                rs.getString("scope_filter"),
                Sql.fromJsonOrNull(rs.getString("thresholds"), new TypeReference<WebhookThresholdConfig>() {
                }), masked, Sql.enumValue(rs, "status", WebhookStatus.class),
                Sql.fromJsonOrNull(rs.getString("retry_policy"), new TypeReference<WebhookRetryPolicy>() {
                }), rs.getInt("disable_after_failures"), rs.getInt("consecutive_failures"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "last_triggered_at"),
                Sql.instant(rs, "last_success_at"), Sql.instant(rs, "last_failure_at"),
                Sql.fromJsonOrNull(rs.getString("metadata"), new TypeReference<Map<String, Object>>() {
                }));
        return new Stored(w, rs.getString("secret_sealed"), rs.getString("headers_sealed"));
    }
}
