package dev.cycles.admin.server.budget;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.model.BalanceListResponse;
import dev.cycles.admin.model.BudgetBulkActionRequest;
import dev.cycles.admin.model.BudgetBulkActionResponse;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetFundingResponse;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.BudgetStatusTransitionRequest;
import dev.cycles.admin.model.BudgetUpdateRequest;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.ListParams;
import dev.cycles.admin.server.http.Reply;

/** HTTP in and out for /v1/admin/budgets/* and /v1/balances. */
public final class BudgetHandlers {
    private final BudgetService budgets;
    private final FundingService funding;
    private final BudgetBulkService bulk;

    public BudgetHandlers(BudgetService budgets, FundingService funding, BudgetBulkService bulk) {
        this.budgets = budgets;
        this.funding = funding;
        this.bulk = bulk;
    }

    public BudgetBulkActionResponse bulkAction(Call call) {
        return bulk.apply(call.ctx(), call.body(BudgetBulkActionRequest.class));
    }

    public Reply create(Call call) {
        return Reply.created(budgets.create(call.ctx(), call.body(BudgetCreateRequest.class)));
    }

    public BudgetListResponse list(Call call) {
        BudgetFilter filter = new BudgetFilter(call.query("tenant_id"), scopePrefix(call),
                call.queryEnum("unit", UnitEnum.class), call.queryEnum("status", BudgetStatus.class),
                call.queryBool("over_limit"), call.queryBool("has_debt"), call.queryDouble("utilization_min"),
                call.queryDouble("utilization_max"), ListParams.search(call), null, false);
        Page<BudgetLedger> page = budgets.list(call.principal(), filter,
                ListParams.page(call));
        return new BudgetListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    /** GET /v1/balances: the key's own open ledgers (ACTIVE and FROZEN), full figures. */
    public BalanceListResponse balances(Call call) {
        BudgetFilter filter = new BudgetFilter(null, scopePrefix(call), call.queryEnum("unit", UnitEnum.class),
                null, null, null, null, null, null, null, true);
        Page<BudgetLedger> page = budgets.balances(call.principal(), filter, ListParams.page(call));
        return new BalanceListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    public BudgetLedger lookup(Call call) {
        return budgets.lookup(call.principal(), call.requireQuery("scope"), unit(call));
    }

    public BudgetLedger update(Call call) {
        return budgets.update(call.ctx(), call.queryTarget(ResourceType.BUDGET, "scope"), unit(call), call.body(BudgetUpdateRequest.class));
    }

    public BudgetLedger freeze(Call call) {
        return budgets.changeStatus(call.ctx(), call.queryTarget(ResourceType.BUDGET, "scope"), unit(call),
                call.optionalBody(BudgetStatusTransitionRequest.class), true);
    }

    public BudgetLedger unfreeze(Call call) {
        return budgets.changeStatus(call.ctx(), call.queryTarget(ResourceType.BUDGET, "scope"), unit(call),
                call.optionalBody(BudgetStatusTransitionRequest.class), false);
    }

    public BudgetFundingResponse fund(Call call) {
        return funding.fund(call.ctx(), call.queryTarget(ResourceType.BUDGET, "scope"), unit(call), call.query("tenant_id"),
                call.body(BudgetFundingRequest.class));
    }

    private static UnitEnum unit(Call call) {
        call.requireQuery("unit");
        return call.queryEnum("unit", UnitEnum.class);
    }

    private static String scopePrefix(Call call) {
        return BudgetFilter.scopePrefix(call.query("scope_prefix"), "scope_prefix");
    }
}
