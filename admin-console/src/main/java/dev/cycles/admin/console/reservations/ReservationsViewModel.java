package dev.cycles.admin.console.reservations;

import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.TenantChoices;
import dev.cycles.admin.console.common.TimeInput;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationListResponse;
import dev.cycles.admin.model.runtime.ReservationStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reservations of one tenant, from the runtime plane's GET /v1/reservations (the admin key
 * must name the tenant): status, subject-level and time-window filters, server sort, Load more,
 * the selected reservation's details, and force release.
 */
public final class ReservationsViewModel {
    public static final SortOption SORT_NEWEST = new SortOption("Newest first", "created_at_ms", "desc");
    public static final List<SortOption> SORT_OPTIONS = List.of(
            SORT_NEWEST,
            new SortOption("Oldest first", "created_at_ms", "asc"),
            new SortOption("Expiring soonest", "expires_at_ms", "asc"),
            new SortOption("Largest hold first", "reserved", "desc"),
            new SortOption("Status A-Z", "status", "asc"),
            new SortOption("Scope A-Z", "scope_path", "asc"));
    /** The subject levels the server filters on, in scope order. */
    public static final List<String> LEVELS = List.of("workspace", "app", "workflow", "agent", "toolset");

    private final Ctx ctx;
    private final ZoneId zone;
    private final StringProperty tenant = new SimpleStringProperty("");
    private final TenantChoices tenantChoices = new TenantChoices(tenant);
    private final ObjectProperty<ReservationStatus> status = new SimpleObjectProperty<>(ReservationStatus.ACTIVE);
    private final Map<String, StringProperty> levels = new LinkedHashMap<>();
    private final StringProperty createdFrom = new SimpleStringProperty("");
    private final StringProperty createdTo = new SimpleStringProperty("");
    private final StringProperty expiresFrom = new SimpleStringProperty("");
    private final StringProperty expiresTo = new SimpleStringProperty("");
    private final ObjectProperty<SortOption> sort = new SimpleObjectProperty<>(SORT_NEWEST);
    private final PagedList<Reservation> list;
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<Reservation> selected = new SimpleObjectProperty<>();
    private final StringBinding validation;
    private final StringBinding details;
    private String queriedTenant = "";
    private int pageSize = 50;

    public ReservationsViewModel(Ctx ctx) {
        this(ctx, ZoneId.systemDefault());
    }

    public ReservationsViewModel(Ctx ctx, ZoneId zone) {
        this.ctx = ctx;
        this.zone = zone;
        LEVELS.forEach(l -> levels.put(l, new SimpleStringProperty("")));
        list = new PagedList<>(Reservation::reservationId, ctx, "Load reservations", this::pageRequest, this::accept);
        validation = Bindings.createStringBinding(this::validate, createdFrom, createdTo, expiresFrom, expiresTo);
        details = Bindings.createStringBinding(() -> ReservationDetails.text(selected.get(), zone), selected);
        sort.addListener((o, a, b) -> refresh());
        status.addListener((o, a, b) -> refresh());
    }

    public void setPageSize(int size) {
        pageSize = size;
    }

