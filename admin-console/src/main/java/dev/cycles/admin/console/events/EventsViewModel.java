package dev.cycles.admin.console.events;

import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.common.domain.TimePreset;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.TenantChoices;
import dev.cycles.admin.console.common.TimeInput;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventListResponse;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The event browser: every filter of GET /v1/admin/events (type, category, scope prefix, tenant,
 * correlation, trace and request ids, search, time range), server sort, Load more, the selected
 * event's envelope and payload, a live tail that polls for new events, and drill-down to the
 * audit entries of the same request.
 */
public final class EventsViewModel {
    public static final SortOption SORT_NEWEST_FIRST = new SortOption("Newest first", "timestamp", "desc");
    public static final List<SortOption> SORT_OPTIONS = List.of(
            SORT_NEWEST_FIRST,
            new SortOption("Oldest first", "timestamp", "asc"),
            new SortOption("Type A-Z", "event_type", "asc"),
            new SortOption("Category A-Z", "category", "asc"),
            new SortOption("Scope A-Z", "scope", "asc"),
            new SortOption("Tenant A-Z", "tenant_id", "asc"));

    private static final Pattern TRACE = Pattern.compile("[0-9a-f]{32}");

    private final Ctx ctx;
    private final Clock clock;
    private final ZoneId zone;
    private final StringProperty eventType = new SimpleStringProperty("");
    private final StringProperty category = new SimpleStringProperty("");
    private final StringProperty scope = new SimpleStringProperty("");
    private final StringProperty tenant = new SimpleStringProperty("");
    private final TenantChoices tenantChoices = new TenantChoices(tenant);
    private final StringProperty correlationId = new SimpleStringProperty("");
    private final StringProperty traceId = new SimpleStringProperty("");
    private final StringProperty requestId = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<TimePreset> preset = new SimpleObjectProperty<>(TimePreset.LAST_24_HOURS);
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ObjectProperty<SortOption> sort = new SimpleObjectProperty<>(SORT_NEWEST_FIRST);
    private final StringProperty context = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<Event> selected = new SimpleObjectProperty<>();
    private final BooleanProperty live = new SimpleBooleanProperty(false);
    private final StringProperty liveState = new SimpleStringProperty("");
    private final PagedList<Event> list;
    private final StringBinding validation;
    private final StringBinding details;
    private Duration tailInterval = Duration.ofSeconds(5);
    private boolean polling;
    private int newSinceLive;
    private String queriedTenant = "";
    private int pageSize = 50;

    public EventsViewModel(Ctx ctx) {
        this(ctx, Clock.systemUTC(), ZoneId.systemDefault());
    }

    public EventsViewModel(Ctx ctx, Clock clock, ZoneId zone) {
        this.ctx = ctx;
        this.clock = clock;
        this.zone = zone;
        list = new PagedList<>(Event::eventId, ctx, "Query events", this::pageRequest, this::accept);
        validation = Bindings.createStringBinding(this::validate, preset, from, to, traceId);
        details = Bindings.createStringBinding(() -> details(selected.get()), selected);
        sort.addListener((o, a, b) -> refresh());
        preset.addListener((o, a, b) -> {
            if (b != TimePreset.CUSTOM) {
                from.set("");
                to.set("");
            }
        });
        live.addListener((o, was, on) -> {
            if (on) {
                newSinceLive = 0;
                liveState.set("Live: following new events");
                if (sort.get() != SORT_NEWEST_FIRST) {
                    sort.set(SORT_NEWEST_FIRST); // the tail adds at the top, so the list reads newest first
                }
            } else if (!liveState.get().startsWith("Live tail stopped")) {
                liveState.set("");
            }
        });
    }

    public void setPageSize(int size) {
        pageSize = size;
    }

    /** How often the live tail asks for new events (tests shorten it). */
    public void setTailInterval(Duration d) {
        tailInterval = d;
    }

    public Duration tailInterval() {
        return tailInterval;
    }

