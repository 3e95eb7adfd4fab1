package dev.cycles.admin.server.budget;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.BudgetStatusTransitionRequest;
import dev.cycles.admin.model.BudgetUpdateRequest;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.model.RolloverPolicy;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.ReadCache;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.tenant.TenantCloseCascade;

import java.time.Clock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Budget ledger lifecycle: create, read, settings, freeze/unfreeze, and closing with the tenant. */
public final class BudgetService implements TenantCloseCascade {
    private final Clock clock;
    private final Database db;
    private final BudgetStore store;
    private final BudgetAccess access;
    private final AuditTrail audit;
    private final EventLog events;
    private final BudgetEvents budgetEvents;
    /** Budget lists and balances repeat between writes (dashboards poll them); 64 answers at most. */
    private final ReadCache<ListQuery, Page<BudgetLedger>> lists;

    /** Everything a list answer depends on: the caller's effective filter (tenant and scope filter included) and page. */
    private record ListQuery(BudgetFilter filter, PageRequest page) {
    }

    public BudgetService(Database db, BudgetStore store, dev.cycles.admin.server.tenant.TenantStore tenants,
                         AuditTrail audit, EventLog events, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.store = store;
        this.access = new BudgetAccess(store, tenants);
        this.audit = audit;
        this.events = events;
        this.budgetEvents = new BudgetEvents(events);
        this.lists = new ReadCache<>(db::writeGeneration, 64);
    }

    public BudgetLedger create(OperationContext ctx, BudgetCreateRequest req) {
        Scope scope = BudgetAccess.parseScope(Check.required(req.scope(), "scope"));
        ctx.target(ResourceType.BUDGET, scope.canonical());
        UnitEnum unit = Check.required(req.unit(), "unit");
        Amount allocated = BudgetAmounts.inUnit(Check.required(req.allocated(), "allocated"), unit, "allocated");
        Check.metadata(req.metadata(), "metadata");
        Amount overdraft = req.overdraftLimit() == null ? Amount.of(unit, 0)
                : BudgetAmounts.inUnit(req.overdraftLimit(), unit, "overdraft_limit");
        Instant periodStart = Check.time(req.periodStart(), "period_start");
        Instant periodEnd = Check.time(req.periodEnd(), "period_end");
        if (periodStart != null && periodEnd != null && periodEnd.isBefore(periodStart)) {
            throw ApiException.badRequest("period_end must not be before period_start");
        }
        String tenantId = owningTenant(ctx.principal(), req.tenantId(), scope);
        return db.write(c -> {
            Tenant tenant = access.requireOpenTenant(c, tenantId);
            if (tenant.status() != TenantStatus.ACTIVE) {
                throw new ApiException(400, ErrorCode.TENANT_SUSPENDED, "Tenant '" + tenantId + "' is " + tenant.status()
                        + "; budgets can be created for ACTIVE tenants only");
            }
            if (store.find(c, scope.canonical(), unit) != null) {
                throw ApiException.conflict(ErrorCode.DUPLICATE_RESOURCE, "A budget for scope " + scope + " in " + unit + " already exists");
            }
            Instant now = Now.of(clock);
            Ledger l = new Ledger(Ids.newId("led_"), tenantId, scope.canonical(), unit,
                    allocated.amount(), 0, 0, 0, overdraft.amount(), false, req.commitOveragePolicy(), BudgetStatus.ACTIVE,
                    req.rolloverPolicy() == null ? RolloverPolicy.NONE : req.rolloverPolicy(),
                    periodStart, periodEnd, now, now, null);
            store.insert(c, l, req.metadata());
            audit.record(c, ctx, 201, tenantId, ResourceType.BUDGET, l.scope(), amountMeta(l));
            events.emit(c, ctx, "budget.created", tenantId, l.scope(), BudgetEvents.lifecycle(l, "CREATE", null, l.state(), null), null);
            return l.toWire();
        });
    }

    /** GET /v1/admin/budgets: largest utilization first unless the client sorts otherwise. */
    public Page<BudgetLedger> list(Principal caller, BudgetFilter filter, PageSpec spec) {
        return list(caller, filter, PageRequest.of(BudgetStore.SORTS, spec));
    }

