package dev.cycles.admin.server.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.WebhookCreateRequest;
import dev.cycles.admin.model.WebhookCreateResponse;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookUpdateRequest;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.tenant.OpenTenantRule;
import dev.cycles.admin.server.tenant.TenantCloseCascade;
import dev.cycles.admin.server.tenant.TenantStore;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Webhook subscription rules on both planes: validation, the two normative invariants on the
 * resulting state of every write, the tenant-accessible boundary, the URL guard, secrets sealed at
 * rest, Rule 2 (nothing a CLOSED tenant owns changes) and the tenant-close cascade.
 */
public final class WebhookService implements TenantCloseCascade {
    public static final String SYSTEM = WebhookSubscription.SYSTEM_TENANT;
    public static final int DEFAULT_DISABLE_AFTER = 10;
    static final int MAX_CONFIG_ENTRIES = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final Database db;
    private final WebhookStore store;
    private final OpenTenantRule openTenants;
    private final AuditTrail audit;
    private final EventLog events;
    private final SecretCipher cipher;
    private final UrlGuard guard;
    private final WebhookSender sender;
    private final Clock clock;

    public WebhookService(Database db, WebhookStore store, TenantStore tenants, AuditTrail audit, EventLog events,
                          SecretCipher cipher, UrlGuard guard, WebhookSender sender, Clock clock) {
        this.sender = sender;
        this.db = db;
        this.store = store;
        this.openTenants = new OpenTenantRule(tenants);
        this.audit = audit;
        this.events = events;
        this.cipher = cipher;
        this.guard = guard;
        this.clock = clock;
    }

    /** Which plane a call came through: the tenant plane applies the tenant-accessible boundary whoever calls. */
    public enum Plane { ADMIN, TENANT }

    // ---- subscriptions ----

    /**
     * Creates a subscription owned by {@code requestedOwner} (admin plane: the tenant_id query
     * parameter, absent = __system__) or by the calling key's tenant (tenant plane).
     */
    public WebhookCreateResponse create(OperationContext ctx, Plane plane, String requestedOwner, WebhookCreateRequest req) {
        String owner = owner(ctx.principal(), plane, requestedOwner);
        if (req.eventTypes() == null || req.eventTypes().isEmpty()) {
            throw ApiException.badRequest("Field 'event_types' is required and must not be empty");
        }
        WebhookRequestRules.checkText(req.name(), req.description());
        List<String> types = WebhookRequestRules.eventTypes(req.eventTypes());
        List<String> categories = WebhookRequestRules.categories(req.eventCategories());
        WebhookRequestRules.checkInvariants(owner, plane, types, categories);
        String scopeFilter = WebhookRequestRules.scopeFilter(req.scopeFilter(), owner);
        WebhookRequestRules.checkThresholds(req.thresholds());
        Map<String, String> headers = WebhookRequestRules.headers(req.headers());
        WebhookRetryPolicy retry = WebhookRequestRules.retryPolicy(req.retryPolicy());
        int disableAfter = WebhookRequestRules.disableAfter(req.disableAfterFailures());
        Check.metadata(req.metadata(), "metadata");
        String secret = req.signingSecret() == null ? newSecret() : WebhookRequestRules.secret(req.signingSecret());
        Check.required(req.url(), "url");
        guard.check(req.url(), securityConfig());
        String id = Ids.newId("whsub_");
        ctx.target(ResourceType.WEBHOOK, id);
        Instant now = Now.of(clock);
        WebhookSubscription sub = new WebhookSubscription(id, owner, req.name(), req.description(), req.url(), types, categories,
                scopeFilter, req.thresholds(), masked(headers), WebhookStatus.ACTIVE, retry, disableAfter, 0, now, null, null, null,
                null, req.metadata());
        WebhookStore.Stored stored = new WebhookStore.Stored(sub, cipher.seal(secret, id + ":secret"), sealHeaders(headers, id));
        db.write(c -> {
            if (!owner.equals(SYSTEM)) {
                openTenants.require(c, owner);
            }
            store.insert(c, stored);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("url", sub.url());
            meta.put("event_types", types);
            meta.put("event_categories", categories);
            audit.record(c, ctx, 201, owner, ResourceType.WEBHOOK, id, meta);
            events.emit(c, ctx, "webhook.created", owner, null, lifecycle(sub, null, WebhookStatus.ACTIVE, null, null),
                    "webhook_create:" + id);
            return null;
        });
        return new WebhookCreateResponse(sub, secret);
    }

    public WebhookSubscription get(Principal caller, String id) {
        return db.read(c -> visible(c, caller, id)).sub();
    }

    public Page<WebhookSubscription> listAdmin(String tenantId, WebhookStatus status, String eventType, String search, PageSpec page) {
        return db.read(c -> store.list(c, new WebhookFilter(tenantId, status, eventType, search), PageRequest.of(WebhookStore.SORTS, page)));
    }

