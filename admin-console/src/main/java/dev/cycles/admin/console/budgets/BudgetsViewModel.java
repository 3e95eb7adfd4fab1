package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Budgets across tenants: filters, sort, paging, selection, freeze / unfreeze. */
public final class BudgetsViewModel {

    /** The default sort. */
    public static final SortOption SORT_BY_UTILIZATION = new SortOption("Utilization, highest first", "utilization", "desc");
    /** Server-side sort choices, as the sort box lists them. */
    public static final List<SortOption> SORT_OPTIONS = List.of(
            SORT_BY_UTILIZATION,
            new SortOption("Debt, highest first", "debt", "desc"),
            new SortOption("Scope A-Z", "scope", "asc"),
            new SortOption("Tenant A-Z", "tenant_id", "asc"),
            new SortOption("Status", "status", "asc"));

    private final Ctx ctx;
    private final PagedList<BudgetLedger> list;
    private final StringProperty tenantFilter = new SimpleStringProperty("");
    private final ObjectProperty<BudgetStatus> statusFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<UnitEnum> unitFilter = new SimpleObjectProperty<>();
    private final StringProperty scopePrefix = new SimpleStringProperty("");
    private final BooleanProperty overLimitOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty hasDebtOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty showClosed = new SimpleBooleanProperty(false);
    /** Utilization range in percent as typed ("90", "99.5"); blank is open. Sent to the server as a 0..1 ratio. */
    private final StringProperty utilMin = new SimpleStringProperty("");
    private final StringProperty utilMax = new SimpleStringProperty("");
    /** Why the typed range is not used ("" when it is). */
    private final javafx.beans.binding.StringBinding utilProblem = javafx.beans.binding.Bindings.createStringBinding(
            this::utilCheck, utilMin, utilMax);
    /** Loaded rows the terminal filter hides, for "Show closed (N)". */
    private final javafx.beans.property.LongProperty terminalCount = new javafx.beans.property.SimpleLongProperty();
    private final ObjectProperty<SortOption> sort = new SimpleObjectProperty<>(SORT_BY_UTILIZATION);
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<BudgetLedger> selected = new SimpleObjectProperty<>();
    private int pageSize = 100;

