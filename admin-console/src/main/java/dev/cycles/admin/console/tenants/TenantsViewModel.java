package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.console.common.SortOption;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Tenants screen: list with search, status filter, sort, closed toggle, paging; lifecycle actions; detail. */
public final class TenantsViewModel {

    /** The default sort. */
    public static final SortOption SORT_NEWEST_FIRST = new SortOption("Newest first", "created_at", "desc");
    /** Server-side sort choices, as the sort box lists them. */
    public static final List<SortOption> SORT_OPTIONS = List.of(
            SORT_NEWEST_FIRST,
            new SortOption("Oldest first", "created_at", "asc"),
            new SortOption("Tenant ID A-Z", "tenant_id", "asc"),
            new SortOption("Name A-Z", "name", "asc"),
            new SortOption("Status", "status", "asc"));

    private final Ctx ctx;
    private final PagedList<Tenant> list;
    private final ObservableList<Tenant> loaded;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<TenantStatus> statusFilter = new SimpleObjectProperty<>();
    private final BooleanProperty showClosed = new SimpleBooleanProperty(false);
    /** "" any parent, {@link ParentFilter#ROOT}, or a parent tenant id (see ParentFilter). */
    private final StringProperty parentFilter = new SimpleStringProperty("");
    /** Loaded rows the terminal filter hides, for "Show closed (N)". */
    private final javafx.beans.property.LongProperty terminalCount = new javafx.beans.property.SimpleLongProperty();
    private final ObjectProperty<SortOption> sort = new SimpleObjectProperty<>(SORT_NEWEST_FIRST);
    private final StringProperty summary = new SimpleStringProperty("");
    private int pageSize = 100;
    private java.util.function.Consumer<String> budgetsOpener = id -> { };
    private java.util.function.Consumer<String> keysOpener = id -> { };

    private final ObjectProperty<Tenant> selected = new SimpleObjectProperty<>();
    private final ObservableList<BudgetLedger> selectedBudgets = FXCollections.observableArrayList();
    private final ObservableList<ApiKey> selectedKeys = FXCollections.observableArrayList();
    private final ObservableList<dev.cycles.admin.console.common.domain.PolicyRow> selectedPolicies = FXCollections.observableArrayList();
    private final StringProperty detailNote = new SimpleStringProperty("");
    private final StringProperty rollup = new SimpleStringProperty("");
    private final TenantRelations relations;
    private final ClosedTenantBanner closedBanner;