    /** GET /v1/balances: the key's open ledgers in scope order unless the client sorts otherwise. */
    public Page<BudgetLedger> balances(Principal caller, BudgetFilter filter, PageSpec spec) {
        return list(caller, filter, PageRequest.of(BudgetStore.SORTS.withDefault("scope", false), spec));
    }

    private Page<BudgetLedger> list(Principal caller, BudgetFilter filter, PageRequest page) {
        BudgetFilter f = filter;
        if (caller instanceof Principal.TenantKey key) {
            f = new BudgetFilter(key.tenantId(), filter.scopePrefix(), filter.unit(), filter.status(),
                    filter.overLimit(), filter.hasDebt(), filter.utilizationMin(), filter.utilizationMax(),
                    filter.search(), key.scopeFilter(), filter.excludeClosed());
        }
        f.requireValid();
        BudgetFilter effective = f;
        return lists.get(new ListQuery(effective, page), () -> {
            Page<Ledger> ledgers = db.read(c -> store.list(c, effective, page));
            return new Page<>(ledgers.items().stream().map(Ledger::toWire).toList(), ledgers.nextCursor());
        });
    }

    public BudgetLedger lookup(Principal caller, String rawScope, UnitEnum unit) {
        Scope scope = BudgetAccess.parseScope(rawScope);
        return db.read(c -> access.visibleLedger(c, caller, scope, unit)).toWire();
    }

    public BudgetLedger update(OperationContext ctx, String rawScope, UnitEnum unit, BudgetUpdateRequest req) {
        Scope scope = BudgetAccess.parseScope(rawScope);
        Amount overdraft = req.overdraftLimit() == null ? null : BudgetAmounts.inUnit(req.overdraftLimit(), unit, "overdraft_limit");
        Check.metadata(req.metadata(), "metadata");
        return db.write(c -> {
            Ledger before = access.visibleLedger(c, ctx.principal(), scope, unit);
            access.requireOpenTenant(c, before.tenantId());
            if (before.status() == BudgetStatus.CLOSED) {
                throw ApiException.conflict(ErrorCode.BUDGET_CLOSED, "Budget " + scope + " is CLOSED");
            }
            Ledger after = before.withSettings(overdraft == null ? before.overdraftLimit() : overdraft.amount(),
                    req.commitOveragePolicy() == null ? before.commitOveragePolicy() : req.commitOveragePolicy(), Now.of(clock));
            store.update(c, after);
            boolean metadataChanged = false;
            if (req.metadata() != null) {
                // Compared as stored text: the stored value is never parsed (it may predate the caps).
                String json = dev.cycles.admin.server.db.Sql.toJson(req.metadata());
                metadataChanged = !json.equals(store.metadataJson(c, before.ledgerId()));
                if (metadataChanged) {
                    store.updateMetadata(c, before.ledgerId(), json);
                }
            }
            List<String> changed = new ArrayList<>();
            if (after.overdraftLimit() != before.overdraftLimit()) {
                changed.add("overdraft_limit");
            }
            if (after.commitOveragePolicy() != before.commitOveragePolicy()) {
                changed.add("commit_overage_policy");
            }
            if (metadataChanged) {
                changed.add("metadata");
            }
            audit.record(c, ctx, 200, after.tenantId(), ResourceType.BUDGET, after.scope(), Map.of("changed_fields", changed));
            events.emit(c, ctx, "budget.updated", after.tenantId(), after.scope(),
                    BudgetEvents.lifecycle(after, "UPDATE", before.state(), after.state(), null), null);
            budgetEvents.overLimitFlip(c, ctx, before, after);
            return after.toWire();
        });
    }

