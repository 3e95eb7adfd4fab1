package dev.cycles.admin.server.tenant;

import dev.cycles.admin.model.ReservationTtl;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.model.ReservationExpiryPolicy;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.ReadCache;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Tenant rules: validation, idempotent create, status lifecycle and the close cascade. */
public final class TenantService {
    private final Clock clock;
    private static final List<String> SETTINGS = List.of("default_commit_overage_policy",
            "default_reservation_ttl_ms", "max_reservation_ttl_ms", "max_reservation_extensions");

    /** A create's outcome: the stored tenant and whether this call made it. */
    public record Created(Tenant tenant, boolean isNew) {
    }

    private final Database db;
    private final TenantStore store;
    private final AuditTrail audit;
    private final EventLog events;
    private final List<TenantCloseCascade> cascades;
    /** GET /v1/admin/tenants/{id} is polled by dashboards and scripts; answers repeat until the next write. */
    private final ReadCache<String, Tenant> byId;

    public TenantService(Database db, TenantStore store, AuditTrail audit, EventLog events, List<TenantCloseCascade> cascades, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.cascades = cascades;
        this.byId = new ReadCache<>(db::writeGeneration, 1024);
    }

    public Created create(OperationContext ctx, TenantCreateRequest req) {
        Check.tenantId(req.tenantId(), "tenant_id");
        ctx.target(ResourceType.TENANT, req.tenantId());
        Check.required(req.name(), "name");
        Check.maxLength(req.name(), Limits.NAME, "name");
        Check.metadata(req.metadata(), "metadata");
        if (req.parentTenantId() != null) {
            Check.tenantId(req.parentTenantId(), "parent_tenant_id");
        }
        if (req.status() == TenantStatus.CLOSED) {
            throw ApiException.badRequest("A tenant cannot be created CLOSED");
        }
        long defaultTtl = orDefault(req.defaultReservationTtlMs(), 60_000L);
        long maxTtl = orDefault(req.maxReservationTtlMs(), 3_600_000L);
        checkTtls(defaultTtl, maxTtl, req.maxReservationExtensions());
        return db.write(c -> {
            Tenant existing = store.find(c, req.tenantId());
            if (existing != null) {
                if (!existing.name().equals(req.name())) {
                    throw ApiException.conflict(ErrorCode.DUPLICATE_RESOURCE,
                            "Tenant '" + req.tenantId() + "' already exists with a different name");
                }
                audit.record(c, ctx, 200, existing.tenantId(), ResourceType.TENANT, existing.tenantId(), Map.of("idempotent_replay", true));
                return new Created(existing, false);
            }
            if (req.parentTenantId() != null && store.find(c, req.parentTenantId()) == null) {
                throw ApiException.notFound(ErrorCode.TENANT_NOT_FOUND, "Parent tenant '" + req.parentTenantId() + "' does not exist");
            }
            Instant now = Now.of(clock);
            TenantStatus status = req.status() == null ? TenantStatus.ACTIVE : req.status();
            Tenant t = new Tenant(req.tenantId(), req.name(), status, req.parentTenantId(),
                    req.defaultCommitOveragePolicy() == null ? CommitOveragePolicy.ALLOW_IF_AVAILABLE : req.defaultCommitOveragePolicy(),
                    defaultTtl, maxTtl, orDefault(req.maxReservationExtensions(), 10L),
                    req.reservationExpiryPolicy() == null ? ReservationExpiryPolicy.AUTO_RELEASE : req.reservationExpiryPolicy(),
                    req.metadata(), now, null, status == TenantStatus.SUSPENDED ? now : null, null);
            store.insert(c, t);
            audit.record(c, ctx, 201, t.tenantId(), ResourceType.TENANT, t.tenantId(), null);
            events.emit(c, ctx, "tenant.created", t.tenantId(), null, lifecycle(t.tenantId(), null, status, List.of()), null);
            return new Created(t, true);
        });
    }

    public Tenant get(String tenantId) {
        Tenant t = byId.get(tenantId, () -> db.read(c -> store.find(c, tenantId)));
        if (t == null) {
            throw notFound(tenantId);
        }
        return t;
    }

    public Page<Tenant> list(TenantFilter filter, PageSpec page) {
        return db.read(c -> store.list(c, filter, PageRequest.of(TenantStore.SORTS, page)));
    }

