package dev.cycles.admin.console.audit;

import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.common.domain.TimePreset;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.TimeInput;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.AuditLogListResponse;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The audit browser: every filter of GET /v1/admin/audit/logs, time presets and a custom range,
 * sort, Load more, a details view of the selected entry, and "activity" queries opened from
 * other screens.
 */
public final class AuditViewModel {

    /** The default sort. */
    public static final SortOption SORT_NEWEST_FIRST = new SortOption("Newest first", "timestamp", "desc");
    /** Server-side sort choices, as the sort box lists them. */
    public static final List<SortOption> SORT_OPTIONS = List.of(
            SORT_NEWEST_FIRST,
            new SortOption("Oldest first", "timestamp", "asc"),
            new SortOption("Status, highest first", "status", "desc"),
            new SortOption("Operation A-Z", "operation", "asc"),
            new SortOption("Tenant A-Z", "tenant_id", "asc"));

    private static final Pattern TRACE = Pattern.compile("[0-9a-f]{32}");

    private final Ctx ctx;
    private final Clock clock;
    private final ZoneId zone;
    private final StringProperty tenant = new SimpleStringProperty("");
    private final StringProperty keyId = new SimpleStringProperty("");
    private final StringProperty operations = new SimpleStringProperty("");
    private final StringProperty resourceType = new SimpleStringProperty("");
    private final StringProperty resourceId = new SimpleStringProperty("");
    private final StringProperty statusMin = new SimpleStringProperty("");
    private final StringProperty statusMax = new SimpleStringProperty("");
    private final StringProperty errorCodes = new SimpleStringProperty("");
    private final StringProperty errorCodesExcluded = new SimpleStringProperty("");
    private final ObjectProperty<TimePreset> preset = new SimpleObjectProperty<>(TimePreset.LAST_24_HOURS);
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty traceId = new SimpleStringProperty("");
    private final StringProperty requestId = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<SortOption> sort = new SimpleObjectProperty<>(SORT_NEWEST_FIRST);
    private final StringProperty context = new SimpleStringProperty("");
    private final PagedList<AuditLogEntry> list;
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<AuditLogEntry> selected = new SimpleObjectProperty<>();
    private final StringBinding validation;
    private final StringBinding details;
    private int pageSize = 50;

    public AuditViewModel(Ctx ctx) {
        this(ctx, Clock.systemUTC(), ZoneId.systemDefault());
    }

    public AuditViewModel(Ctx ctx, Clock clock, ZoneId zone) {
        this.ctx = ctx;
        this.clock = clock;
        this.zone = zone;
        this.list = new PagedList<>(AuditLogEntry::logId, ctx, "Query audit log", this::pageRequest, this::accept);
        validation = Bindings.createStringBinding(this::validate, statusMin, statusMax, preset, from, to, traceId);
        details = Bindings.createStringBinding(() -> details(selected.get()), selected);
        sort.addListener((o, a, b) -> refresh());
        preset.addListener((o, a, b) -> {
            if (b != TimePreset.CUSTOM) {
                from.set("");
                to.set("");
            }
        });
    }

    public void setPageSize(int size) {
        pageSize = size;
    }

    /** What is wrong with the form ("" when the query can run). */
    String validate() {
        try {
            int min = status(statusMin.get(), "Status from");
            int max = status(statusMax.get(), "Status to");
            if (min > 0 && max > 0 && min > max) {
                return "Status from must not exceed status to";
            }
            if (preset.get() == TimePreset.CUSTOM) {
                Instant f = time(from.get(), "From", false);
                Instant t = time(to.get(), "To", true);
                if (f != null && t != null && f.isAfter(t)) {
                    return "From must not be after To";
                }
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String tr = traceId.get() == null ? "" : traceId.get().trim();
        if (!tr.isEmpty() && !TRACE.matcher(tr).matches()) {
            return "Trace ID is 32 lowercase hexadecimal characters";
        }
        return "";
    }

    private static int status(String s, String name) {
        String v = s == null ? "" : s.trim();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 100 || n > 599) {
                throw new IllegalArgumentException(name + ": an HTTP status between 100 and 599");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": an HTTP status between 100 and 599");
        }
    }

    /** See {@link TimeInput#parse}; local times are in this form's zone. */
    Instant time(String s, String name, boolean endOfDay) {
        return TimeInput.parse(s, name, endOfDay, zone);
    }

