package dev.cycles.admin.server.policy;

import dev.cycles.admin.model.ReservationTtl;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyStatus;
import dev.cycles.admin.model.PolicyUpdateRequest;
import dev.cycles.admin.model.RateLimits;
import dev.cycles.admin.model.ReservationTtlOverride;
import dev.cycles.admin.model.ScopePattern;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.auth.ScopeGuard;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.tenant.OpenTenantRule;
import dev.cycles.admin.server.tenant.TenantStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Policy rules: validation, one name per tenant, tenant ownership, and Rule 2 (nothing a CLOSED
 * tenant owns changes). Policies are stored and matched (see {@link ScopePattern}); enforcing
 * them is the runtime server's job.
 */
public final class PolicyService {
    private final Clock clock;

    private final Database db;
    private final PolicyStore store;
    private final TenantStore tenants;
    private final OpenTenantRule openTenants;
    private final AuditTrail audit;
    private final EventLog events;

    public PolicyService(Database db, PolicyStore store, TenantStore tenants, AuditTrail audit, EventLog events, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.store = store;
        this.tenants = tenants;
        this.openTenants = new OpenTenantRule(tenants);
        this.audit = audit;
        this.events = events;
    }

    public Policy create(OperationContext ctx, PolicyCreateRequest req) {
        String tenantId = owningTenant(ctx.principal(), req.tenantId());
        Check.required(req.name(), "name");
        Check.maxLength(req.name(), Limits.NAME, "name");
        Check.maxLength(req.description(), Limits.DESCRIPTION, "description");
        ScopePattern pattern = parsePattern(req.scopePattern());
        if (!pattern.tenantId().equals(tenantId)) {
            throw ApiException.badRequest("Scope tenant '" + pattern.tenantId() + "' does not match tenant_id '" + tenantId + "'");
        }
        ScopeGuard.requirePattern(ctx.principal(), pattern);
        Check.range(req.priority(), 0, Integer.MAX_VALUE, "priority");
        checkCaps(req.caps());
        checkTtl(req.reservationTtlOverride());
        checkRateLimits(req.rateLimits());
        CommitOveragePolicy overage = overage(req.commitOveragePolicy(), req.overagePolicy());
        Instant from = Check.time(req.effectiveFrom(), "effective_from");
        Instant until = Check.time(req.effectiveUntil(), "effective_until");
        checkWindow(from, until);
        return db.write(c -> {
            openTenants.require(c, tenantId);
            if (store.nameTaken(c, tenantId, req.name(), null)) {
                throw ApiException.conflict(ErrorCode.DUPLICATE_RESOURCE,
                        "Tenant '" + tenantId + "' already has a policy named '" + req.name() + "'");
            }
            Policy p = new Policy(Ids.newId("pol_"), req.name(), req.description(), pattern.canonical(),
                    req.priority() == null ? 0 : req.priority().intValue(), req.caps(), overage, req.reservationTtlOverride(),
                    req.rateLimits(), PolicyStatus.ACTIVE, from, until, Now.of(clock), null);
            store.insert(c, tenantId, p);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("name", p.name());
            meta.put("scope_pattern", p.scopePattern());
            audit.record(c, ctx, 201, tenantId, ResourceType.POLICY, p.policyId(), meta);
            events.emit(c, ctx, "policy.created", tenantId, p.scopePattern(), eventData(p, null), null);
            return p;
        });
    }

    public Page<Policy> list(Principal caller, String tenantId, String scopePattern, PolicyStatus status, PageSpec page) {
        String owner;
        if (caller instanceof Principal.TenantKey key) {
            owner = key.tenantId();
        } else if (tenantId == null) {
            throw ApiException.badRequest("Query parameter 'tenant_id' is required with the admin key");
        } else {
            owner = tenantId;
        }
        String pattern = scopePattern == null ? null
                : ScopePattern.isValid(scopePattern) ? ScopePattern.parse(scopePattern).canonical() : scopePattern;
        return db.read(c -> store.list(c, new PolicyFilter(owner, pattern, status), PageRequest.of(PolicyStore.SORTS, page)));
    }