    public Tenant update(OperationContext ctx, String tenantId, TenantUpdateRequest req) {
        if (req.name() != null) {
            Check.required(req.name(), "name");
            Check.maxLength(req.name(), Limits.NAME, "name");
        }
        Check.metadata(req.metadata(), "metadata");
        checkTtls(req.defaultReservationTtlMs(), req.maxReservationTtlMs(), req.maxReservationExtensions());
        return db.write(c -> {
            Tenant before = store.find(c, tenantId);
            if (before == null) {
                throw notFound(tenantId);
            }
            TenantStatus newStatus = req.status() == null ? before.status() : req.status();
            if (before.status() == TenantStatus.CLOSED && newStatus != TenantStatus.CLOSED) {
                throw new ClosedIsFinal(tenantId);
            }
            boolean reclose = before.status() == TenantStatus.CLOSED && req.status() == TenantStatus.CLOSED;
            long defaultTtl = orDefault(req.defaultReservationTtlMs(), before.defaultReservationTtlMs());
            long maxTtl = orDefault(req.maxReservationTtlMs(), before.maxReservationTtlMs());
            if (defaultTtl > maxTtl) {
                throw ApiException.badRequest("default_reservation_ttl_ms (" + defaultTtl
                        + ") must not exceed max_reservation_ttl_ms (" + maxTtl + ")");
            }
            Instant now = Now.of(clock);
            Tenant after = new Tenant(before.tenantId(),
                    req.name() == null ? before.name() : req.name(),
                    newStatus, before.parentTenantId(),
                    req.defaultCommitOveragePolicy() == null ? before.defaultCommitOveragePolicy() : req.defaultCommitOveragePolicy(),
                    defaultTtl, maxTtl,
                    orDefault(req.maxReservationExtensions(), before.maxReservationExtensions()),
                    before.reservationExpiryPolicy(),
                    req.metadata() == null ? before.metadata() : req.metadata(),
                    before.createdAt(), now,
                    suspendedAt(before, newStatus, now), closedAt(before, newStatus, now));
            List<String> changed = changedFields(before, after);
            boolean statusChanged = before.status() != newStatus;
            if (changed.isEmpty() && !statusChanged) {
                audit.record(c, ctx, 200, tenantId, ResourceType.TENANT, tenantId, Map.of("changed_fields", List.of()));
                if (reclose) {
                    closeCascade(c, ctx, tenantId);
                }
                return before;
            }
            store.update(c, after);
            audit.record(c, ctx, 200, tenantId, ResourceType.TENANT, tenantId, Map.of("changed_fields", withStatus(changed, statusChanged)));
            if (statusChanged) {
                statusChanged(c, ctx, before.status(), after, changed,
                        newStatus == TenantStatus.CLOSED ? cascadeCorrelation(tenantId, ctx) : null);
            } else if (reclose) {
                closeCascade(c, ctx, tenantId);
            }
            if (!changed.isEmpty()) {
                String type = SETTINGS.containsAll(changed) ? "tenant.settings_changed" : "tenant.updated";
                events.emit(c, ctx, type, tenantId, null, lifecycle(tenantId, before.status(), newStatus, changed), null);
            }
            return after;
        });
    }

    /** What {@link #transition} did to one tenant. */
    public enum Transition { CHANGED, ALREADY_IN_TARGET_STATE }

    /** Leaving CLOSED: closing is final (400 on PATCH; INVALID_TRANSITION as a bulk row). */
    public static final class ClosedIsFinal extends ApiException {
        ClosedIsFinal(String tenantId) {
            super(400, ErrorCode.INVALID_REQUEST, "Tenant '" + tenantId + "' is CLOSED; closing is final");
        }
    }

    /**
     * Moves one tenant to {@code target} inside the caller's transaction, with the PATCH's rules,
     * its status event (correlated by {@code eventCorrelation}) and, for CLOSED, the same cascade.
     * The caller writes the audit row. A tenant already in {@code target} is left alone, except
     * that closing a CLOSED tenant again finishes any child transition still missing (the
     * cascade only touches children not yet terminal, so nothing is recorded twice).
     */
    public Transition transition(Connection c, OperationContext ctx, String tenantId, TenantStatus target, String eventCorrelation)
            throws SQLException {
        Tenant before = store.find(c, tenantId);
        if (before == null) {
            throw notFound(tenantId);
        }
        if (before.status() == target) {
            if (target == TenantStatus.CLOSED) {
                closeCascade(c, ctx, tenantId);
            }
            return Transition.ALREADY_IN_TARGET_STATE;
        }
        if (before.status() == TenantStatus.CLOSED) {
            throw new ClosedIsFinal(tenantId);
        }
        Instant now = Now.of(clock);
        Tenant after = new Tenant(before.tenantId(), before.name(), target, before.parentTenantId(),
                before.defaultCommitOveragePolicy(), before.defaultReservationTtlMs(), before.maxReservationTtlMs(),
                before.maxReservationExtensions(), before.reservationExpiryPolicy(), before.metadata(), before.createdAt(), now,
                suspendedAt(before, target, now), closedAt(before, target, now));
        store.update(c, after);
        statusChanged(c, ctx, before.status(), after, List.of(), eventCorrelation);
        return Transition.CHANGED;
    }

