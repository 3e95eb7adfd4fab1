package dev.cycles.admin.server.apikey;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.ApiKeyCreateResponse;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.ApiKeyUpdateRequest;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.model.ScopeFilter;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.tenant.TenantCloseCascade;
import dev.cycles.admin.server.tenant.OpenTenantRule;
import dev.cycles.admin.server.tenant.TenantStore;

import java.time.Clock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** API-key rules: issuing secrets once, permission sets, revocation, and the tenant-close cascade. */
public final class ApiKeyService implements TenantCloseCascade {
    private final Clock clock;
    /** Keys created without expires_at live this long (the spec requires every key to carry one). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    private final Database db;
    private final ApiKeyStore store;
    private final OpenTenantRule openTenants;
    private final AuditTrail audit;
    private final EventLog events;

    public ApiKeyService(Database db, ApiKeyStore store, TenantStore tenants, AuditTrail audit, EventLog events, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.store = store;
        this.openTenants = new OpenTenantRule(tenants);
        this.audit = audit;
        this.events = events;
    }

    public ApiKeyCreateResponse create(OperationContext ctx, ApiKeyCreateRequest req) {
        Check.required(req.tenantId(), "tenant_id");
        Check.required(req.name(), "name");
        Check.maxLength(req.name(), Limits.NAME, "name");
        Check.maxLength(req.description(), Limits.DESCRIPTION, "description");
        Check.metadata(req.metadata(), "metadata");
        List<String> permissions = req.permissions() == null
                ? Permission.wireNames(Permission.DEFAULTS) : parsePermissions(req.permissions());
        List<String> scopeFilter = parseScopeFilter(req.scopeFilter(), req.tenantId());
        Instant now = Now.of(clock);
        Instant expires = req.expiresAt() == null ? now.plus(DEFAULT_LIFETIME) : Check.time(req.expiresAt(), "expires_at");
        if (!expires.isAfter(now)) {
            throw ApiException.badRequest("Field 'expires_at' must be in the future");
        }
        String secret = KeySecrets.newSecret();
        ApiKey key = new ApiKey(KeySecrets.newKeyId(), req.tenantId(), KeySecrets.prefixOf(secret), req.name(),
                req.description(), permissions, scopeFilter, ApiKeyStatus.ACTIVE, now, null, expires, null, null,
                req.metadata());
        db.write(c -> {
            Tenant tenant = openTenants.require(c, req.tenantId());
            if (tenant.status() != TenantStatus.ACTIVE) {
                throw ApiException.badRequest("Tenant '" + tenant.tenantId() + "' is " + tenant.status()
                        + "; reactivate it before issuing keys");
            }
            store.insert(c, key, KeySecrets.digest(secret));
            audit.record(c, ctx, 201, key.tenantId(), ResourceType.API_KEY, key.keyId(), Map.of("permissions", permissions));
            events.emit(c, ctx, "api_key.created", key.tenantId(), null, keyEvent(key, null, ApiKeyStatus.ACTIVE), null);
            return null;
        });
        return new ApiKeyCreateResponse(key.keyId(), secret, key.keyPrefix(), key.tenantId(), permissions,
                key.createdAt(), key.expiresAt());
    }

    public Page<ApiKey> list(ApiKeyFilter filter, PageSpec page) {
        return db.read(c -> store.list(c, filter, PageRequest.of(ApiKeyStore.SORTS, page)));
    }

    public ApiKey update(OperationContext ctx, String keyId, ApiKeyUpdateRequest req) {
        if (req.name() != null) {
            Check.required(req.name(), "name");
        }
        Check.maxLength(req.name(), Limits.NAME, "name");
        Check.maxLength(req.description(), Limits.DESCRIPTION, "description");
        Check.metadata(req.metadata(), "metadata");
        List<String> permissions = req.permissions() == null ? null : parsePermissions(req.permissions());
        parseScopeFilter(req.scopeFilter(), null);
        return db.write(c -> {
            ApiKey before = require(c, keyId);
            List<String> scopeFilter = parseScopeFilter(req.scopeFilter(), before.tenantId());
            openTenants.require(c, before.tenantId());
            if (before.status() != ApiKeyStatus.ACTIVE) {
                throw ApiException.conflict(before.status() == ApiKeyStatus.REVOKED ? ErrorCode.KEY_REVOKED : ErrorCode.KEY_EXPIRED,
                        "API key " + keyId + " is " + before.status() + " and can no longer be changed");
            }
            ApiKey after = new ApiKey(before.keyId(), before.tenantId(), before.keyPrefix(),
                    req.name() == null ? before.name() : req.name(),
                    req.description() == null ? before.description() : req.description(),
                    permissions == null ? before.permissions() : permissions,
                    scopeFilter == null ? before.scopeFilter() : scopeFilter,
                    before.status(), before.createdAt(), before.lastUsedAt(), before.expiresAt(), null, null,
                    req.metadata() == null ? before.metadata() : req.metadata());
            store.updateProfile(c, after);
            List<String> changed = changedFields(before, after);
            // EventDataApiKey has no field for the old permissions, so the audit row keeps them.
            Map<String, Object> meta = new java.util.LinkedHashMap<>();
            meta.put("changed_fields", changed);
            if (changed.contains("permissions")) {
                meta.put("previous_permissions", before.permissions());
            }
            audit.record(c, ctx, 200, after.tenantId(), ResourceType.API_KEY, keyId, meta);
            if (changed.contains("permissions") || changed.contains("scope_filter")) {
                events.emit(c, ctx, "api_key.permissions_changed", after.tenantId(), null,
                        keyEvent(after, ApiKeyStatus.ACTIVE, ApiKeyStatus.ACTIVE), null);
            }
            return after;
        });
    }

    public ApiKey revoke(OperationContext ctx, String keyId, String reason) {
        Check.maxLength(reason, Limits.REASON, "reason");
        return db.write(c -> {
            ApiKey before = require(c, keyId);
            openTenants.require(c, before.tenantId());
            if (before.status() == ApiKeyStatus.REVOKED) {
                throw ApiException.conflict(ErrorCode.KEY_REVOKED, "API key already revoked: " + keyId);
            }
            Instant now = Now.of(clock);
            store.revoke(c, keyId, now, reason);
            audit.record(c, ctx, 200, before.tenantId(), ResourceType.API_KEY, keyId, reason == null ? null : Map.of("reason", reason));
            events.emit(c, ctx, "api_key.revoked", before.tenantId(), null, keyEvent(before, before.status(), ApiKeyStatus.REVOKED), null);
            return store.find(c, keyId);
        });
    }

    @Override
    public void onTenantClosed(Connection c, OperationContext ctx, String tenantId, String correlationId) throws SQLException {
        Instant now = Now.of(clock);
        for (ApiKey k : store.activeForTenant(c, tenantId)) {
            store.revoke(c, k.keyId(), now, "tenant_closed");
            audit.recordCascade(c, ctx, "api_key.revoked_via_tenant_cascade", tenantId, ResourceType.API_KEY, k.keyId(),
                    Map.of("correlation_id", correlationId));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("key_id", k.keyId());
            data.put("name", k.name());
            data.put("prior_status", k.status().name());
            data.put("new_status", "REVOKED");
            data.put("cascade_reason", "tenant_closed");
            events.emit(c, ctx, "api_key.revoked_via_tenant_cascade", tenantId, null, data, correlationId);
        }
    }

    private ApiKey require(Connection c, String keyId) throws SQLException {
        ApiKey k = store.find(c, keyId);
        if (k == null) {
            throw ApiException.notFound(ErrorCode.NOT_FOUND, "API key '" + keyId + "' not found");
        }
        return k;
    }


    static List<String> parsePermissions(List<String> requested) {
        Check.maxItems(requested, Limits.PERMISSIONS, "permissions");
        List<Permission> parsed = new ArrayList<>();
        for (String p : requested) {
            parsed.add(Permission.fromWire(p).orElseThrow(() -> ApiException.badRequest("Unrecognized permission: " + p)));
        }
        return Permission.wireNames(parsed);
    }

    /** The canonical entries of a key's scope_filter (see shared-model ScopeFilter), or a 400 naming the rule. */
    static List<String> parseScopeFilter(List<String> entries, String tenantId) {
        if (entries == null) {
            return null;
        }
        try {
            return ScopeFilter.parse(entries, tenantId).canonical();
        } catch (ScopeFilter.InvalidFilterException e) {
            throw ApiException.badRequest("Field 'scope_filter': " + e.getMessage());
        }
    }

    private static List<String> changedFields(ApiKey a, ApiKey b) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(a.name(), b.name())) {
            out.add("name");
        }
        if (!Objects.equals(a.description(), b.description())) {
            out.add("description");
        }
        if (!Objects.equals(a.permissions(), b.permissions())) {
            out.add("permissions");
        }
        if (!Objects.equals(a.scopeFilter(), b.scopeFilter())) {
            out.add("scope_filter");
        }
        if (!Objects.equals(a.metadata(), b.metadata())) {
            out.add("metadata");
        }
        return out;
    }

    private static Map<String, Object> keyEvent(ApiKey k, ApiKeyStatus previous, ApiKeyStatus next) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key_id", k.keyId());
        data.put("key_name", k.name());
        if (previous != null) {
            data.put("previous_status", previous.name());
        }
        data.put("new_status", next.name());
        data.put("permissions", k.permissions());
        return data;
    }
}