    public Policy update(OperationContext ctx, String policyId, PolicyUpdateRequest req) {
        if (req.name() != null) {
            Check.required(req.name(), "name");
            Check.maxLength(req.name(), Limits.NAME, "name");
        }
        Check.maxLength(req.description(), Limits.DESCRIPTION, "description");
        Check.range(req.priority(), 0, Integer.MAX_VALUE, "priority");
        checkCaps(req.caps());
        checkTtl(req.reservationTtlOverride());
        checkRateLimits(req.rateLimits());
        CommitOveragePolicy overage = overage(req.commitOveragePolicy(), req.overagePolicy());
        Instant requestedFrom = Check.time(req.effectiveFrom(), "effective_from");
        Instant requestedUntil = Check.time(req.effectiveUntil(), "effective_until");
        return db.write(c -> {
            PolicyStore.Owned found = store.find(c, policyId);
            if (found == null || ctx.principal() instanceof Principal.TenantKey key && !key.tenantId().equals(found.tenantId())) {
                // Another tenant's policy reads exactly like a missing one.
                throw ApiException.notFound(ErrorCode.NOT_FOUND, "Policy not found: " + policyId);
            }
            ScopeGuard.requireStoredPattern(ctx.principal(), found.policy().scopePattern());
            openTenants.require(c, found.tenantId());
            Policy before = found.policy();
            String name = req.name() == null ? before.name() : req.name();
            if (!name.equals(before.name()) && store.nameTaken(c, found.tenantId(), name, policyId)) {
                throw ApiException.conflict(ErrorCode.DUPLICATE_RESOURCE,
                        "Tenant '" + found.tenantId() + "' already has a policy named '" + name + "'");
            }
            Instant from = requestedFrom == null ? before.effectiveFrom() : requestedFrom;
            Instant until = requestedUntil == null ? before.effectiveUntil() : requestedUntil;
            checkWindow(from, until);
            Policy merged = new Policy(before.policyId(), name,
                    req.description() == null ? before.description() : req.description(),
                    before.scopePattern(),
                    req.priority() == null ? before.priority() : req.priority().intValue(),
                    req.caps() == null ? before.caps() : req.caps(),
                    overage == null ? before.commitOveragePolicy() : overage,
                    req.reservationTtlOverride() == null ? before.reservationTtlOverride() : req.reservationTtlOverride(),
                    req.rateLimits() == null ? before.rateLimits() : req.rateLimits(),
                    req.status() == null ? before.status() : req.status(),
                    from, until, before.createdAt(), before.updatedAt());
            List<String> changed = changedFields(before, merged);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("scope_pattern", before.scopePattern());
            meta.put("changed_fields", changed);
            if (changed.contains("status")) {
                meta.put("new_status", merged.status().name());
            }
            if (changed.isEmpty()) {
                audit.record(c, ctx, 200, found.tenantId(), ResourceType.POLICY, policyId, meta);
                return before;
            }
            Policy after = new Policy(merged.policyId(), merged.name(), merged.description(), merged.scopePattern(),
                    merged.priority(), merged.caps(), merged.commitOveragePolicy(), merged.reservationTtlOverride(),
                    merged.rateLimits(), merged.status(), merged.effectiveFrom(), merged.effectiveUntil(),
                    merged.createdAt(), Now.of(clock));
            store.update(c, after);
            audit.record(c, ctx, 200, found.tenantId(), ResourceType.POLICY, policyId, meta);
            events.emit(c, ctx, "policy.updated", found.tenantId(), after.scopePattern(), eventData(after, changed), null);
            return after;
        });
    }

    /** The policy's tenant: the key's own, or the admin's required tenant_id. */
    private static String owningTenant(Principal caller, String requested) {
        if (caller instanceof Principal.TenantKey key) {
            if (requested != null) {
                throw ApiException.badRequest("tenant_id must not be sent with a tenant API key (the key's tenant owns the policy)");
            }
            return key.tenantId();
        }
        Check.tenantId(requested, "tenant_id");
        return requested;
    }