    public TenantsViewModel(Ctx ctx) {
        this.ctx = ctx;
        this.list = new PagedList<>(Tenant::tenantId, ctx, "Load tenants", this::pageRequest, this::accept);
        this.loaded = list.loaded();
        search.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> {
            applyFilter();
            refresh();
        });
        showClosed.addListener((o, a, b) -> applyFilter());
        parentFilter.addListener((o, a, b) -> {
            applyFilter();
            refresh();
        });
        sort.addListener((o, a, b) -> refresh());
        relations = new TenantRelations(ctx);
        closedBanner = new ClosedTenantBanner(ctx);
        selected.addListener((o, a, b) -> loadDetail());
    }

    /** Tab counts, parent and children of the selected tenant. */
    /** The tombstone / cascade-incomplete banner of a CLOSED tenant. */
    public ClosedTenantBanner closedBanner() {
        return closedBanner;
    }

    public TenantRelations relations() {
        return relations;
    }

    /** The server side of the list's filters (status, search) as a bulk-action filter. */
    public dev.cycles.admin.model.TenantBulkFilter bulkFilter() {
        String s = search.get() == null ? "" : search.get().trim();
        return new dev.cycles.admin.model.TenantBulkFilter(statusFilter.get(), ParentFilter.parentId(parentFilter.get()), null,
                s.isEmpty() ? null : s);
    }

    /** After a bulk action: the list and the detail show the server's new state. */
    public void afterBulk() {
        refresh();
        loadDetail();
    }

    // ---- list
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

    /** The server side of the filters (search, status, sort), one page's worth. */
    private Map<String, String> serverQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        sort.get().addTo(q);
        if (statusFilter.get() != null) {
            q.put("status", statusFilter.get().name());
        }
        String s = search.get() == null ? "" : search.get().trim();
        if (!s.isEmpty()) {
            q.put("search", s);
        }
        ParentFilter.addTo(q, parentFilter.get());
        return q;
    }

    private Supplier<Export.Page<Tenant>> pageRequest(String cursor) {
        Map<String, String> q = serverQuery();
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        return () -> fetchPage(q);
    }

    /** One page of the list endpoint for a full query. Blocking. */
    private Export.Page<Tenant> fetchPage(Map<String, String> q) {
        TenantListResponse r = ctx.session().client().listTenants(q);
        return new Export.Page<>(r.tenants(), r.nextCursor(), r.hasMore());
    }

    /** Every page of the current server query (search, status, sort), with the closed toggle, to a file. */
    public Export.Spec<Tenant> exportSpec() {
        Map<String, String> q = serverQuery();
        q.put("limit", "100");
        Predicate<Tenant> keep = filter(search.get(), statusFilter.get(), showClosed.get()).and(ParentFilter.predicate(parentFilter.get()));
        return new Export.Spec<>("tenants", Export.Pager.over(q, this::fetchPage), keep, List.of(
                new Export.Column<>("tenant_id", Tenant::tenantId),
                new Export.Column<>("name", Tenant::name),
                new Export.Column<>("status", Tenant::status),
                new Export.Column<>("parent_tenant_id", Tenant::parentTenantId),
                new Export.Column<>("default_commit_overage_policy", Tenant::defaultCommitOveragePolicy),
                new Export.Column<>("default_reservation_ttl_ms", Tenant::defaultReservationTtlMs),
                new Export.Column<>("max_reservation_ttl_ms", Tenant::maxReservationTtlMs),
                new Export.Column<>("created_at", Tenant::createdAt)));
    }

    /** Opens the audit browser on everything recorded for this tenant. */
    public void activity(Tenant t) {
        if (t != null) {
            dev.cycles.admin.console.common.domain.ActivityLinks.tenant(ctx.nav(), t.tenantId());
        }
    }

    /** Resets the filters, then applies the named ones (status). */
    public void applyFilters(Map<String, String> f) {
        search.set(FilterMap.text(f, "search"));
        statusFilter.set(FilterMap.enumOf(TenantStatus.class, f, "status"));
        showClosed.set(FilterMap.flag(f, "show_closed"));
        parentFilter.set(FilterMap.text(f, "parent"));
    }

    /** The filters as {@link #applyFilters} reads them (saved filters). */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        FilterMap.put(f, "search", search.get());
        FilterMap.put(f, "status", statusFilter.get());
        FilterMap.put(f, "show_closed", showClosed.get());
        FilterMap.put(f, "parent", parentFilter.get());
        return f;
    }

    /**
     * Quick jump: an exact tenant id, else the first loaded tenant whose id or name contains the
     * text (case-insensitive); the server is asked when nothing loaded matches. Selects it.
     */
    public void jump(String text) {
        String s = text == null ? "" : text.trim();
        int dash = s.indexOf(" — ");
        if (dash > 0) {
            s = s.substring(0, dash); // "id — name" from the picker
        }
        if (s.isEmpty()) {
            return;
        }
        String needle = s.toLowerCase(Locale.ROOT);
        Tenant hit = loaded.stream().filter(t -> t.tenantId().equals(needle)).findFirst()
                .or(() -> loaded.stream().filter(t -> t.tenantId().contains(needle)
                        || (t.name() != null && t.name().toLowerCase(Locale.ROOT).contains(needle))).findFirst())
                .orElse(null);
        if (hit != null) {
            selected.set(hit);
            return;
        }
        String q = s;
        ctx.async().run("Find tenant " + q, () -> ctx.session().client().listTenants(Map.of("search", q, "limit", "100")), r -> {
            if (r.tenants().isEmpty()) {
                ctx.status().info("No tenant matches '" + q + "'");
            } else {
                Tenant t = r.tenants().stream().filter(x -> x.tenantId().equals(needle)).findFirst().orElse(r.tenants().get(0));
                replace(t);
                selected.set(t);
            }
        }, e -> ctx.status().error("Find tenant " + q, e));
    }

    /** "id — name" of every loaded tenant, for the quick-jump picker. */
    public List<String> jumpChoices() {
        return loaded.stream().map(t -> t.tenantId() + " — " + t.name()).toList();
    }

    private void accept(Export.Page<Tenant> page, boolean append) {
        String keep = selected.get() == null ? null : selected.get().tenantId();
        list.store(page, append);
        applyFilter();
        if (keep != null) {
            list.find(keep).ifPresent(selected::set);
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
        list.filter(filter(search.get(), statusFilter.get(), showClosed.get()).and(ParentFilter.predicate(parentFilter.get())));
        terminalCount.set(closedCount());
        summary.set(list.shownOfLoaded("tenants")
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
        suspend(t, done, e -> { });
    }

    public void suspend(Tenant t, Runnable done, java.util.function.Consumer<AdminApiException> failed) {
        patch("Suspend tenant " + t.tenantId(), t, new TenantUpdateRequest(null, TenantStatus.SUSPENDED, null, null, null, null, null), done, failed);
    }

    public void reactivate(Tenant t, Runnable done) {
        reactivate(t, done, e -> { });
    }

    public void reactivate(Tenant t, Runnable done, java.util.function.Consumer<AdminApiException> failed) {
        patch("Reactivate tenant " + t.tenantId(), t, new TenantUpdateRequest(null, TenantStatus.ACTIVE, null, null, null, null, null), done, failed);
    }

    public void close(Tenant t, Runnable done) {
        close(t, done, e -> { });
    }

    public void close(Tenant t, Runnable done, java.util.function.Consumer<AdminApiException> failed) {
        patch("Close tenant " + t.tenantId(), t, new TenantUpdateRequest(null, TenantStatus.CLOSED, null, null, null, null, null), done, failed);
    }

    /** On a refusal the status line records it and {@code failed} lets the dialog show it inline. */
    private void patch(String what, Tenant t, TenantUpdateRequest body, Runnable done, java.util.function.Consumer<AdminApiException> failed) {
        ctx.async().run(what, () -> ctx.session().client().updateTenant(t.tenantId(), body), updated -> {
            replace(updated);
            ctx.status().info(what + ": now " + updated.status());
            done.run();
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    /** Puts a changed tenant in place (or first, when not loaded); a selected one shows the change. */
    void replace(Tenant updated) {
        boolean wasLoaded = list.replaceOrPrepend(updated);
        applyFilter();
        if (wasLoaded && selected.get() != null && selected.get().tenantId().equals(updated.tenantId())) {
            selected.set(updated);
        }
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
        relations.load(t);
        closedBanner.load(t);
        if (t == null) {
            selectedBudgets.clear();
            selectedKeys.clear();
            selectedPolicies.clear();
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
        ctx.async().run("Load policies of " + id,
                () -> dev.cycles.admin.console.common.domain.PolicyQueries.policiesOf(ctx.session().client(), id),
                rows -> {
                    if (selected.get() != null && selected.get().tenantId().equals(id)) {
                        selectedPolicies.setAll(rows);
                    }
                }, e -> ctx.status().error("Load policies of " + id, e));
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
        return list.visible();
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

    public ObjectProperty<SortOption> sortProperty() {
        return sort;
    }

    public BooleanProperty hasMoreProperty() {
        return list.hasMoreProperty();
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

    public ObservableList<dev.cycles.admin.console.common.domain.PolicyRow> selectedPolicies() {
        return selectedPolicies;
    }

    /** Re-reads the selected tenant's budgets, keys and policies. */
    public void reloadDetail() {
        loadDetail();
    }

    public ObservableList<ApiKey> selectedKeys() {
        return selectedKeys;
    }

    public StringProperty detailNoteProperty() {
        return detailNote;
    }

    public IntegerBinding visibleCount() {
        return Bindings.size(list.visible());
    }

    public Ctx ctx() {
        return ctx;
    }

    /** Loaded terminal rows (closed, revoked or expired): the count on the "Show …" checkbox. */
    public javafx.beans.property.ReadOnlyLongProperty terminalCountProperty() {
        return terminalCount;
    }

    public StringProperty parentFilterProperty() {
        return parentFilter;
    }
}