    /** The tenant plane's list: the admin names the tenant ({@code tenant}); a key sees its own. */
    public Page<WebhookSubscription> listTenant(Principal caller, String tenant, WebhookStatus status, PageSpec page) {
        String owner;
        if (caller instanceof Principal.TenantKey key) {
            if (tenant != null && !tenant.equals(key.tenantId())) {
                throw ApiException.badRequest("Query parameter 'tenant' must be omitted or be the key's own tenant");
            }
            owner = key.tenantId();
        } else if (tenant == null) {
            throw ApiException.badRequest("tenant query parameter is required when using admin key authentication");
        } else {
            owner = tenant;
        }
        return db.read(c -> store.list(c, new WebhookFilter(owner, status, null, null), PageRequest.of(WebhookStore.TENANT_SORTS, page)));
    }

    public WebhookSubscription update(OperationContext ctx, Plane plane, String id, WebhookUpdateRequest req) {
        WebhookRequestRules.checkText(req.name(), req.description());
        if (req.status() == WebhookStatus.DISABLED) {
            throw ApiException.badRequest("Field 'status' may be ACTIVE or PAUSED (DISABLED is set by the server only)");
        }
        List<String> newTypes = req.eventTypes() == null ? null : WebhookRequestRules.eventTypes(req.eventTypes());
        List<String> newCategories = req.eventCategories() == null ? null : WebhookRequestRules.categories(req.eventCategories());
        WebhookRequestRules.checkThresholds(req.thresholds());
        Map<String, String> newHeaders = req.headers() == null ? null : WebhookRequestRules.headers(req.headers());
        WebhookRetryPolicy newRetry = req.retryPolicy() == null ? null : WebhookRequestRules.retryPolicy(req.retryPolicy());
        Integer newDisableAfter = req.disableAfterFailures() == null ? null : WebhookRequestRules.disableAfter(req.disableAfterFailures());
        Check.metadata(req.metadata(), "metadata");
        String newSecret = req.signingSecret() == null ? null : WebhookRequestRules.secret(req.signingSecret());
        if (req.url() != null) {
            guard.check(req.url(), securityConfig());
        }
        return db.write(c -> {
            WebhookStore.Stored found = visible(c, ctx.principal(), id);
            WebhookSubscription before = found.sub();
            String owner = before.tenantId();
            if (!owner.equals(SYSTEM)) {
                openTenants.require(c, owner);
            }
            List<String> types = newTypes == null ? before.eventTypes() : newTypes;
            List<String> categories = newCategories == null ? before.eventCategories() : newCategories;
            WebhookRequestRules.checkInvariants(owner, plane, types, categories);
            String scopeFilter = req.scopeFilter() == null ? before.scopeFilter() : WebhookRequestRules.scopeFilter(req.scopeFilter(), owner);
            Map<String, String> oldHeaders = openHeaders(found.headersSealed(), id);
            WebhookStatus status = req.status() == null ? before.status() : req.status();
            List<String> changed = new ArrayList<>();
            diff(changed, "name", before.name(), req.name());
            diff(changed, "description", before.description(), req.description());
            diff(changed, "url", before.url(), req.url());
            diff(changed, "event_types", before.eventTypes(), newTypes);
            diff(changed, "event_categories", before.eventCategories(), newCategories);
            diff(changed, "scope_filter", before.scopeFilter(), req.scopeFilter() == null ? null : scopeFilter);
            diff(changed, "thresholds", before.thresholds(), req.thresholds());
            diff(changed, "headers", oldHeaders, newHeaders);
            diff(changed, "retry_policy", before.retryPolicy(), newRetry);
            diff(changed, "disable_after_failures", before.disableAfterFailures(), newDisableAfter);
            diff(changed, "metadata", before.metadata(), req.metadata());
            if (newSecret != null) {
                changed.add("signing_secret");
            }
            boolean statusChanged = status != before.status();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("changed_fields", statusChanged ? withStatus(changed) : changed);
            if (changed.isEmpty() && !statusChanged) {
                audit.record(c, ctx, 200, owner, ResourceType.WEBHOOK, id, meta);
                return before;
            }
            Map<String, String> headers = newHeaders == null ? oldHeaders : newHeaders;
            WebhookSubscription after = new WebhookSubscription(id, owner,
                    req.name() == null ? before.name() : req.name(),
                    req.description() == null ? before.description() : req.description(),
                    req.url() == null ? before.url() : req.url(), types, categories, scopeFilter,
                    req.thresholds() == null ? before.thresholds() : req.thresholds(),
                    newHeaders == null ? before.headers() : masked(newHeaders), status,
                    newRetry == null ? before.retryPolicy() : newRetry,
                    newDisableAfter == null ? before.disableAfterFailures() : newDisableAfter,
                    statusChanged && status == WebhookStatus.ACTIVE ? 0 : before.consecutiveFailures(),
                    before.createdAt(), Now.of(clock), before.lastTriggeredAt(), before.lastSuccessAt(), before.lastFailureAt(),
                    req.metadata() == null ? before.metadata() : req.metadata());
            store.update(c, new WebhookStore.Stored(after,
                    newSecret == null ? found.secretSealed() : cipher.seal(newSecret, id + ":secret"),
                    newHeaders == null ? found.headersSealed() : sealHeaders(headers, id)));
            if (statusChanged && status != WebhookStatus.ACTIVE) {
                meta.put("new_status", status.name());
            }
            audit.record(c, ctx, 200, owner, ResourceType.WEBHOOK, id, meta);
            String type = !statusChanged ? "webhook.updated" : status == WebhookStatus.PAUSED ? "webhook.paused" : "webhook.resumed";
            events.emit(c, ctx, type, owner, null, lifecycle(after, before.status(), status, changed, null),
                    "webhook_update:" + id + ":" + ctx.requestId());
            return after;
        });
    }