    public BudgetLedger changeStatus(OperationContext ctx, String rawScope, UnitEnum unit, BudgetStatusTransitionRequest req, boolean freeze) {
        Scope scope = BudgetAccess.parseScope(rawScope);
        if (req != null) {
            Check.maxLength(req.reason(), Limits.REASON, "reason");
            Check.metadata(req.metadata(), "metadata");
        }
        String reason = req == null ? null : req.reason();
        return db.write(c -> {
            Ledger before = access.visibleLedger(c, ctx.principal(), scope, unit);
            access.requireOpenTenant(c, before.tenantId());
            if (before.status() == BudgetStatus.CLOSED) {
                throw ApiException.conflict(ErrorCode.BUDGET_CLOSED, "Budget " + scope + " is CLOSED");
            }
            BudgetStatus target = freeze ? BudgetStatus.FROZEN : BudgetStatus.ACTIVE;
            if (before.status() == target) {
                throw freeze
                        ? ApiException.conflict(ErrorCode.BUDGET_FROZEN, "Budget " + scope + " is already FROZEN")
                        : ApiException.conflict(ErrorCode.INVALID_REQUEST, "Budget " + scope + " is not FROZEN");
            }
            Ledger after = before.withStatus(target, Now.of(clock));
            store.update(c, after);
            audit.record(c, ctx, 200, after.tenantId(), ResourceType.BUDGET, after.scope(), reason == null ? null : Map.of("reason", reason));
            events.emit(c, ctx, freeze ? "budget.frozen" : "budget.unfrozen", after.tenantId(), after.scope(),
                    BudgetEvents.lifecycle(after, "STATUS_CHANGE", before.state(), after.state(), reason), null);
            return after.toWire();
        });
    }

    @Override
    public void onTenantClosed(Connection c, OperationContext ctx, String tenantId, String correlationId) throws SQLException {
        Instant now = Now.of(clock);
        for (Ledger l : store.openForTenant(c, tenantId)) {
            // Open reservations are released with the tenant: their hold returns to remaining.
            Ledger drained = new Ledger(l.ledgerId(), l.tenantId(), l.scope(), l.unit(), l.allocated(), l.spent(), 0,
                    l.debt(), l.overdraftLimit(), l.overLimit(), l.commitOveragePolicy(), l.status(), l.rolloverPolicy(),
                    l.periodStart(), l.periodEnd(), l.createdAt(), now, l.closedAt());
            Ledger closed = drained.withStatus(BudgetStatus.CLOSED, now);
            store.update(c, closed);
            audit.recordCascade(c, ctx, "budget.closed_via_tenant_cascade", tenantId, ResourceType.BUDGET, l.scope(),
                    Map.of("correlation_id", correlationId));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ledger_id", l.ledgerId());
            data.put("scope", l.scope());
            data.put("unit", l.unit().name());
            data.put("prior_status", l.status().name());
            data.put("new_status", "CLOSED");
            data.put("cascade_reason", "tenant_closed");
            events.emit(c, ctx, "budget.closed_via_tenant_cascade", tenantId, l.scope(), data, correlationId);
            if (l.reserved() > 0) {
                Map<String, Object> released = new LinkedHashMap<>();
                released.put("ledger_id", l.ledgerId());
                released.put("scope", l.scope());
                released.put("unit", l.unit().name());
                released.put("released_amount", l.reserved());
                released.put("cascade_reason", "tenant_closed");
                events.emit(c, ctx, "reservation.released_via_tenant_cascade", tenantId, l.scope(), released, correlationId);
            }
        }
    }

    /** The tenant a new budget belongs to: the key's own, or the admin's tenant_id, agreeing with the scope. */
    private static String owningTenant(Principal caller, String requested, Scope scope) {
        if (caller instanceof Principal.TenantKey key) {
            if (requested != null && !requested.equals(key.tenantId())) {
                throw ApiException.badRequest("tenant_id must be omitted with a tenant key (it is the key's tenant)");
            }
            if (!scope.tenantId().equals(key.tenantId())) {
                throw ApiException.forbidden(ErrorCode.FORBIDDEN, "Scope " + scope + " belongs to another tenant");
            }
            BudgetAccess.requireScopeFilter(key, scope);
            return key.tenantId();
        }
        if (requested == null) {
            throw ApiException.badRequest("Field 'tenant_id' is required with the admin key");
        }
        if (!scope.tenantId().equals(requested)) {
            throw ApiException.badRequest("Scope tenant '" + scope.tenantId() + "' does not match tenant_id '" + requested + "'");
        }
        return requested;
    }

    static Map<String, Object> amountMeta(Ledger l) {
        return Map.of("unit", l.unit().name(), "allocated", l.allocated());
    }
}
