package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.common.domain.FundingText;
import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.model.BudgetBulkActionRequest;
import dev.cycles.admin.model.BudgetBulkFilter;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.FundingOperation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Budget funding in bulk (CREDIT, DEBIT, RESET, RESET_SPENT, REPAY_DEBT with one amount). A filter
 * runs as ONE POST /v1/admin/budgets/bulk-action for one tenant, gated by the previewed count. The
 * bulk filter has no ledger-id list and scope_prefix also takes every scope below, so exact
 * selected ledgers are funded one POST /budgets/fund each, keyed by the dialog's key and the ledger.
 */
public final class BudgetBulk implements BulkTarget {
    private final List<BudgetLedger> selected;
    private final BudgetBulkFilter filter;

    private BudgetBulk(List<BudgetLedger> selected, BudgetBulkFilter filter) {
        this.selected = selected;
        this.filter = filter;
    }

    public static BudgetBulk selected(List<BudgetLedger> rows) {
        return new BudgetBulk(List.copyOf(rows), null);
    }

    public static BudgetBulk matching(BudgetBulkFilter filter) {
        return new BudgetBulk(null, filter);
    }

    @Override
    public String noun() {
        return "budgets";
    }

    @Override
    public boolean selection() {
        return selected != null;
    }

    @Override
    public String scopeText() {
        if (selected != null) {
            return BulkTarget.selectedText(selected.size(), "budget");
        }
        List<String> parts = new ArrayList<>();
        parts.add("tenant " + (filter.tenantId() == null ? "(none)" : filter.tenantId()));
        if (filter.scopePrefix() != null) {
            parts.add("scope under " + filter.scopePrefix());
        }
        if (filter.unit() != null) {
            parts.add("unit " + Amounts.unitLabel(filter.unit()));
        }
        if (filter.status() != null) {
            parts.add("status " + filter.status());
        }
        if (Boolean.TRUE.equals(filter.overLimit())) {
            parts.add("over limit");
        }
        if (Boolean.TRUE.equals(filter.hasDebt())) {
            parts.add("with debt");
        }
        return "all budgets of " + String.join(", ", parts);
    }

    @Override
    public String problem() {
        return selected == null && (filter.tenantId() == null || filter.tenantId().isBlank())
                ? "A budget bulk action works on one tenant: set the Tenant filter to an exact tenant ID first." : "";
    }

    @Override
    public List<String> actions() {
        return Arrays.stream(FundingOperation.values()).map(Enum::name).toList();
    }

    @Override
    public boolean needsAmount(String action) {
        return true;
    }

    @Override
    public String explain(String action) {
        return FundingText.explain(FundingOperation.valueOf(action));
    }

    @Override
    public List<BulkRow> preview(AdminApi api) {
        if (selected != null) {
            List<BulkRow> rows = new ArrayList<>();
            for (BudgetLedger b : selected) {
                rows.add(row(api.lookupBudget(b.scope(), b.unit())));
            }
            return rows;
        }
        Map<String, String> q = query(filter);
        return BulkTarget.pages(cursor -> {
            Map<String, String> page = new LinkedHashMap<>(q);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            BudgetListResponse r = api.listBudgets(page);
            return new Export.Page<>(r.ledgers(), r.nextCursor(), r.hasMore());
        }).stream().map(BudgetBulk::row).toList();
    }

    /** The list endpoint's query for the bulk filter: the server counts the bulk rows with the same filter. */
    static Map<String, String> query(BudgetBulkFilter f) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", "100");
        q.put("sort_by", "scope");
        q.put("sort_dir", "asc");
        q.put("tenant_id", f.tenantId());
        put(q, "scope_prefix", f.scopePrefix());
        put(q, "unit", f.unit());
        put(q, "status", f.status());
        put(q, "over_limit", f.overLimit());
        put(q, "has_debt", f.hasDebt());
        put(q, "utilization_min", f.utilizationMin());
        put(q, "utilization_max", f.utilizationMax());
        put(q, "search", f.search());
        return q;
    }

    private static void put(Map<String, String> q, String k, Object v) {
        if (v != null && !v.toString().isEmpty()) {
            q.put(k, v.toString());
        }
    }

    private static BulkRow row(BudgetLedger b) {
        return new BulkRow(b.ledgerId(), b.scope(), b.status() + " · " + Amounts.unitLabel(b.unit()) + " · remaining "
                + Amounts.format(b.remaining()), b.unit(), b);
    }

    @Override
    public BulkResult apply(AdminApi api, Request req) {
        FundingOperation op = FundingOperation.valueOf(req.action());
        String title = op + " " + Amounts.format(req.amount()) + " on " + scopeText();
        if (selected == null) {
            return BulkResult.of(title, api.bulkActionBudgets(new BudgetBulkActionRequest(filter, op, req.amount(), null,
                    req.reason(), req.expectedCount(), req.idempotencyKey())));
        }
        return BulkTarget.rowByRow(title, req.rows(), r -> {
            BudgetLedger b = (BudgetLedger) r.item();
            api.fundBudget(b.scope(), b.unit(), b.tenantId(), new BudgetFundingRequest(op, req.amount(), null, req.reason(),
                    req.idempotencyKey() + "-" + b.ledgerId(), null));
            return null;
        });
    }
}