    public void delete(OperationContext ctx, String id) {
        db.write(c -> {
            WebhookStore.Stored found = visible(c, ctx.principal(), id);
            deleteIn(c, ctx, found.sub(), "webhook_delete:" + id);
            audit.record(c, ctx, 204, found.sub().tenantId(), ResourceType.WEBHOOK, id, Map.of("url", found.sub().url()));
            return null;
        });
    }

    /** Deletes in the caller's transaction: pending deliveries cancelled, webhook.deleted (the caller writes the audit row). */
    void deleteIn(Connection c, OperationContext ctx, WebhookSubscription sub, String correlationId) throws SQLException {
        String id = sub.subscriptionId();
        if (!sub.tenantId().equals(SYSTEM)) {
            openTenants.require(c, sub.tenantId());
        }
        store.cancelPending(c, id, Now.of(clock), "cancelled: subscription deleted");
        store.delete(c, id);
        events.emit(c, ctx, "webhook.deleted", sub.tenantId(), null, lifecycle(sub, sub.status(), null, null, null), correlationId);
    }

    /**
     * A bulk PAUSE or RESUME of one subscription, in the caller's transaction: the status change
     * with its event (webhook.paused / webhook.resumed); RESUME resets consecutive_failures.
     */
    void changeStatusIn(Connection c, OperationContext ctx, WebhookStore.Stored found, WebhookStatus target, String correlationId)
            throws SQLException {
        WebhookSubscription before = found.sub();
        if (!before.tenantId().equals(SYSTEM)) {
            openTenants.require(c, before.tenantId());
        }
        WebhookSubscription after = new WebhookSubscription(before.subscriptionId(), before.tenantId(), before.name(),
                before.description(), before.url(), before.eventTypes(), before.eventCategories(), before.scopeFilter(),
                before.thresholds(), before.headers(), target, before.retryPolicy(), before.disableAfterFailures(),
                target == WebhookStatus.ACTIVE ? 0 : before.consecutiveFailures(), before.createdAt(), Now.of(clock),
                before.lastTriggeredAt(), before.lastSuccessAt(), before.lastFailureAt(), before.metadata());
        store.update(c, new WebhookStore.Stored(after, found.secretSealed(), found.headersSealed()));
        events.emit(c, ctx, target == WebhookStatus.PAUSED ? "webhook.paused" : "webhook.resumed", before.tenantId(), null,
                lifecycle(after, before.status(), target, List.of(), null), correlationId);
    }

    /** Closing a tenant disables its ACTIVE and PAUSED subscriptions and cancels what they had queued. */
    @Override
    public void onTenantClosed(Connection c, OperationContext ctx, String tenantId, String correlationId) throws SQLException {
        Instant now = Now.of(clock);
        for (WebhookStore.Stored s : store.openForTenant(c, tenantId)) {
            WebhookSubscription sub = s.sub();
            store.setStatus(c, sub.subscriptionId(), WebhookStatus.DISABLED, now);
            store.cancelPending(c, sub.subscriptionId(), now, "cancelled: tenant closed");
            audit.recordCascade(c, ctx, "webhook.disabled_via_tenant_cascade", tenantId, ResourceType.WEBHOOK,
                    sub.subscriptionId(), Map.of("correlation_id", correlationId));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subscription_id", sub.subscriptionId());
            if (sub.name() != null) {
                data.put("name", sub.name());
            }
            data.put("prior_status", sub.status().name());
            data.put("new_status", WebhookStatus.DISABLED.name());
            data.put("cascade_reason", "tenant_closed");
            events.emit(c, ctx, "webhook.disabled_via_tenant_cascade", tenantId, null, data, correlationId);
        }
    }