    public BudgetsViewModel(Ctx ctx) {
        this.ctx = ctx;
        this.list = new PagedList<>(BudgetLedger::ledgerId, ctx, "Load budgets", this::pageRequest, this::accept);
        tenantFilter.addListener((o, a, b) -> applyFilter());
        scopePrefix.addListener((o, a, b) -> applyFilter());
        showClosed.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> refresh());
        unitFilter.addListener((o, a, b) -> refresh());
        overLimitOnly.addListener((o, a, b) -> refresh());
        hasDebtOnly.addListener((o, a, b) -> refresh());
        // a half-typed or wrong range is not sent; the list re-reads once it reads as a range again
        utilMin.addListener((o, a, b) -> refreshIfRange());
        utilMax.addListener((o, a, b) -> refreshIfRange());
        sort.addListener((o, a, b) -> refresh());
    }

    /** The server side of the list's filters as a bulk-action filter (the bulk call needs an exact tenant). */
    public dev.cycles.admin.model.BudgetBulkFilter bulkFilter() {
        String t = tenantFilter.get() == null ? "" : tenantFilter.get().trim();
        String p = scopePrefix.get() == null ? "" : scopePrefix.get().trim();
        return new dev.cycles.admin.model.BudgetBulkFilter(t.isEmpty() ? null : t, p.isEmpty() ? null : p, unitFilter.get(),
                statusFilter.get(), overLimitOnly.get() ? Boolean.TRUE : null, hasDebtOnly.get() ? Boolean.TRUE : null,
                utilCheck().isEmpty() ? ratio(utilMin.get()) : null, utilCheck().isEmpty() ? ratio(utilMax.get()) : null, null);
    }

    /** A percent as typed ("90", "99.5") as the server's 0..1 ratio; null when blank. */
    static Double ratio(String percent) {
        String s = percent == null ? "" : percent.trim().replace("%", "");
        if (s.isEmpty()) {
            return null;
        }
        double p = Double.parseDouble(s);
        if (p < 0 || p > 100 || Double.isNaN(p)) {
            throw new NumberFormatException("out of range");
        }
        return p / 100.0;
    }

    /** "" when the utilization range can be sent, else why not (shown next to the fields). */
    String utilCheck() {
        try {
            Double lo = ratio(utilMin.get());
            Double hi = ratio(utilMax.get());
            return lo != null && hi != null && lo > hi ? "Utilization: the minimum is above the maximum" : "";
        } catch (NumberFormatException e) {
            return "Utilization: a percent from 0 to 100";
        }
    }

    private void refreshIfRange() {
        if (utilCheck().isEmpty()) {
            refresh();
        }
    }

    public StringProperty utilMinProperty() {
        return utilMin;
    }

    public StringProperty utilMaxProperty() {
        return utilMax;
    }

    public javafx.beans.binding.StringBinding utilProblemProperty() {
        return utilProblem;
    }

    public static boolean hasDebt(BudgetLedger b) {
        return b.debt() != null && b.debt().amount() != null && b.debt().amount() > 0;
    }

    public static Predicate<BudgetLedger> filter(String tenant, BudgetStatus status, UnitEnum unit, String scopePrefix,
                                                 boolean overLimit, boolean hasDebt, boolean showClosed) {
        String t = tenant == null ? "" : tenant.trim();
        String p = scopePrefix == null ? "" : scopePrefix.trim();
        return b -> (t.isEmpty() || b.tenantId().contains(t))
                && (status == null || b.status() == status)
                && (unit == null || b.unit() == unit)
                && (p.isEmpty() || b.scope().startsWith(p))
                && (!overLimit || Boolean.TRUE.equals(b.isOverLimit()))
                && (!hasDebt || hasDebt(b))
                && (showClosed || status == BudgetStatus.CLOSED || b.status() != BudgetStatus.CLOSED);
    }

    /** Rows per page (the server caps it at 100). */
    public void setPageSize(int size) {
        pageSize = size;
    }

    public void refresh() {
        list.loadFirstPage();
    }

    public void loadMore() {
        list.loadMore();
    }

    Map<String, String> query(String cursor) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        sort.get().addTo(q);
        String t = tenantFilter.get() == null ? "" : tenantFilter.get().trim();
        if (!t.isEmpty()) {
            q.put("tenant_id", t);
        }
        String p = scopePrefix.get() == null ? "" : scopePrefix.get().trim();
        if (!p.isEmpty()) {
            q.put("scope_prefix", p);
        }
        if (statusFilter.get() != null) {
            q.put("status", statusFilter.get().name());
        }
        if (unitFilter.get() != null) {
            q.put("unit", unitFilter.get().name());
        }
        if (overLimitOnly.get()) {
            q.put("over_limit", "true");
        }
        if (hasDebtOnly.get()) {
            q.put("has_debt", "true");
        }
        if (utilCheck().isEmpty()) {
            Double lo = ratio(utilMin.get());
            Double hi = ratio(utilMax.get());
            if (lo != null) {
                q.put("utilization_min", Double.toString(lo));
            }
            if (hi != null) {
                q.put("utilization_max", Double.toString(hi));
            }
        }
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        return q;
    }

    private Supplier<Export.Page<BudgetLedger>> pageRequest(String cursor) {
        Map<String, String> q = query(cursor);
        return () -> fetchPage(q);
    }

    /** One page of the list endpoint for a full query. Blocking. */
    private Export.Page<BudgetLedger> fetchPage(Map<String, String> q) {
        BudgetListResponse r = ctx.session().client().listBudgets(q);
        return new Export.Page<>(r.ledgers(), r.nextCursor(), r.hasMore());
    }

    /** Every page of the current server query, with the screen's local filters, to a file. */
    public Export.Spec<BudgetLedger> exportSpec() {
        Map<String, String> q = query(null);
        q.put("limit", "100");
        java.util.function.Predicate<BudgetLedger> keep = filter(tenantFilter.get(), statusFilter.get(), unitFilter.get(),
                scopePrefix.get(), overLimitOnly.get(), hasDebtOnly.get(), showClosed.get());
        return new Export.Spec<>("budgets", Export.Pager.over(q, this::fetchPage), keep, java.util.List.of(
                col("tenant_id", BudgetLedger::tenantId),
                col("scope", BudgetLedger::scope),
                col("unit", BudgetLedger::unit),
                col("status", BudgetLedger::status),
                col("allocated", b -> raw(b.allocated())),
                col("remaining", b -> raw(b.remaining())),
                col("reserved", b -> raw(b.reserved())),
                col("spent", b -> raw(b.spent())),
                col("debt", b -> raw(b.debt())),
                col("overdraft_limit", b -> raw(b.overdraftLimit())),
                col("is_over_limit", BudgetLedger::isOverLimit),
                col("commit_overage_policy", BudgetLedger::commitOveragePolicy),
                col("created_at", BudgetLedger::createdAt)));
    }

    private static Export.Column<BudgetLedger> col(String h, java.util.function.Function<BudgetLedger, Object> f) {
        return new Export.Column<>(h, f);
    }

    private static Long raw(dev.cycles.admin.model.Amount a) {
        return a == null ? null : a.amount();
    }

    /** Opens the audit browser on this budget's history (funding, edits, freezes). */
    public void activity(BudgetLedger b) {
        if (b != null) {
            dev.cycles.admin.console.common.domain.ActivityLinks.budget(ctx.nav(), b);
        }
    }

    /** The budget's event timeline: the Events screen filtered to its scope (funding, freezes, reservations). */
    public void events(BudgetLedger b) {
        if (b != null) {
            ctx.nav().list(dev.cycles.admin.console.common.Nav.Target.EVENTS, Map.of("scope", b.scope(), "title", "Events of budget " + b.scope()));
        }
    }

    /** Resets every filter; then applies the named ones (tenant, status, over_limit, has_debt). */
    public void applyFilters(Map<String, String> f) {
        tenantFilter.set(FilterMap.text(f, "tenant"));
        scopePrefix.set(FilterMap.text(f, "scope_prefix"));
        unitFilter.set(FilterMap.enumOf(UnitEnum.class, f, "unit"));
        statusFilter.set(FilterMap.enumOf(BudgetStatus.class, f, "status"));
        overLimitOnly.set(FilterMap.flag(f, "over_limit"));
        hasDebtOnly.set(FilterMap.flag(f, "has_debt"));
        showClosed.set(FilterMap.flag(f, "show_closed"));
        utilMin.set(FilterMap.text(f, "utilization_min"));
        utilMax.set(FilterMap.text(f, "utilization_max"));
    }

    /** The filters as {@link #applyFilters} reads them (saved filters). */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new LinkedHashMap<>();
        FilterMap.put(f, "tenant", tenantFilter.get());
        FilterMap.put(f, "scope_prefix", scopePrefix.get());
        FilterMap.put(f, "unit", unitFilter.get());
        FilterMap.put(f, "status", statusFilter.get());
        FilterMap.put(f, "over_limit", overLimitOnly.get());
        FilterMap.put(f, "has_debt", hasDebtOnly.get());
        FilterMap.put(f, "show_closed", showClosed.get());
        FilterMap.put(f, "utilization_min", utilMin.get());
        FilterMap.put(f, "utilization_max", utilMax.get());
        return f;
    }

    private void accept(Export.Page<BudgetLedger> page, boolean append) {
        BudgetLedger keep = selected.get();
        list.store(page, append);
        applyFilter();
        if (keep != null) {
            selected.set(list.find(keep.ledgerId()).orElse(null));
        }
    }

    private void applyFilter() {
        list.filter(filter(tenantFilter.get(), statusFilter.get(), unitFilter.get(), scopePrefix.get(),
                overLimitOnly.get(), hasDebtOnly.get(), showClosed.get()));
        long closed = list.loaded().stream().filter(b -> b.status() == BudgetStatus.CLOSED).count();
        terminalCount.set(closed);
        summary.set(list.shownOfLoaded("budgets")
                + (!showClosed.get() && closed > 0 ? ", " + closed + " closed hidden" : ""));
    }

    /** Puts a changed ledger in place (or first, when new) and selects it. */
    public void replace(BudgetLedger updated) {
        list.replaceOrPrepend(updated);
        applyFilter();
        selected.set(updated);
    }

    /** Re-reads one ledger (after a fund) so every figure comes from the server. */
    public void reload(BudgetLedger b) {
        String what = "Reload budget " + b.scope();
        ctx.async().run(what, () -> ctx.session().client().lookupBudget(b.scope(), b.unit()), this::replace,
                e -> ctx.status().error(what, e));
    }

    public void freeze(BudgetLedger b, String reason) {
        freeze(b, reason, () -> { }, e -> { });
    }

    public void freeze(BudgetLedger b, String reason, Runnable done, java.util.function.Consumer<dev.cycles.admin.console.client.AdminApiException> failed) {
        String what = "Freeze " + b.scope() + " (" + b.unit() + ")";
        ctx.async().run(what, () -> ctx.session().client().freezeBudget(b.scope(), b.unit(), reason), l -> {
            replace(l);
            ctx.status().info(what + ": now FROZEN");
            done.run();
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    public void unfreeze(BudgetLedger b, String reason) {
        unfreeze(b, reason, () -> { }, e -> { });
    }

    public void unfreeze(BudgetLedger b, String reason, Runnable done, java.util.function.Consumer<dev.cycles.admin.console.client.AdminApiException> failed) {
        String what = "Unfreeze " + b.scope() + " (" + b.unit() + ")";
        ctx.async().run(what, () -> ctx.session().client().unfreezeBudget(b.scope(), b.unit(), reason), l -> {
            replace(l);
            ctx.status().info(what + ": now ACTIVE");
            done.run();
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    public ObservableList<BudgetLedger> visibleBudgets() {
        return list.visible();
    }

    public ObservableList<BudgetLedger> loadedBudgets() {
        return list.loaded();
    }

    public StringProperty tenantFilterProperty() {
        return tenantFilter;
    }

    public ObjectProperty<BudgetStatus> statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<UnitEnum> unitFilterProperty() {
        return unitFilter;
    }

    public StringProperty scopePrefixProperty() {
        return scopePrefix;
    }

    public BooleanProperty overLimitOnlyProperty() {
        return overLimitOnly;
    }

    public BooleanProperty hasDebtOnlyProperty() {
        return hasDebtOnly;
    }

    public BooleanProperty showClosedProperty() {
        return showClosed;
    }

    public ObjectProperty<SortOption> sortProperty() {
        return sort;
    }

    public BooleanProperty hasMoreProperty() {
        return list.hasMoreProperty();
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ObjectProperty<BudgetLedger> selectedProperty() {
        return selected;
    }

    public Ctx ctx() {
        return ctx;
    }

    /** Loaded terminal rows (closed, revoked or expired): the count on the "Show …" checkbox. */
    public javafx.beans.property.ReadOnlyLongProperty terminalCountProperty() {
        return terminalCount;
    }
}
