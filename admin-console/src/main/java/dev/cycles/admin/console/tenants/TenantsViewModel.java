package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Tenants screen: list with search, status filter, sort, closed toggle, paging; lifecycle actions; detail. */
public final class TenantsViewModel {

    /** Server-side sort choices. */
    public enum Sort {
        CREATED_DESC("Newest first", "created_at", "desc"),
        CREATED_ASC("Oldest first", "created_at", "asc"),
        ID_ASC("Tenant ID A-Z", "tenant_id", "asc"),
        NAME_ASC("Name A-Z", "name", "asc"),
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
    private final ObservableList<Tenant> loaded = FXCollections.observableArrayList();
    private final FilteredList<Tenant> visible = new FilteredList<>(loaded, t -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<TenantStatus> statusFilter = new SimpleObjectProperty<>();
    private final BooleanProperty showClosed = new SimpleBooleanProperty(false);
    private final ObjectProperty<Sort> sort = new SimpleObjectProperty<>(Sort.CREATED_DESC);
    private final BooleanProperty hasMore = new SimpleBooleanProperty(false);
    private final StringProperty summary = new SimpleStringProperty("");
    private String nextCursor;
    private int pageSize = 100;
    private java.util.function.Consumer<String> budgetsOpener = id -> { };
    private java.util.function.Consumer<String> keysOpener = id -> { };

    private final ObjectProperty<Tenant> selected = new SimpleObjectProperty<>();
    private final ObservableList<BudgetLedger> selectedBudgets = FXCollections.observableArrayList();
    private final ObservableList<ApiKey> selectedKeys = FXCollections.observableArrayList();
    private final StringProperty detailNote = new SimpleStringProperty("");
    private final StringProperty rollup = new SimpleStringProperty("");

    public TenantsViewModel(Ctx ctx) {
        this.ctx = ctx;
        search.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> {
            applyFilter();
            refresh();
        });
        showClosed.addListener((o, a, b) -> applyFilter());
        sort.addListener((o, a, b) -> refresh());
        selected.addListener((o, a, b) -> loadDetail());
    }

    // ---- list
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

    private void load(String cursor) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        q.put("sort_by", sort.get().field);
        q.put("sort_dir", sort.get().dir);
        if (statusFilter.get() != null) {
            q.put("status", statusFilter.get().name());
        }
        String s = search.get() == null ? "" : search.get().trim();
        if (!s.isEmpty()) {
            q.put("search", s);
        }
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        ctx.async().run("Load tenants", () -> ctx.session().client().listTenants(q), r -> accept(r, cursor != null),
                e -> ctx.status().error("Load tenants", e));
    }

    private void accept(TenantListResponse r, boolean append) {
        String keep = selected.get() == null ? null : selected.get().tenantId();
        if (append) {
            loaded.addAll(r.tenants());
        } else {
            loaded.setAll(r.tenants());
        }
        nextCursor = r.nextCursor();
        hasMore.set(r.hasMore() && r.nextCursor() != null);
        applyFilter();
        if (keep != null) {
            loaded.stream().filter(t -> t.tenantId().equals(keep)).findFirst().ifPresent(selected::set);
        }
    }

    /** The predicate the table shows: search on id and name, status, and the closed toggle. */
    public static Predicate<Tenant> filter(String search, TenantStatus status, boolean showClosed) {
        String s = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        return t -> (s.isEmpty() || t.tenantId().toLowerCase(Locale.ROOT).contains(s)
                || (t.name() != null && t.name().toLowerCase(Locale.ROOT).contains(s)))
                && (status == null || t.status() == status)
                && (showClosed || status == TenantStatus.CLOSED || t.status() != TenantStatus.CLOSED);
    }

    private void applyFilter() {
        visible.setPredicate(filter(search.get(), statusFilter.get(), showClosed.get()));
        summary.set(visible.size() + " of " + loaded.size() + " loaded tenants"
                + (hasMore.get() ? " (more available)" : "")
                + (closedCount() > 0 && !showClosed.get() ? ", " + closedCount() + " closed hidden" : ""));
    }

    /** What the empty table says: no data at all, or nothing matching the filters. */
    public String emptyText() {
        return loaded.isEmpty() && search.get().isBlank() && statusFilter.get() == null
                ? "No tenants yet. Create the first one with Create tenant."
                : "No tenants match the filters. Clearing them may show more.";
    }

    public long closedCount() {
        return loaded.stream().filter(t -> t.status() == TenantStatus.CLOSED).count();
    }

    /** Where "Budgets ›" and "API keys ›" in the detail go (set by the shell). */
    public void setOpeners(java.util.function.Consumer<String> budgets, java.util.function.Consumer<String> keys) {
        budgetsOpener = budgets;
        keysOpener = keys;
    }

    public void openBudgets(Tenant t) {
        if (t != null) {
            budgetsOpener.accept(t.tenantId());
        }
    }

    public void openKeys(Tenant t) {
        if (t != null) {
            keysOpener.accept(t.tenantId());
        }
    }

    // ---- lifecycle
    public void suspend(Tenant t, Runnable done) {
        patch("Suspend tenant " + t.tenantId(), t, new TenantUpdateRequest(null, TenantStatus.SUSPENDED, null, null, null, null, null), done);
    }

    public void reactivate(Tenant t, Runnable done) {
        patch("Reactivate tenant " + t.tenantId(), t, new TenantUpdateRequest(null, TenantStatus.ACTIVE, null, null, null, null, null), done);
    }

