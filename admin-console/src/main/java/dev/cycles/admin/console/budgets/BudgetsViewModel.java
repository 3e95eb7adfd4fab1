package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.Ctx;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Budgets across tenants: filters, sort, paging, selection, freeze / unfreeze. */
public final class BudgetsViewModel {

    public enum Sort {
        UTILIZATION_DESC("Utilization, highest first", "utilization", "desc"),
        DEBT_DESC("Debt, highest first", "debt", "desc"),
        SCOPE_ASC("Scope A-Z", "scope", "asc"),
        TENANT_ASC("Tenant A-Z", "tenant_id", "asc"),
        STATUS_ASC("Status", "status", "asc");

        public final String label;
        final String field;
        final String dir;

        Sort(String label, String field, String dir) {
            this.label = label;
            this.field = field;
            this.dir = dir;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Ctx ctx;
    private final ObservableList<BudgetLedger> loaded = FXCollections.observableArrayList();
    private final FilteredList<BudgetLedger> visible = new FilteredList<>(loaded, b -> true);
    private final StringProperty tenantFilter = new SimpleStringProperty("");
    private final ObjectProperty<BudgetStatus> statusFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<UnitEnum> unitFilter = new SimpleObjectProperty<>();
    private final StringProperty scopePrefix = new SimpleStringProperty("");
    private final BooleanProperty overLimitOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty hasDebtOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty showClosed = new SimpleBooleanProperty(false);
    private final ObjectProperty<Sort> sort = new SimpleObjectProperty<>(Sort.UTILIZATION_DESC);
    private final BooleanProperty hasMore = new SimpleBooleanProperty(false);
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<BudgetLedger> selected = new SimpleObjectProperty<>();
    private String nextCursor;
    private int pageSize = 100;

    public BudgetsViewModel(Ctx ctx) {
        this.ctx = ctx;
        tenantFilter.addListener((o, a, b) -> applyFilter());
        scopePrefix.addListener((o, a, b) -> applyFilter());
        showClosed.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> refresh());
        unitFilter.addListener((o, a, b) -> refresh());
        overLimitOnly.addListener((o, a, b) -> refresh());
        hasDebtOnly.addListener((o, a, b) -> refresh());
        sort.addListener((o, a, b) -> refresh());
    }

    /** spent / allocated, 0 when nothing is allocated (the server's definition). */
    public static double utilization(BudgetLedger b) {
        long alloc = b.allocated() == null || b.allocated().amount() == null ? 0 : b.allocated().amount();
        long spent = b.spent() == null || b.spent().amount() == null ? 0 : b.spent().amount();
        return alloc <= 0 ? 0 : (double) spent / alloc;
    }

    /** "ok" below 75%, "warn" 75-89%, "danger" from 90%. */
    public static String utilizationBand(double u) {
        return u >= 0.9 ? "danger" : u >= 0.75 ? "warn" : "ok";
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
        load(null);
    }

    public void loadMore() {
        if (hasMore.get() && nextCursor != null) {
            load(nextCursor);
        }
    }

    Map<String, String> query(String cursor) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        q.put("sort_by", sort.get().field);
        q.put("sort_dir", sort.get().dir);
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
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        return q;
    }

    private void load(String cursor) {
        Map<String, String> q = query(cursor);
        ctx.async().run("Load budgets", () -> ctx.session().client().listBudgets(q), r -> accept(r, cursor != null),
                e -> ctx.status().error("Load budgets", e));
    }

    private void accept(BudgetListResponse r, boolean append) {
        BudgetLedger keep = selected.get();
        if (append) {
            loaded.addAll(r.ledgers());
        } else {
            loaded.setAll(r.ledgers());
        }
        nextCursor = r.nextCursor();
        hasMore.set(r.hasMore() && r.nextCursor() != null);
        applyFilter();
        if (keep != null) {
            selected.set(loaded.stream().filter(b -> b.ledgerId().equals(keep.ledgerId())).findFirst().orElse(null));
        }
    }

    private void applyFilter() {
        visible.setPredicate(filter(tenantFilter.get(), statusFilter.get(), unitFilter.get(), scopePrefix.get(),
                overLimitOnly.get(), hasDebtOnly.get(), showClosed.get()));
        long closed = loaded.stream().filter(b -> b.status() == BudgetStatus.CLOSED).count();
        summary.set(visible.size() + " of " + loaded.size() + " loaded budgets" + (hasMore.get() ? " (more available)" : "")
                + (!showClosed.get() && closed > 0 ? ", " + closed + " closed hidden" : ""));
    }

    /** Puts a changed ledger in place (or first, when new) and selects it. */
    public void replace(BudgetLedger updated) {
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).ledgerId().equals(updated.ledgerId())) {
                loaded.set(i, updated);
                applyFilter();
                selected.set(updated);
                return;
            }
        }
        loaded.add(0, updated);
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
        String what = "Freeze " + b.scope() + " (" + b.unit() + ")";
        ctx.async().run(what, () -> ctx.session().client().freezeBudget(b.scope(), b.unit(), reason), l -> {
            replace(l);
            ctx.status().info(what + ": now FROZEN");
        }, e -> ctx.status().error(what, e));
    }

    public void unfreeze(BudgetLedger b, String reason) {
        String what = "Unfreeze " + b.scope() + " (" + b.unit() + ")";
        ctx.async().run(what, () -> ctx.session().client().unfreezeBudget(b.scope(), b.unit(), reason), l -> {
            replace(l);
            ctx.status().info(what + ": now ACTIVE");
        }, e -> ctx.status().error(what, e));
    }

    public ObservableList<BudgetLedger> visibleBudgets() {
        return visible;
    }

    public ObservableList<BudgetLedger> loadedBudgets() {
        return loaded;
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

    public ObjectProperty<Sort> sortProperty() {
        return sort;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
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
}