    /** What is wrong with the filters ("" when the query can run). */
    String validate() {
        try {
            window(createdFrom, createdTo, "Created");
            window(expiresFrom, expiresTo, "Expires");
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void window(StringProperty from, StringProperty to, String name) {
        Instant f = TimeInput.parse(from.get(), name + " from", false, zone);
        Instant t = TimeInput.parse(to.get(), name + " to", true, zone);
        if (f != null && t != null && f.isAfter(t)) {
            throw new IllegalArgumentException(name + ": from must not be after to");
        }
    }

    /** The query the filters describe (without cursor); the tenant is required by the server. */
    public Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("tenant", tenant().trim());
        q.put("limit", Integer.toString(pageSize));
        q.put("include", "metadata,committed_metadata");
        sort.get().addTo(q);
        if (status.get() != null) {
            q.put("status", status.get().name());
        }
        levels.forEach((level, p) -> {
            String v = p.get() == null ? "" : p.get().trim();
            if (!v.isEmpty()) {
                q.put(level, v);
            }
        });
        time(q, "from", createdFrom, false);
        time(q, "to", createdTo, true);
        time(q, "expires_from", expiresFrom, false);
        time(q, "expires_to", expiresTo, true);
        return q;
    }

    private void time(Map<String, String> q, String name, StringProperty p, boolean endOfDay) {
        Instant t = TimeInput.parse(p.get(), name, endOfDay, zone);
        if (t != null) {
            q.put(name, t.toString());
        }
    }

    private String tenant() {
        return tenant.get() == null ? "" : tenant.get();
    }

    /** Reloads the tenant list and, when a tenant is chosen and the filters read, the first page. */
    public void refresh() {
        tenantChoices.load(ctx);
        if (tenant().isBlank()) {
            list.loaded().clear();
            selected.set(null);
            summary.set("Choose a tenant: the server lists one tenant's reservations at a time");
            return;
        }
        String problem = validate();
        if (!problem.isEmpty()) {
            summary.set("Fix the filters: " + problem);
            return;
        }
        list.loadFirstPage();
    }

    public void loadMore() {
        list.loadMore();
    }

    private Supplier<Export.Page<Reservation>> pageRequest(String cursor) {
        Map<String, String> q = query();
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        String t = q.get("tenant");
        return () -> {
            ReservationListResponse r = ctx.session().runtime().listReservations(q);
            queriedTenant = t;
            return new Export.Page<>(r.reservations(), r.nextCursor(), Boolean.TRUE.equals(r.hasMore()));
        };
    }

    private void accept(Export.Page<Reservation> page, boolean append) {
        String keep = selected.get() == null ? null : selected.get().reservationId();
        list.store(page, append);
        ctx.status().clearError();
        if (!append) {
            selected.set(keep == null ? null : list.find(keep).orElse(null));
        }
        summarize();
    }

    private void summarize() {
        int rows = list.loaded().size();
        String what = status.get() == null ? "" : status.get().name().toLowerCase(java.util.Locale.ROOT) + " ";
        summary.set(rows + " " + what + (rows == 1 ? "reservation" : "reservations") + " of " + queriedTenant
                + (list.hasMoreProperty().get() ? " (more available: Load more)" : ""));
    }

    /** After a force release: the server's view of that reservation replaces the row, and stays selected. */
    public void reload(String reservationId) {
        ctx.async().run("Read reservation " + reservationId, () -> ctx.session().runtime().getReservation(reservationId), r -> {
            list.replaceOrPrepend(r); // the summary still describes the last query; Run query re-applies the filters
            selected.set(r);
        }, e -> ctx.status().error("Read reservation " + reservationId, e));
    }

    /** Opens the screen on one tenant (from another screen's link). */
    public void showTenant(String tenantId) {
        tenant.set(tenantId == null ? "" : tenantId);
        refresh();
    }

    /** Clears every filter but the tenant; status back to ACTIVE (what an operator looks for first). */
    public void clearFilters() {
        levels.values().forEach(p -> p.set(""));
        for (StringProperty p : List.of(createdFrom, createdTo, expiresFrom, expiresTo)) {
            p.set("");
        }
        status.set(ReservationStatus.ACTIVE);
    }

    /** Every filter cleared, then the named ones set (tenant, status, the subject levels, created/expires ranges). */
    public void applyFilters(Map<String, String> f) {
        clearFilters();
        tenant.set(FilterMap.text(f, "tenant"));
        if (f.containsKey("status")) {
            status.set(FilterMap.enumOf(ReservationStatus.class, f, "status")); // "any" is stored as blank
        }
        levels.forEach((level, p) -> p.set(FilterMap.text(f, level)));
        createdFrom.set(FilterMap.text(f, "created_from"));
        createdTo.set(FilterMap.text(f, "created_to"));
        expiresFrom.set(FilterMap.text(f, "expires_from"));
        expiresTo.set(FilterMap.text(f, "expires_to"));
    }

    /** The filters as {@link #applyFilters} reads them (saved filters). */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new LinkedHashMap<>();
        FilterMap.put(f, "tenant", tenant.get());
        f.put("status", status.get() == null ? "" : status.get().name());
        levels.forEach((level, p) -> FilterMap.put(f, level, p.get()));
        FilterMap.put(f, "created_from", createdFrom.get());
        FilterMap.put(f, "created_to", createdTo.get());
        FilterMap.put(f, "expires_from", expiresFrom.get());
        FilterMap.put(f, "expires_to", expiresTo.get());
        return f;
    }

    public String queriedTenant() {
        return queriedTenant;
    }

    // ---- properties
    public Ctx ctx() { return ctx; }
    public StringProperty tenantProperty() { return tenant; }
    public TenantChoices tenantChoices() { return tenantChoices; }
    public ObjectProperty<ReservationStatus> statusProperty() { return status; }
    public StringProperty levelProperty(String level) { return levels.get(level); }
    public StringProperty createdFromProperty() { return createdFrom; }
    public StringProperty createdToProperty() { return createdTo; }
    public StringProperty expiresFromProperty() { return expiresFrom; }
    public StringProperty expiresToProperty() { return expiresTo; }
    public ObjectProperty<SortOption> sortProperty() { return sort; }
    public ObservableList<Reservation> rows() { return list.loaded(); }
    public BooleanProperty hasMoreProperty() { return list.hasMoreProperty(); }
    public StringProperty summaryProperty() { return summary; }
    public ObjectProperty<Reservation> selectedProperty() { return selected; }
    public StringBinding validationProperty() { return validation; }
    public StringBinding detailsProperty() { return details; }
}