    private static ScopePattern parsePattern(String raw) {
        try {
            return ScopePattern.parse(raw);
        } catch (ScopePattern.InvalidPatternException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static CommitOveragePolicy overage(CommitOveragePolicy spec, CommitOveragePolicy seed) {
        if (spec != null && seed != null && spec != seed) {
            throw ApiException.badRequest("commit_overage_policy and overage_policy disagree; send one of them");
        }
        return spec != null ? spec : seed;
    }

    static void checkCaps(Caps caps) {
        if (caps == null) {
            return;
        }
        Check.range(caps.maxTokens(), 0, Long.MAX_VALUE, "caps.max_tokens");
        Check.range(caps.maxStepsRemaining(), 0, Long.MAX_VALUE, "caps.max_steps_remaining");
        Check.range(caps.cooldownMs(), 0, Long.MAX_VALUE, "caps.cooldown_ms");
        checkTools(caps.toolAllowlist(), "caps.tool_allowlist");
        checkTools(caps.toolDenylist(), "caps.tool_denylist");
    }

    private static void checkTools(List<String> tools, String field) {
        Check.strings(tools, Limits.TOOLS, Limits.TOOL, field);
    }

    static void checkTtl(ReservationTtlOverride ttl) {
        if (ttl == null) {
            return;
        }
        Check.range(ttl.defaultTtlMs(), ReservationTtl.MIN_MS, ReservationTtl.MAX_MS, "reservation_ttl_override.default_ttl_ms");
        Check.range(ttl.maxTtlMs(), ReservationTtl.MIN_MS, ReservationTtl.MAX_MS, "reservation_ttl_override.max_ttl_ms");
        Check.range(ttl.maxExtensions(), 0, Integer.MAX_VALUE, "reservation_ttl_override.max_extensions");
        if (ttl.defaultTtlMs() != null && ttl.maxTtlMs() != null && ttl.defaultTtlMs() > ttl.maxTtlMs()) {
            throw ApiException.badRequest("reservation_ttl_override.default_ttl_ms must not exceed max_ttl_ms");
        }
    }

    static void checkRateLimits(RateLimits limits) {
        if (limits == null) {
            return;
        }
        Check.range(limits.maxReservationsPerMinute(), 1, Integer.MAX_VALUE, "rate_limits.max_reservations_per_minute");
        Check.range(limits.maxCommitsPerMinute(), 1, Integer.MAX_VALUE, "rate_limits.max_commits_per_minute");
    }

    private static void checkWindow(Instant from, Instant until) {
        if (from != null && until != null && !from.isBefore(until)) {
            throw ApiException.badRequest("effective_from must be before effective_until");
        }
    }

    private static List<String> changedFields(Policy a, Policy b) {
        List<String> out = new ArrayList<>();
        diff(out, "name", a.name(), b.name());
        diff(out, "description", a.description(), b.description());
        diff(out, "priority", a.priority(), b.priority());
        diff(out, "caps", a.caps(), b.caps());
        diff(out, "commit_overage_policy", a.commitOveragePolicy(), b.commitOveragePolicy());
        diff(out, "reservation_ttl_override", a.reservationTtlOverride(), b.reservationTtlOverride());
        diff(out, "rate_limits", a.rateLimits(), b.rateLimits());
        diff(out, "status", a.status(), b.status());
        diff(out, "effective_from", a.effectiveFrom(), b.effectiveFrom());
        diff(out, "effective_until", a.effectiveUntil(), b.effectiveUntil());
        return out;
    }

    private static void diff(List<String> out, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(field);
        }
    }

    private static Map<String, Object> eventData(Policy p, List<String> changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("policy_id", p.policyId());
        data.put("name", p.name());
        data.put("scope_pattern", p.scopePattern());
        if (changed != null) {
            data.put("changed_fields", changed);
        }
        return data;
    }
}