    /** The query the form describes (without cursor). */
    public Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        sort.get().addTo(q);
        put(q, "tenant_id", tenant);
        put(q, "key_id", keyId);
        put(q, "operation", list(operations.get()));
        put(q, "resource_type", list(resourceType.get()));
        put(q, "resource_id", resourceId);
        put(q, "status_min", statusMin);
        put(q, "status_max", statusMax);
        put(q, "error_code", list(errorCodes.get()));
        put(q, "error_code_exclude", list(errorCodesExcluded.get()));
        put(q, "trace_id", traceId);
        put(q, "request_id", requestId);
        put(q, "search", search);
        TimePreset p = preset.get();
        if (p.span() != null) {
            q.put("from", clock.instant().minus(p.span()).toString());
        } else if (p == TimePreset.CUSTOM) {
            Instant f = time(from.get(), "From", false);
            Instant t = time(to.get(), "To", true);
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

    private static void put(Map<String, String> q, String name, StringProperty p) {
        put(q, name, p.get());
    }

    private static void put(Map<String, String> q, String name, String v) {
        if (v != null && !v.trim().isEmpty()) {
            q.put(name, v.trim());
        }
    }

    public void refresh() {
        if (!validate().isEmpty()) {
            summary.set("Fix the query: " + validate());
            return;
        }
        list.loadFirstPage();
    }

    public void loadMore() {
        list.loadMore();
    }

    private Supplier<Export.Page<AuditLogEntry>> pageRequest(String cursor) {
        Map<String, String> q = query();
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        return () -> fetchPage(q);
    }

    /** One page of the list endpoint for a full query. Blocking. */
    private Export.Page<AuditLogEntry> fetchPage(Map<String, String> q) {
        AuditLogListResponse r = ctx.session().client().listAuditLogs(q);
        return new Export.Page<>(r.logs(), r.nextCursor(), r.hasMore());
    }

    private void accept(Export.Page<AuditLogEntry> page, boolean append) {
        list.store(page, append);
        if (!append) {
            selected.set(null);
        }
        int rows = list.loaded().size();
        summary.set(rows + (rows == 1 ? " entry" : " entries") + (list.hasMoreProperty().get() ? " (more available: Load more)" : ""));
    }

    /** Clears every filter (time back to the last 24 hours). */
    public void clearFilters() {
        for (StringProperty p : List.of(tenant, keyId, operations, resourceType, resourceId, statusMin, statusMax, errorCodes,
                errorCodesExcluded, from, to, traceId, requestId, search)) {
            p.set("");
        }
        preset.set(TimePreset.LAST_24_HOURS);
        context.set("");
    }

    /**
     * Opens an activity view: every filter cleared, then these query parameters set (tenant_id,
     * key_id, resource_type, resource_id, error_code, status_min, ...), any time, newest first.
     */
    /** The filters as {@link #showActivity} reads them (saved filters): query names, the time preset and a custom range. */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new LinkedHashMap<>();
        FilterMap.put(f, "tenant_id", tenant.get());
        FilterMap.put(f, "key_id", keyId.get());
        FilterMap.put(f, "operation", operations.get());
        FilterMap.put(f, "resource_type", resourceType.get());
        FilterMap.put(f, "resource_id", resourceId.get());
        FilterMap.put(f, "status_min", statusMin.get());
        FilterMap.put(f, "status_max", statusMax.get());
        FilterMap.put(f, "error_code", errorCodes.get());
        FilterMap.put(f, "error_code_exclude", errorCodesExcluded.get());
        FilterMap.put(f, "trace_id", traceId.get());
        FilterMap.put(f, "request_id", requestId.get());
        FilterMap.put(f, "search", search.get());
        FilterMap.put(f, "preset", preset.get());
        if (preset.get() == TimePreset.CUSTOM) {
            FilterMap.put(f, "from", from.get());
            FilterMap.put(f, "to", to.get());
        }
        return f;
    }

    public void showActivity(String title, Map<String, String> filter) {
        clearFilters();
        preset.set(TimePreset.ALL);
        filter.forEach((k, v) -> {
            switch (k) {
                case "tenant_id" -> tenant.set(v);
                case "key_id" -> keyId.set(v);
                case "operation" -> operations.set(v);
                case "resource_type" -> resourceType.set(v);
                case "resource_id" -> resourceId.set(v);
                case "status_min" -> statusMin.set(v);
                case "status_max" -> statusMax.set(v);
                case "error_code" -> errorCodes.set(v);
                case "error_code_exclude" -> errorCodesExcluded.set(v);
                case "trace_id" -> traceId.set(v);
                case "request_id" -> requestId.set(v);
                case "search" -> search.set(v);
                case "preset" -> preset.set(TimePreset.valueOf(v));
                case "from" -> from.set(v);
                case "to" -> to.set(v);
                default -> throw new IllegalArgumentException("unknown audit filter " + k);
            }
        });
        context.set(title == null ? "" : title);
        if (sort.get() != SORT_NEWEST_FIRST) {
            sort.set(SORT_NEWEST_FIRST); // refreshes
        } else {
            refresh();
        }
    }