    /** What is wrong with the form ("" when the query can run). */
    String validate() {
        try {
            if (preset.get() == TimePreset.CUSTOM) {
                Instant f = TimeInput.parse(from.get(), "From", false, zone);
                Instant t = TimeInput.parse(to.get(), "To", true, zone);
                if (f != null && t != null && f.isAfter(t)) {
                    return "From must not be after To";
                }
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String tr = trim(traceId.get());
        if (!tr.isEmpty() && !TRACE.matcher(tr).matches()) {
            return "Trace ID is 32 lowercase hexadecimal characters";
        }
        return "";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /** The query the form describes (without cursor). */
    public Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        sort.get().addTo(q);
        put(q, "event_type", list(eventType.get()));
        put(q, "category", list(category.get()));
        put(q, "scope", scope.get());
        put(q, "tenant_id", tenant.get());
        put(q, "correlation_id", correlationId.get());
        put(q, "trace_id", traceId.get());
        put(q, "request_id", requestId.get());
        put(q, "search", search.get());
        TimePreset p = preset.get();
        if (p.span() != null) {
            q.put("from", clock.instant().minus(p.span()).toString());
        } else if (p == TimePreset.CUSTOM) {
            Instant f = TimeInput.parse(from.get(), "From", false, zone);
            Instant t = TimeInput.parse(to.get(), "To", true, zone);
            if (f != null) {
                q.put("from", f.toString());
            }
            if (t != null) {
                q.put("to", t.toString());
            }
        }
        return q;
    }

    private static String list(String s) {
        if (s == null) {
            return "";
        }
        return String.join(",", java.util.Arrays.stream(s.split("[,\\s]+")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    }

    private static void put(Map<String, String> q, String name, String v) {
        if (v != null && !v.trim().isEmpty()) {
            q.put(name, v.trim());
        }
    }

    /** Reloads the tenant choices and the first page. */
    public void refresh() {
        tenantChoices.load(ctx);
        String problem = validate();
        if (!problem.isEmpty()) {
            summary.set("Fix the query: " + problem);
            return;
        }
        list.loadFirstPage();
    }

    public void loadMore() {
        list.loadMore();
    }

    private Supplier<Export.Page<Event>> pageRequest(String cursor) {
        Map<String, String> q = query();
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        String t = q.getOrDefault("tenant_id", "");
        return () -> {
            Export.Page<Event> page = fetchPage(q);
            queriedTenant = t;
            return page;
        };
    }

    /** One page of the list endpoint for a full query. Blocking. */
    private Export.Page<Event> fetchPage(Map<String, String> q) {
        EventListResponse r = ctx.session().client().listEvents(q);
        return new Export.Page<>(r.events(), r.nextCursor(), r.hasMore());
    }

    private void accept(Export.Page<Event> page, boolean append) {
        String keep = selected.get() == null ? null : selected.get().eventId();
        list.store(page, append);
        if (!append) {
            selected.set(keep == null ? null : list.find(keep).orElse(null));
        }
        summarize();
    }

    private void summarize() {
        int rows = list.loaded().size();
        summary.set(rows + (rows == 1 ? " event" : " events") + (list.hasMoreProperty().get() ? " (more available: Load more)" : ""));
    }

    /**
     * One live-tail poll: the first page of the current filters, newest first; events not loaded
     * yet go on top, the selection stays. A failure stops the tail and says so.
     */
    public void pollNew() {
        if (!live.get() || polling || !validate().isEmpty()) {
            return;
        }
        polling = true;
        Map<String, String> q = query();
        SORT_NEWEST_FIRST.addTo(q);
        ctx.async().run("Live tail", () -> fetchPage(q), page -> {
            polling = false;
            if (live.get()) {
                prependNew(page.items());
            }
        }, e -> {
            polling = false;
            stopLive(e);
        });
    }

    /** Puts events not loaded yet on top, newest first, keeping the selection; returns how many. */
    int prependNew(List<Event> newestFirst) {
        Set<String> have = new HashSet<>();
        list.loaded().forEach(x -> have.add(x.eventId()));
        List<Event> fresh = new ArrayList<>();
        for (Event e : newestFirst) {
            if (!have.contains(e.eventId())) {
                fresh.add(e);
            }
        }
        if (!fresh.isEmpty()) {
            list.loaded().addAll(0, fresh);
            newSinceLive += fresh.size();
            summarize();
        }
        liveState.set("Live: following new events (" + newSinceLive + " new since turned on)");
        return fresh.size();
    }

    private void stopLive(AdminApiException e) {
        // short, beside the toggle; the full message is in the status line
        liveState.set("Live tail stopped (" + e.code() + "): turn Live tail on to try again");
        live.set(false);
        ctx.status().error("Live tail", e);
    }

    /** Clears every filter (time back to the last 24 hours). */
    public void clearFilters() {
        for (StringProperty p : List.of(eventType, category, scope, tenant, correlationId, traceId, requestId, search, from, to)) {
            p.set("");
        }
        preset.set(TimePreset.LAST_24_HOURS);
        context.set("");
    }

    /**
     * Opened from another screen: every filter cleared, then these query parameters (request_id,
     * tenant_id, scope, event_type, ...), any time, newest first. The window's show() then loads.
     */
    /** The filters as {@link #showFiltered} reads them (saved filters): query names, the time preset and a custom range. */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new LinkedHashMap<>();
        FilterMap.put(f, "event_type", eventType.get());
        FilterMap.put(f, "category", category.get());
        FilterMap.put(f, "tenant_id", tenant.get());
        FilterMap.put(f, "scope", scope.get());
        FilterMap.put(f, "request_id", requestId.get());
        FilterMap.put(f, "trace_id", traceId.get());
        FilterMap.put(f, "correlation_id", correlationId.get());
        FilterMap.put(f, "search", search.get());
        FilterMap.put(f, "preset", preset.get());
        if (preset.get() == TimePreset.CUSTOM) {
            FilterMap.put(f, "from", from.get());
            FilterMap.put(f, "to", to.get());
        }
        return f;
    }

    public void showFiltered(String title, Map<String, String> filter) {
        live.set(false);
        clearFilters();
        preset.set(TimePreset.ALL);
        filter.forEach((k, v) -> {
            switch (k) {
                case "request_id" -> requestId.set(v);
                case "trace_id" -> traceId.set(v);
                case "correlation_id" -> correlationId.set(v);
                case "tenant_id", "tenant" -> tenant.set(v);
                case "scope" -> scope.set(v);
                case "event_type" -> eventType.set(v);
                case "category" -> category.set(v);
                case "search" -> search.set(v);
                case "preset" -> preset.set(TimePreset.valueOf(v));
                case "from" -> from.set(v);
                case "to" -> to.set(v);
                default -> throw new IllegalArgumentException("unknown event filter " + k);
            }
        });
        context.set(title == null ? "" : title);
        if (sort.get() != SORT_NEWEST_FIRST) {
            sort.set(SORT_NEWEST_FIRST); // refreshes
        }
    }

    /** Opens the audit log at the entries of the selected event's request. */
    public void openAuditOfRequest() {
        Event e = selected.get();
        if (e != null && e.requestId() != null && !e.requestId().isBlank()) {
            ctx.nav().activity("Request " + e.requestId(), Map.of("request_id", e.requestId()));
        }
    }

    /** The envelope (ids, actor, source, correlation) and then the payload and metadata as pretty JSON. */
    public static String details(Event e) {
        if (e == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        line(b, "Event ID", e.eventId());
        line(b, "Type", e.eventType());
        line(b, "Category", e.category());
        line(b, "Time", e.timestamp() == null ? null : e.timestamp() + "  (" + Fx.dateTimeSeconds(e.timestamp()) + ")");
        line(b, "Tenant", e.tenantId());
        line(b, "Scope", e.scope());
        line(b, "Source", e.source());
        line(b, "Actor", e.actor() == null ? null : e.actor().type());
        line(b, "Actor key", e.actor() == null ? null : e.actor().keyId());
        line(b, "Actor IP", e.actor() == null ? null : e.actor().sourceIp());
        line(b, "Request ID", e.requestId());
        line(b, "Trace ID", e.traceId());
        line(b, "Correlation", e.correlationId());
        b.append("\nPayload (data):\n").append(json(e.data()));
        if (e.metadata() != null && !e.metadata().isEmpty()) {
            b.append("\n\nMetadata:\n").append(json(e.metadata()));
        }
        return b.toString();
    }

    private static String json(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return "  (none)";
        }
        try {
            return AdminClient.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return String.valueOf(m);
        }
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(String.format("%-13s%s%n", name + ":", value == null || value.isBlank() ? "-" : value));
    }

    /** Every page of the current query, to a file. */
    public Export.Spec<Event> exportSpec() {
        Map<String, String> q = query();
        q.put("limit", "100");
        return new Export.Spec<>("events", Export.Pager.over(q, this::fetchPage), e -> true, List.of(
                new Export.Column<>("event_id", Event::eventId),
                new Export.Column<>("timestamp", Event::timestamp),
                new Export.Column<>("event_type", Event::eventType),
                new Export.Column<>("category", Event::category),
                new Export.Column<>("tenant_id", Event::tenantId),
                new Export.Column<>("scope", Event::scope),
                new Export.Column<>("actor_type", e -> e.actor() == null ? null : e.actor().type()),
                new Export.Column<>("actor_key_id", e -> e.actor() == null ? null : e.actor().keyId()),
                new Export.Column<>("source", Event::source),
                new Export.Column<>("request_id", Event::requestId),
                new Export.Column<>("trace_id", Event::traceId),
                new Export.Column<>("correlation_id", Event::correlationId)));
    }

    public String queriedTenant() {
        return queriedTenant;
    }

    // ---- properties
    public StringProperty eventTypeProperty() { return eventType; }
    public StringProperty categoryProperty() { return category; }
    public StringProperty scopeProperty() { return scope; }
    public StringProperty tenantProperty() { return tenant; }
    public TenantChoices tenantChoices() { return tenantChoices; }
    public StringProperty correlationIdProperty() { return correlationId; }
    public StringProperty traceIdProperty() { return traceId; }
    public StringProperty requestIdProperty() { return requestId; }
    public StringProperty searchProperty() { return search; }
    public ObjectProperty<TimePreset> presetProperty() { return preset; }
    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public ObjectProperty<SortOption> sortProperty() { return sort; }
    public StringProperty contextProperty() { return context; }
    public StringProperty summaryProperty() { return summary; }
    public ObjectProperty<Event> selectedProperty() { return selected; }
    public BooleanProperty liveProperty() { return live; }
    public StringProperty liveStateProperty() { return liveState; }
    public ObservableList<Event> rows() { return list.loaded(); }
    public BooleanProperty hasMoreProperty() { return list.hasMoreProperty(); }
    public StringBinding validationProperty() { return validation; }
    public StringBinding detailsProperty() { return details; }
    public Ctx ctx() { return ctx; }
}
