package dev.cycles.admin.server.budget;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.core.Now;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetFundingResponse;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Funding;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.LedgerFigures;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.tenant.TenantStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * POST /v1/admin/budgets/fund: the five operations, applied in one transaction with their audit
 * row and events. An idempotency key replays the first answer for the same payload (24 hours).
 */
public final class FundingService {
    private final Clock clock;
    static final Duration REPLAY_WINDOW = Duration.ofHours(24);
    private static final ObjectWriter CANONICAL = Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Database db;
    private final BudgetStore store;
    private final BudgetAccess access;
    private final AuditTrail audit;
    private final EventLog events;
    private final BudgetEvents budgetEvents;

    public FundingService(Database db, BudgetStore store, TenantStore tenants, AuditTrail audit, EventLog events, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.store = store;
        this.access = new BudgetAccess(store, tenants);
        this.audit = audit;
        this.events = events;
        this.budgetEvents = new BudgetEvents(events);
    }

    public BudgetFundingResponse fund(OperationContext ctx, String rawScope, UnitEnum unit, String tenantIdParam, BudgetFundingRequest req) {
        Scope scope = BudgetAccess.parseScope(rawScope);
        FundingOperation op = Check.required(req.operation(), "operation");
        Amount amount = BudgetAmounts.inUnit(Check.required(req.amount(), "amount"), unit, "amount");
        Long spent = null;
        if (req.spent() != null) {
            if (op != FundingOperation.RESET_SPENT) {
                throw ApiException.badRequest("Field 'spent' is only allowed with RESET_SPENT");
            }
            spent = BudgetAmounts.inUnit(req.spent(), unit, "spent").amount();
        }
        Check.maxLength(req.reason(), Limits.REASON, "reason");
        Check.metadata(req.metadata(), "metadata");
        String key = req.idempotencyKey();
        if (key != null && (key.isEmpty() || key.length() > 256)) {
            throw ApiException.badRequest("Field 'idempotency_key' must be 1-256 characters");
        }
        if (ctx.principal().isAdmin() && tenantIdParam != null && !tenantIdParam.equals(scope.tenantId())) {
            throw ApiException.badRequest("tenant_id '" + tenantIdParam + "' does not own scope " + scope);
        }
        String digest = payloadDigest(scope, unit, op, amount.amount(), spent, req);
        Long spentOverride = spent;
        return db.write(c -> {
            Ledger before = access.visibleLedger(c, ctx.principal(), scope, unit);
            if (key != null) {
                BudgetStore.Replay replay = store.findReplay(c, before.tenantId(), key);
                if (replay != null && replay.createdAt() > Now.of(clock).minus(REPLAY_WINDOW).toEpochMilli()) {
                    if (!replay.payloadDigest().equals(digest)) {
                        throw ApiException.conflict(ErrorCode.IDEMPOTENCY_MISMATCH,
                                "idempotency_key '" + key + "' was already used with a different request");
                    }
                    audit.record(c, ctx, 200, before.tenantId(), ResourceType.BUDGET, before.scope(), Map.of("idempotent_replay", true, "idempotency_key", key));
                    return Json.mapper().readValue(replay.response(), BudgetFundingResponse.class);
                }
            }
            Ledger after = applyTo(c, ctx, before, op, amount.amount(), spentOverride, req.reason(), null);
            Instant now = after.updatedAt();
            BudgetFundingResponse response = new BudgetFundingResponse(op.name(),
                    Amount.of(unit, before.allocated()), Amount.of(unit, after.allocated()),
                    Amount.of(unit, before.remaining()), Amount.of(unit, after.remaining()),
                    Amount.of(unit, before.debt()), Amount.of(unit, after.debt()),
                    Amount.of(unit, before.spent()), Amount.of(unit, after.spent()), now);
            if (key != null) {
                store.saveReplay(c, before.tenantId(), key, digest, Json.mapper().writeValueAsString(response), now.toEpochMilli());
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("operation", op.name());
            meta.put("amount", Map.of("unit", unit.name(), "amount", amount.amount()));
            if (key != null) {
                meta.put("idempotency_key", key);
            }
            if (req.reason() != null) {
                meta.put("reason", req.reason());
            }
            audit.record(c, ctx, 200, after.tenantId(), ResourceType.BUDGET, after.scope(), meta);
            return response;
        });
    }

    /**
     * One funding operation on one ledger inside the caller's transaction: the open-tenant rule,
     * FROZEN and CLOSED refusals, the exact math, the row update, the operation's event (with
     * {@code correlationId}) and the signals it raises. The fund endpoint and each row of a
     * budget bulk action both come through here; the caller writes the audit row.
     */
    Ledger applyTo(Connection c, OperationContext ctx, Ledger before, FundingOperation op, long amount, Long spentOverride,
                   String reason, String correlationId) throws SQLException {
        access.checkOpenTenant(c, before.tenantId());
        if (before.status() == BudgetStatus.FROZEN) {
            throw ApiException.conflict(ErrorCode.BUDGET_FROZEN, "Budget " + before.scope() + " is FROZEN; unfreeze it to fund it");
        }
        if (before.status() == BudgetStatus.CLOSED) {
            throw ApiException.conflict(ErrorCode.BUDGET_CLOSED, "Budget " + before.scope() + " is CLOSED");
        }
        LedgerFigures figures = apply(before.figures(), op, amount, spentOverride);
        Ledger after = before.withFigures(figures, Now.of(clock));
        store.update(c, after);
        Map<String, Object> data = BudgetEvents.lifecycle(after, op.name(), before.state(), after.state(), reason);
        if (op == FundingOperation.RESET_SPENT) {
            data.put("spent_override_provided", spentOverride != null);
        }
        events.emit(c, ctx, eventType(op), after.tenantId(), after.scope(), data, correlationId);
        budgetEvents.signals(c, ctx, before, after);
        return after;
    }

    private static LedgerFigures apply(LedgerFigures before, FundingOperation op, long amount, Long spent) {
        try {
            return Funding.apply(before, op, amount, spent);
        } catch (Funding.RefusedException e) {
            throw switch (e.refusal()) {
                case INSUFFICIENT_REMAINING -> ApiException.conflict(ErrorCode.BUDGET_EXCEEDED, e.getMessage());
                case OVERFLOW, NEGATIVE_AMOUNT -> ApiException.badRequest(e.getMessage());
            };
        }
    }

    private static String eventType(FundingOperation op) {
        return switch (op) {
            case CREDIT -> "budget.funded";
            case DEBIT -> "budget.debited";
            case RESET -> "budget.reset";
            case RESET_SPENT -> "budget.reset_spent";
            case REPAY_DEBT -> "budget.debt_repaid";
        };
    }

    /** A canonical digest of what the request asks for, so a replay can be told from a different request. */
    private static String payloadDigest(Scope scope, UnitEnum unit, FundingOperation op, long amount, Long spent, BudgetFundingRequest req) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("scope", scope.canonical());
        canonical.put("unit", unit.name());
        canonical.put("operation", op.name());
        canonical.put("amount", amount);
        canonical.put("spent", spent);
        canonical.put("reason", req.reason());
        canonical.put("metadata", req.metadata());
        try {
            byte[] json = CANONICAL.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