    /** Every field of an entry, IP, user agent and metadata included, as the details pane shows it. */
    public static String details(AuditLogEntry e) {
        if (e == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        line(b, "Log ID", e.logId());
        line(b, "Time", e.timestamp() == null ? null : e.timestamp() + "  (" + Fx.dateTimeSeconds(e.timestamp()) + ")");
        line(b, "Tenant", e.tenantId());
        line(b, "Key", e.keyId());
        line(b, "Operation", e.operation());
        line(b, "Resource", (e.resourceType() == null ? "" : e.resourceType()) + (e.resourceId() == null ? "" : " " + e.resourceId()));
        line(b, "Status", e.status() == null ? null : e.status().toString());
        line(b, "Error code", e.errorCode());
        line(b, "Request ID", e.requestId());
        line(b, "Trace ID", e.traceId());
        line(b, "Source IP", e.sourceIp());
        line(b, "User agent", e.userAgent());
        b.append("Metadata:\n");
        try {
            b.append(e.metadata() == null || e.metadata().isEmpty() ? "  (none)"
                    : AdminClient.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(e.metadata()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            b.append(e.metadata());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(String.format("%-12s%s%n", name + ":", value == null || value.isBlank() ? "-" : value));
    }

    /** Every page of the current query, to a file. */
    public Export.Spec<AuditLogEntry> exportSpec() {
        Map<String, String> q = query();
        q.put("limit", "100");
        return new Export.Spec<>("audit-log", Export.Pager.over(q, this::fetchPage), e -> true, List.of(
                new Export.Column<>("log_id", AuditLogEntry::logId),
                new Export.Column<>("timestamp", AuditLogEntry::timestamp),
                new Export.Column<>("tenant_id", AuditLogEntry::tenantId),
                new Export.Column<>("key_id", AuditLogEntry::keyId),
                new Export.Column<>("operation", AuditLogEntry::operation),
                new Export.Column<>("resource_type", AuditLogEntry::resourceType),
                new Export.Column<>("resource_id", AuditLogEntry::resourceId),
                new Export.Column<>("status", AuditLogEntry::status),
                new Export.Column<>("error_code", AuditLogEntry::errorCode),
                new Export.Column<>("request_id", AuditLogEntry::requestId),
                new Export.Column<>("trace_id", AuditLogEntry::traceId),
                new Export.Column<>("source_ip", AuditLogEntry::sourceIp),
                new Export.Column<>("user_agent", AuditLogEntry::userAgent)));
    }

    // ---- properties
    public StringProperty tenantProperty() { return tenant; }
    public StringProperty keyIdProperty() { return keyId; }
    public StringProperty operationsProperty() { return operations; }
    public StringProperty resourceTypeProperty() { return resourceType; }
    public StringProperty resourceIdProperty() { return resourceId; }
    public StringProperty statusMinProperty() { return statusMin; }
    public StringProperty statusMaxProperty() { return statusMax; }
    public StringProperty errorCodesProperty() { return errorCodes; }
    public StringProperty errorCodesExcludedProperty() { return errorCodesExcluded; }
    public ObjectProperty<TimePreset> presetProperty() { return preset; }
    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public StringProperty traceIdProperty() { return traceId; }
    public StringProperty requestIdProperty() { return requestId; }
    public StringProperty searchProperty() { return search; }
    public ObjectProperty<SortOption> sortProperty() { return sort; }
    public StringProperty contextProperty() { return context; }
    public ObservableList<AuditLogEntry> rows() { return list.loaded(); }
    public BooleanProperty hasMoreProperty() { return list.hasMoreProperty(); }
    public StringProperty summaryProperty() { return summary; }
    public ObjectProperty<AuditLogEntry> selectedProperty() { return selected; }
    public StringBinding validationProperty() { return validation; }
    public StringBinding detailsProperty() { return details; }
    public Ctx ctx() { return ctx; }
}