    // ---- security config ----

    public WebhookSecurityConfig securityConfig() {
        return db.read(store::securityConfig);
    }

    public WebhookSecurityConfig putSecurityConfig(OperationContext ctx, WebhookSecurityConfig req) {
        ctx.target(ResourceType.CONFIG, "webhook-security");
        List<String> blocked = req.blockedCidrRanges() == null ? WebhookSecurityConfig.DEFAULT_BLOCKED : req.blockedCidrRanges();
        List<String> patterns = req.allowedUrlPatterns() == null ? List.of() : req.allowedUrlPatterns();
        Check.strings(blocked, MAX_CONFIG_ENTRIES, 64, "blocked_cidr_ranges");
        Check.strings(patterns, MAX_CONFIG_ENTRIES, UrlGuard.MAX_URL, "allowed_url_patterns");
        List<String> canonical = new ArrayList<>();
        for (Cidr cidr : UrlGuard.ranges(blocked)) {
            canonical.add(cidr.text());
        }
        WebhookSecurityConfig cfg = new WebhookSecurityConfig(canonical, List.copyOf(patterns), Boolean.TRUE.equals(req.allowHttp()));
        return db.write(c -> {
            store.saveSecurityConfig(c, cfg, Now.of(clock));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("blocked_cidr_ranges", cfg.blockedCidrRanges());
            meta.put("allowed_url_patterns", cfg.allowedUrlPatterns());
            meta.put("allow_http", cfg.allowHttp());
            audit.record(c, ctx, 200, AuditTrail.ADMIN_SENTINEL, ResourceType.CONFIG, "webhook-security", meta);
            return cfg;
        });
    }

    // ---- rules ----

    /** The subscription, or 404 when absent or (for a tenant key) owned by anyone else, __system__ included. */
    WebhookStore.Stored visible(Connection c, Principal caller, String id) throws SQLException {
        WebhookStore.Stored s = store.find(c, id);
        if (s == null || caller instanceof Principal.TenantKey key && !key.tenantId().equals(s.sub().tenantId())) {
            throw ApiException.notFound(ErrorCode.WEBHOOK_NOT_FOUND, "Webhook subscription not found: " + id);
        }
        return s;
    }

    private static String owner(Principal caller, Plane plane, String requested) {
        if (plane == Plane.TENANT) {
            if (!(caller instanceof Principal.TenantKey key)) {
                throw ApiException.badRequest("Tenant webhooks are created with the tenant's API key");
            }
            return key.tenantId();
        }
        if (requested == null || requested.equals(SYSTEM)) {
            return SYSTEM;
        }
        Check.tenantId(requested, "tenant_id");
        return requested;
    }

    /** INVARIANT 1 (a selector) and INVARIANT 2 (tenant-owned or tenant-plane: tenant-accessible selectors only). */




    /** A scope pattern (policy grammar); on a tenant-owned subscription it must be rooted at the owner. */







    static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String sealHeaders(Map<String, String> headers, String id) {
        return headers == null || headers.isEmpty() ? null : cipher.seal(Sql.toJson(headers), id + ":headers");
    }

    /** The stored header values in clear (for comparison and delivery); never returned by the API. */
    Map<String, String> openHeaders(String sealed, String id) {
        return sealed == null ? null : Sql.fromJson(cipher.open(sealed, id + ":headers"), STRING_MAP);
    }

    /** The subscription's rule on being seen: one's own, or any with the admin key; else 404. */
    boolean openTenantIfOwned(Connection c, WebhookSubscription sub) throws SQLException {
        if (!sub.tenantId().equals(SYSTEM)) {
            openTenants.require(c, sub.tenantId());
        }
        return true;
    }

    String openSecret(WebhookStore.Stored s) {
        return cipher.open(s.secretSealed(), s.sub().subscriptionId() + ":secret");
    }

    private static Map<String, String> masked(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.keySet().forEach(k -> out.put(k, WebhookStore.MASK));
        return out;
    }

    private static void diff(List<String> out, String field, Object before, Object requested) {
        if (requested != null && !Objects.equals(before, requested)) {
            out.add(field);
        }
    }

    private static List<String> withStatus(List<String> changed) {
        List<String> all = new ArrayList<>(changed);
        all.add(0, "status");
        return all;
    }

    static Map<String, Object> lifecycle(WebhookSubscription s, WebhookStatus previous, WebhookStatus next, List<String> changed,
                                         String disableReason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscription_id", s.subscriptionId());
        data.put("tenant_id", s.tenantId());
        if (previous != null) {
            data.put("previous_status", previous.name());
        }
        if (next != null) {
            data.put("new_status", next.name());
        }
        if (changed != null) {
            data.put("changed_fields", changed);
        }
        if (disableReason != null) {
            data.put("disable_reason", disableReason);
        }
        return data;
    }
}
