package dev.cycles.admin.server.budget;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetBulkActionRequest;
import dev.cycles.admin.model.BudgetBulkActionResponse;
import dev.cycles.admin.model.BudgetBulkFilter;
import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.Limits;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.bulk.BulkPlan;
import dev.cycles.admin.server.bulk.BulkRequests;
import dev.cycles.admin.server.bulk.BulkRunner;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.tenant.OpenTenantRule;
import dev.cycles.admin.server.tenant.TenantStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * POST /v1/admin/budgets/bulk-action: one funding operation on every ledger of one tenant the
 * filter selects, with the list's filter ({@link BudgetStore#where}) and the fund endpoint's
 * per-ledger rules ({@link FundingService#applyTo}). The shared contract is {@link BulkRunner}'s.
 */
public final class BudgetBulkService {
    private final BulkRunner runner;
    private final BudgetStore store;
    private final FundingService funding;
    private final OpenTenantRule openTenants;

    public BudgetBulkService(BulkRunner runner, BudgetStore store, TenantStore tenants, FundingService funding) {
        this.runner = runner;
        this.store = store;
        this.funding = funding;
        this.openTenants = new OpenTenantRule(tenants);
    }

    public BudgetBulkActionResponse apply(OperationContext ctx, BudgetBulkActionRequest req) {
        BudgetBulkFilter f = BulkRequests.filter(req.filter());
        if (f.tenantId() == null || f.tenantId().isEmpty()) {
            throw ApiException.badRequest("Field 'filter.tenant_id' is required (a budget bulk action targets one tenant)");
        }
        Check.tenantId(f.tenantId(), "filter.tenant_id");
        ctx.target(ResourceType.TENANT, f.tenantId());
        FundingOperation action = BulkRequests.action(req.action());
        String key = BulkRequests.idempotencyKey(req.idempotencyKey());
        BulkRequests.expectedCount(req.expectedCount());
        Check.maxLength(req.reason(), Limits.REASON, "reason");
        BudgetFilter filter = new BudgetFilter(f.tenantId(), BudgetFilter.scopePrefix(f.scopePrefix(), "filter.scope_prefix"),
                f.unit(), f.status(), f.overLimit(), f.hasDebt(), f.utilizationMin(), f.utilizationMax(),
                BulkRequests.search(f.search()), null, false);
        filter.requireValid();
        // The payload is checked before anything is counted: a bad combination is a 400 with no writes.
        Amount amount = amount(Check.required(req.amount(), "amount"), f.unit(), "amount");
        Long spent = null;
        if (action == FundingOperation.RESET_SPENT && req.spent() != null) {
            Amount s = amount(req.spent(), amount.unit(), "spent");
            if (s.unit() != amount.unit()) {
                throw new ApiException(400, ErrorCode.UNIT_MISMATCH, "Field 'spent' is in " + s.unit() + " but 'amount' is in " + amount.unit());
            }
            spent = s.amount();
        }
        BudgetBulkActionRequest canonical = new BudgetBulkActionRequest(new BudgetBulkFilter(filter.tenantId(), filter.scopePrefix(),
                filter.unit(), filter.status(), filter.overLimit(), filter.hasDebt(), filter.utilizationMin(),
                filter.utilizationMax(), filter.search()), action, amount, spent == null ? null : Amount.of(amount.unit(), spent),
                req.reason(), req.expectedCount(), key);
        return runner.run(ctx, new Plan(filter, action, amount, spent, canonical),
                o -> new BudgetBulkActionResponse(action, o.totalMatched(), o.succeeded(), o.failed(), o.skipped(), key),
                BudgetBulkActionResponse.class);
    }

    /**
     * The bulk amount: an Amount, or a bare integer when the filter names the unit (without one
     * the unit would be each row's, which the request never said); never negative.
     */
    private static Amount amount(Amount given, UnitEnum fallback, String field) {
        Amount a = given.withDefaultUnit(fallback);
        if (a.amount() == null) {
            throw ApiException.badRequest("Field '" + field + ".amount' is required");
        }
        if (a.unit() == null) {
            throw ApiException.badRequest("Field '" + field + "' needs a unit ({\"unit\": ..., \"amount\": ...}) unless filter.unit is given");
        }
        if (a.amount() < 0) {
            throw ApiException.badRequest("Field '" + field + "' must not be negative");
        }
        return a;
    }

    private final class Plan implements BulkPlan<Ledger> {
        private final BudgetFilter filter;
        private final FundingOperation action;
        private final Amount amount;
        private final Long spent;
        private final BudgetBulkActionRequest request;

        Plan(BudgetFilter filter, FundingOperation action, Amount amount, Long spent, BudgetBulkActionRequest request) {
            this.filter = filter;
            this.action = action;
            this.amount = amount;
            this.spent = spent;
            this.request = request;
        }

        @Override
        public Call call() {
            return new Call("budget", action.name(), request.idempotencyKey(), request.expectedCount(), request, filter.tenantId(), ResourceType.BUDGET);
        }

        /** The filter's tenant must exist (404) and not be CLOSED (409 TENANT_CLOSED: what it owns is read-only). */
        @Override
        public void precheck(Connection c) throws SQLException {
            openTenants.require(c, filter.tenantId());
        }

        @Override
        public long count(Connection c) throws SQLException {
            return store.count(c, filter);
        }

        @Override
        public List<Ledger> rows(Connection c, int max) throws SQLException {
            return store.matching(c, filter, max);
        }

        @Override
        public String id(Ledger row) {
            return row.ledgerId();
        }

        @Override
        public Applied apply(Connection c, OperationContext ctx, Ledger row, String correlationId) throws Exception {
            if (row.unit() != amount.unit()) {
                throw new ApiException(409, ErrorCode.UNIT_MISMATCH, "Budget " + row.scope() + " is in " + row.unit()
                        + ", the amount in " + amount.unit());
            }
            if (action == FundingOperation.REPAY_DEBT && row.debt() == 0 && row.status() != dev.cycles.admin.model.BudgetStatus.CLOSED) {
                return Applied.skipped(BulkActionRowOutcome.ALREADY_IN_TARGET_STATE);
            }
            funding.applyTo(c, ctx, row, action, amount.amount(), spent, request.reason(), correlationId);
            return Applied.CHANGED;
        }

        /** BUDGET_EXCEEDED for a DEBIT beyond remaining; every other refusal of the fund rules is INVALID_TRANSITION. */
        @Override
        public RowFailure failure(Exception e) {
            if (!(e instanceof ApiException api) || api.status() >= 500) {
                return null;
            }
            String code = api.code() == ErrorCode.BUDGET_EXCEEDED ? BulkActionRowOutcome.BUDGET_EXCEEDED : BulkActionRowOutcome.INVALID_TRANSITION;
            return new RowFailure(code, api.getMessage());
        }
    }
}