    /** The status event of a change; closing first runs the cascade over everything the tenant owns. */
    private void statusChanged(Connection c, OperationContext ctx, TenantStatus previous, Tenant after, List<String> changed,
                               String eventCorrelation) throws SQLException {
        String type = switch (after.status()) {
            case SUSPENDED -> "tenant.suspended";
            case ACTIVE -> "tenant.reactivated";
            case CLOSED -> "tenant.closed";
        };
        if (after.status() == TenantStatus.CLOSED) {
            closeCascade(c, ctx, after.tenantId());
        }
        events.emit(c, ctx, type, after.tenantId(), null, lifecycle(after.tenantId(), previous, after.status(), changed), eventCorrelation);
    }

    /**
     * The close cascade (spec Mode A, in the close's transaction): every open child reaches its
     * terminal state with its own audit row and event, correlated by
     * {@code tenant_close_cascade:<tenant_id>:<request_id>}. Children already terminal are not
     * touched, so running it again only finishes what is missing.
     */
    private void closeCascade(Connection c, OperationContext ctx, String tenantId) throws SQLException {
        String correlation = cascadeCorrelation(tenantId, ctx);
        for (TenantCloseCascade cascade : cascades) {
            cascade.onTenantClosed(c, ctx, tenantId, correlation);
        }
    }

    private static String cascadeCorrelation(String tenantId, OperationContext ctx) {
        return "tenant_close_cascade:" + tenantId + ":" + ctx.requestId();
    }

    private static Instant suspendedAt(Tenant before, TenantStatus next, Instant now) {
        return next == TenantStatus.SUSPENDED && before.status() != TenantStatus.SUSPENDED ? now
                : next == TenantStatus.ACTIVE ? null : before.suspendedAt();
    }

    private static Instant closedAt(Tenant before, TenantStatus next, Instant now) {
        return next == TenantStatus.CLOSED && before.closedAt() == null ? now : before.closedAt();
    }

    private static ApiException notFound(String tenantId) {
        return ApiException.notFound(ErrorCode.TENANT_NOT_FOUND, "Tenant '" + tenantId + "' not found");
    }

    private static void checkTtls(Long defaultTtl, Long maxTtl, Long maxExtensions) {
        Check.range(defaultTtl, ReservationTtl.MIN_MS, ReservationTtl.MAX_MS, "default_reservation_ttl_ms");
        Check.range(maxTtl, ReservationTtl.MIN_MS, ReservationTtl.MAX_MS, "max_reservation_ttl_ms");
        Check.range(maxExtensions, 0, Integer.MAX_VALUE, "max_reservation_extensions");
        if (defaultTtl != null && maxTtl != null && defaultTtl > maxTtl) {
            throw ApiException.badRequest("default_reservation_ttl_ms (" + defaultTtl
                    + ") must not exceed max_reservation_ttl_ms (" + maxTtl + ")");
        }
    }

    private static List<String> changedFields(Tenant a, Tenant b) {
        List<String> out = new ArrayList<>();
        if (!a.name().equals(b.name())) {
            out.add("name");
        }
        if (!Objects.equals(a.metadata(), b.metadata())) {
            out.add("metadata");
        }
        if (a.defaultCommitOveragePolicy() != b.defaultCommitOveragePolicy()) {
            out.add("default_commit_overage_policy");
        }
        if (!a.defaultReservationTtlMs().equals(b.defaultReservationTtlMs())) {
            out.add("default_reservation_ttl_ms");
        }
        if (!a.maxReservationTtlMs().equals(b.maxReservationTtlMs())) {
            out.add("max_reservation_ttl_ms");
        }
        if (!a.maxReservationExtensions().equals(b.maxReservationExtensions())) {
            out.add("max_reservation_extensions");
        }
        return out;
    }

    private static List<String> withStatus(List<String> changed, boolean statusChanged) {
        List<String> all = new ArrayList<>(changed);
        if (statusChanged) {
            all.add(0, "status");
        }
        return all;
    }

    private static Map<String, Object> lifecycle(String tenantId, TenantStatus previous, TenantStatus next, List<String> changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenant_id", tenantId);
        if (previous != null) {
            data.put("previous_status", previous.name());
        }
        data.put("new_status", next.name());
        data.put("changed_fields", changed);
        return data;
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