    public void close(Tenant t, Runnable done) {
        patch("Close tenant " + t.tenantId(), t, new TenantUpdateRequest(null, TenantStatus.CLOSED, null, null, null, null, null), done);
    }

    private void patch(String what, Tenant t, TenantUpdateRequest body, Runnable done) {
        ctx.async().run(what, () -> ctx.session().client().updateTenant(t.tenantId(), body), updated -> {
            replace(updated);
            ctx.status().info(what + ": now " + updated.status());
            done.run();
        }, e -> ctx.status().error(what, e));
    }

    void replace(Tenant updated) {
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).tenantId().equals(updated.tenantId())) {
                loaded.set(i, updated);
                applyFilter();
                if (selected.get() != null && selected.get().tenantId().equals(updated.tenantId())) {
                    selected.set(updated);
                }
                return;
            }
        }
        loaded.add(0, updated);
        applyFilter();
    }

    /** What closing cascades to, in words, for the typed confirmation. */
    public String closeWarning(Tenant t) {
        long budgets = selected.get() != null && selected.get().tenantId().equals(t.tenantId())
                ? selectedBudgets.stream().filter(b -> b.status() != BudgetStatus.CLOSED).count() : -1;
        long keys = selected.get() != null && selected.get().tenantId().equals(t.tenantId())
                ? selectedKeys.stream().filter(k -> k.status() == ApiKeyStatus.ACTIVE).count() : -1;
        return "Closing '" + t.tenantId() + "' is permanent and cannot be undone. It will:\n"
                + "  • close " + count(budgets, "open budget") + " (open reservations are released)\n"
                + "  • revoke " + count(keys, "active API key") + "\n"
                + "  • disable all its webhooks\n"
                + "Every later change to this tenant is refused with TENANT_CLOSED (409).";
    }

    private static String count(long n, String noun) {
        return n < 0 ? "all its " + noun + "s" : n + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- detail
    private void loadDetail() {
        Tenant t = selected.get();
        if (t == null) {
            selectedBudgets.clear();
            selectedKeys.clear();
            rollup.set("");
            detailNote.set("");
            return;
        }
        String id = t.tenantId();
        ctx.async().run("Load keys of " + id,
                () -> ctx.session().client().listApiKeys(Map.of("tenant_id", id, "limit", "100")).keys(),
                keys -> {
                    if (selected.get() != null && selected.get().tenantId().equals(id)) {
                        selectedKeys.setAll(keys);
                    }
                }, e -> ctx.status().error("Load keys of " + id, e));
        ctx.async().run("Load budgets of " + id,
                () -> ctx.session().client().listBudgets(Map.of("tenant_id", id, "limit", "100")).ledgers(),
                (List<BudgetLedger> ledgers) -> {
                    if (selected.get() != null && selected.get().tenantId().equals(id)) {
                        selectedBudgets.setAll(ledgers);
                        rollup.set(rollup(ledgers));
                        detailNote.set("");
                    }
                }, (AdminApiException e) -> detailNote.set("Budgets unavailable: " + e.code() + " " + e.getMessage()));
    }

    /** Spend roll-up of the ACTIVE budgets, one line per unit: count, allocated, remaining, spent, debt. */
    public static String rollup(List<BudgetLedger> ledgers) {
        java.util.Map<dev.cycles.admin.model.UnitEnum, long[]> sums = new java.util.EnumMap<>(dev.cycles.admin.model.UnitEnum.class);
        for (BudgetLedger b : ledgers) {
            if (b.status() != BudgetStatus.ACTIVE) {
                continue;
            }
            long[] s = sums.computeIfAbsent(b.unit(), u -> new long[5]);
            s[0]++;
            s[1] += v(b.allocated());
            s[2] += v(b.remaining());
            s[3] += v(b.spent());
            s[4] += v(b.debt());
        }
        if (sums.isEmpty()) {
            return "No active budgets";
        }
        StringBuilder out = new StringBuilder();
        sums.forEach((u, s) -> {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(dev.cycles.admin.console.common.Amounts.unitLabel(u)).append(": ")
                    .append(s[0]).append(s[0] == 1 ? " active budget" : " active budgets")
                    .append(", allocated ").append(dev.cycles.admin.console.common.Amounts.format(u, s[1]))
                    .append(", remaining ").append(dev.cycles.admin.console.common.Amounts.format(u, s[2]))
                    .append(", spent ").append(dev.cycles.admin.console.common.Amounts.format(u, s[3]))
                    .append(", debt ").append(dev.cycles.admin.console.common.Amounts.format(u, s[4]));
        });
        return out.toString();
    }

    private static long v(dev.cycles.admin.model.Amount a) {
        return a == null || a.amount() == null ? 0 : a.amount();
    }

    public StringProperty rollupProperty() {
        return rollup;
    }

    // ---- properties
    public ObservableList<Tenant> visibleTenants() {
        return visible;
    }

    public ObservableList<Tenant> loadedTenants() {
        return loaded;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<TenantStatus> statusFilterProperty() {
        return statusFilter;
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

    public ObjectProperty<Tenant> selectedProperty() {
        return selected;
    }

    public ObservableList<BudgetLedger> selectedBudgets() {
        return selectedBudgets;
    }

    public ObservableList<ApiKey> selectedKeys() {
        return selectedKeys;
    }

    public StringProperty detailNoteProperty() {
        return detailNote;
    }

    public IntegerBinding visibleCount() {
        return Bindings.size(visible);
    }

    public Ctx ctx() {
        return ctx;
    }
}
