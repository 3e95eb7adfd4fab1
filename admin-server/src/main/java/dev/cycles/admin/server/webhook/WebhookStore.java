package dev.cycles.admin.server.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventActor;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryStatus;
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
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
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

    /**
     * The subscriptions a filter selects: the ONE definition the list pages through and the bulk
     * action counts and changes, so what a list shows for a filter is what a bulk action touches.
     */
    static Where where(WebhookFilter f) {
        Where w = new Where()
                .andIf(f.tenantId(), "tenant_id = ?")
                .andIf(f.status(), "status = ?")
                .search(f.search(), "subscription_id", "url");
        if (f.eventType() != null) {
            w.and("event_types LIKE ? ESCAPE '\\'", "%\"" + f.eventType().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "\"%");
        }
        return w;
    }

    long count(Connection c, WebhookFilter f) throws SQLException {
        Where w = where(f);
        return Sql.count(c, "SELECT COUNT(*) FROM webhook_subscriptions" + w.sql(), w.params().toArray());
    }

    /** The ids of the first {@code max} subscriptions the filter selects, in id order. */
    List<String> matchingIds(Connection c, WebhookFilter f, int max) throws SQLException {
        Where w = where(f);
        return Sql.query(c, "SELECT subscription_id FROM webhook_subscriptions" + w.sql() + " ORDER BY subscription_id LIMIT " + max,
                w.params(), rs -> rs.getString(1));
    }

    Page<WebhookSubscription> list(Connection c, WebhookFilter f, PageRequest page) throws SQLException {
        Where w = where(f);
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

    // ---- deliveries ----

    /** The newest deliveries first (by enqueue time). */
    public static final Sorts DELIVERY_SORTS = new Sorts(Map.of("created_at", SortKey.number("created_at", "created_at")),
            "created_at", true);

    /** A delivery due for an attempt. */
    record Due(String deliveryId, String subscriptionId, String eventId, int attempts, String traceId, String traceFlags) {
    }

    List<Stored> activeFor(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT * FROM webhook_subscriptions WHERE status = 'ACTIVE' AND tenant_id IN (?, ?)",
                List.of(tenantId, WebhookSubscription.SYSTEM_TENANT), WebhookStore::map);
    }

    /**
     * A new PENDING delivery. {@code inboundFlags} are the trace flags of the request that caused
     * the event when it sent a valid traceparent (carried on, as the spec asks), else null ('01').
     */
    void insertDelivery(Connection c, String deliveryId, String subscriptionId, Event e, Instant now, String replayId,
                        String inboundFlags) throws SQLException {
        Sql.update(c, "INSERT INTO webhook_deliveries(delivery_id, subscription_id, event_id, event_type, tenant_id, status, created_at,"
                        + " attempts, next_attempt_at, trace_id, trace_flags, traceparent_inbound_valid, replay_id)"
                        + " VALUES (?,?,?,?,?,'PENDING',?,0,?,?,?,?,?)",
                deliveryId, subscriptionId, e.eventId(), e.eventType(), e.tenantId(), now, now, e.traceId(),
                inboundFlags == null ? "01" : inboundFlags, inboundFlags == null ? 0 : 1, replayId);
    }

    void touchTriggered(Connection c, String subscriptionId, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscriptions SET last_triggered_at = ? WHERE subscription_id = ?", now, subscriptionId);
    }

    /** Deliveries due at {@code now} that no server holds a lease on. */
    List<Due> due(Connection c, Instant now, int limit) throws SQLException {
        return Sql.query(c, "SELECT delivery_id, subscription_id, event_id, attempts, trace_id, trace_flags FROM webhook_deliveries"
                        + " WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                        + " ORDER BY next_attempt_at, created_at, delivery_id LIMIT " + limit, List.of(now.toEpochMilli(), now.toEpochMilli()),
                rs -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
    }

    /**
     * Takes the lease on {@code d} for {@code owner} until {@code until}: true when this server
     * may send it now, false when another server took it first or it was sent meanwhile. One
     * conditional UPDATE, so two servers racing for a row cannot both win.
     */
    boolean claim(Connection c, Due d, String owner, Instant now, Instant until) throws SQLException {
        return Sql.update(c, "UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ? WHERE delivery_id = ? AND attempts = ?"
                        + " AND status IN ('PENDING', 'RETRYING') AND (lease_until IS NULL OR lease_until <= ?)",
                owner, until, d.deliveryId(), d.attempts(), now) == 1;
    }

    /**
     * Drops every lease. Only for a database no other server uses: the leases left by this
     * server's previous run (killed mid-send) need not be waited out.
     */
    int dropLeases(Connection c) throws SQLException {
        return Sql.update(c, "UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL");
    }

    /** Deliveries waiting for an attempt, due or not (the deliveries_due index answers it). */
    long queued(Connection c) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM webhook_deliveries WHERE status IN ('PENDING', 'RETRYING')", rs -> rs.getLong(1));
    }

    /** The event a delivery carries, in the Event wire shape. */
    Event event(Connection c, String eventId) throws SQLException {
        return Sql.one(c, "SELECT * FROM events WHERE event_id = ?", rs -> {
            Map<String, Object> actor = Sql.fromJsonOrNull(rs.getString("actor"), OBJECT);
            return new Event(rs.getString("event_id"), rs.getString("event_type"), rs.getString("category"),
                    Sql.instant(rs, "timestamp"), rs.getString("tenant_id"), rs.getString("scope"),
                    actor == null ? null : new EventActor((String) actor.get("type"), (String) actor.get("key_id"), (String) actor.get("source_ip")),
                    rs.getString("source"), Sql.fromJsonOrNull(rs.getString("data"), OBJECT), rs.getString("correlation_id"),
                    rs.getString("request_id"), rs.getString("trace_id"), null);
        }, eventId);
    }

    /** Whether {@code owner} still holds the lease on an unfinished delivery (it may run out mid-send). */
    boolean holdsLease(Connection c, String deliveryId, String owner) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM webhook_deliveries WHERE delivery_id = ? AND lease_owner = ?"
                + " AND status IN ('PENDING', 'RETRYING')", deliveryId, owner) > 0;
    }

        void recordAttempt(Connection c, String deliveryId, int attempt, Instant at, Integer status, long millis, String error) throws SQLException {
        Sql.update(c, "INSERT INTO webhook_delivery_attempts(delivery_id, attempt, attempted_at, response_status, response_time_ms,"
                + " error_message) VALUES (?,?,?,?,?,?)", deliveryId, attempt, at, status, millis, error);
    }

    /** The delivery after an attempt: its new status, attempt count, outcome, and next attempt (null when done). */
    void finishAttempt(Connection c, String deliveryId, WebhookDeliveryStatus status, int attempts, Instant at, Integer responseStatus,
                       long millis, String error, Instant nextAttempt) throws SQLException {
        Sql.update(c, "UPDATE webhook_deliveries SET status = ?, attempts = ?, attempted_at = ?, response_status = ?, response_time_ms = ?,"
                        + " error_message = ?, next_attempt_at = ?, completed_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE delivery_id = ? AND status IN ('PENDING', 'RETRYING')",
                status, attempts, at, responseStatus, millis, error, nextAttempt,
                status == WebhookDeliveryStatus.SUCCESS || status == WebhookDeliveryStatus.FAILED ? at : null, deliveryId);
    }

    void cancelDelivery(Connection c, String deliveryId, Instant now, String reason) throws SQLException {
        Sql.update(c, "UPDATE webhook_deliveries SET status = 'FAILED', completed_at = ?, next_attempt_at = NULL, error_message = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE delivery_id = ? AND status IN ('PENDING', 'RETRYING')", now, reason, deliveryId);
    }

    void deliverySucceeded(Connection c, String subscriptionId, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscriptions SET consecutive_failures = 0, last_success_at = ? WHERE subscription_id = ?", now, subscriptionId);
    }

    void attemptFailed(Connection c, String subscriptionId, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscriptions SET last_failure_at = ? WHERE subscription_id = ?", now, subscriptionId);
    }

    /** A delivery exhausted its retries: one more consecutive failure; returns the new count. */
    int deliveryFailed(Connection c, String subscriptionId, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, last_failure_at = ?"
                + " WHERE subscription_id = ?", now, subscriptionId);
        return (int) Sql.count(c, "SELECT consecutive_failures FROM webhook_subscriptions WHERE subscription_id = ?", subscriptionId);
    }

    Page<WebhookDelivery> deliveries(Connection c, String subscriptionId, WebhookDeliveryStatus status, Instant from, Instant to,
                                     PageRequest page) throws SQLException {
        Where w = new Where().and("subscription_id = ?", subscriptionId)
                .andIf(status, "status = ?")
                .andIf(from, "created_at >= ?")
                .andIf(to, "created_at <= ?");
        Page<Listed> rows = page.fetch(c, "*", "webhook_deliveries", w, "delivery_id", rs -> new Listed(rs.getLong("created_at"), delivery(rs)),
                Listed::createdAt, l -> l.delivery().deliveryId());
        return new Page<>(rows.items().stream().map(Listed::delivery).toList(), rows.nextCursor());
    }

    private record Listed(long createdAt, WebhookDelivery delivery) {
    }

    static WebhookDelivery delivery(ResultSet rs) throws SQLException {
        WebhookDeliveryStatus status = Sql.enumValue(rs, "status", WebhookDeliveryStatus.class);
        Instant attempted = Sql.instant(rs, "attempted_at");
        return new WebhookDelivery(rs.getString("delivery_id"), rs.getString("subscription_id"), rs.getString("event_id"),
                rs.getString("event_type"), status, attempted == null ? Sql.instant(rs, "created_at") : attempted,
                Sql.instant(rs, "completed_at"), rs.getInt("attempts"), (Integer) nullableInt(rs, "response_status"),
                Sql.nullableLong(rs, "response_time_ms"), rs.getString("error_message"),
                status == WebhookDeliveryStatus.RETRYING ? Sql.instant(rs, "next_attempt_at") : null,
                rs.getString("trace_id"), rs.getString("trace_flags"), rs.getInt("traceparent_inbound_valid") == 1);
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** Whether a replay of this subscription still has deliveries queued. */
    boolean replayRunning(Connection c, String subscriptionId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM webhook_deliveries WHERE subscription_id = ? AND replay_id IS NOT NULL"
                + " AND status IN ('PENDING', 'RETRYING')", subscriptionId) > 0;
    }

    /** Events of the window a replay may pick, oldest first, at most {@code limit}. */
    List<Event> eventsBetween(Connection c, String tenantId, Instant from, Instant to, int limit) throws SQLException {
        Where w = new Where().and("timestamp >= ?", from).and("timestamp <= ?", to).andIf(tenantId, "tenant_id = ?");
        List<String> ids = Sql.query(c, "SELECT event_id FROM events" + w.sql() + " ORDER BY timestamp, seq LIMIT " + limit,
                w.params(), rs -> rs.getString(1));
        List<Event> out = new java.util.ArrayList<>();
        for (String id : ids) {
            out.add(event(c, id));
        }
        return out;
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
