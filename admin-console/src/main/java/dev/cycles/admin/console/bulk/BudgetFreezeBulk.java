package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.BulkActionRowOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * Freeze or unfreeze the budgets selected in the Budgets table. The API has no bulk freeze
 * (budgets/bulk-action takes funding operations only), so each selected ledger is re-read for the
 * preview and then frozen (POST /budgets/freeze) or unfrozen one by one; a ledger already in the
 * target state, or CLOSED, is skipped with the reason, a refusal fails that row only.
 */
public final class BudgetFreezeBulk implements BulkTarget {
    public static final String FREEZE = "FREEZE";
    public static final String UNFREEZE = "UNFREEZE";

    private final List<BudgetLedger> selected;

    public BudgetFreezeBulk(List<BudgetLedger> selected) {
        this.selected = List.copyOf(selected);
    }

    @Override
    public String noun() {
        return "budgets";
    }

    @Override
    public String scopeText() {
        return BulkTarget.selectedText(selected.size(), "budget");
    }

    @Override
    public List<String> actions() {
        return List.of(FREEZE, UNFREEZE);
    }

    @Override
    public boolean hasReason(String action) {
        return true;
    }

    @Override
    public String explain(String action) {
        return FREEZE.equals(action)
                ? "Freeze: blocks reservations, commits and funding on each ACTIVE budget until unfrozen. Frozen and closed ones are skipped."
                : "Unfreeze: each FROZEN budget accepts reservations and funding again. The others are skipped.";
    }

    @Override
    public boolean selection() {
        return true;
    }

    @Override
    public List<BulkRow> preview(AdminApi api) {
        List<BulkRow> rows = new ArrayList<>();
        for (BudgetLedger b : selected) {
            BudgetLedger now = api.lookupBudget(b.scope(), b.unit());
            rows.add(new BulkRow(now.ledgerId(), now.scope(), now.status() + " · " + Amounts.unitLabel(now.unit()), now.unit(), now));
        }
        return rows;
    }

    /** Why this ledger is left as it is, or null when the action applies to it. */
    static String skip(String action, BudgetStatus status) {
        if (status == BudgetStatus.CLOSED) {
            return "CLOSED";
        }
        boolean freeze = FREEZE.equals(action);
        if (freeze ? status == BudgetStatus.FROZEN : status == BudgetStatus.ACTIVE) {
            return BulkActionRowOutcome.ALREADY_IN_TARGET_STATE;
        }
        return null;
    }

    @Override
    public BulkResult apply(AdminApi api, Request req) {
        boolean freeze = FREEZE.equals(req.action());
        String title = (freeze ? "Freeze " : "Unfreeze ") + scopeText();
        return BulkTarget.rowByRow(title, req.rows(), r -> {
            BudgetLedger b = (BudgetLedger) r.item();
            String skip = skip(req.action(), b.status());
            if (skip != null) {
                return skip;
            }
            if (freeze) {
                api.freezeBudget(b.scope(), b.unit(), req.reason());
            } else {
                api.unfreezeBudget(b.scope(), b.unit(), req.reason());
            }
            return null;
        });
    }
}
