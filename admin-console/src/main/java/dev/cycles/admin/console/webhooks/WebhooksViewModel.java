package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.TenantChoices;
import dev.cycles.admin.model.WebhookListResponse;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookTestResponse;
import dev.cycles.admin.model.WebhookUpdateRequest;
import dev.cycles.admin.model.WebhookBulkFilter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Webhook subscriptions of every tenant (or one tenant, or the system-wide ones), filtered and
 * sorted by the server, page by page; the selected one's deliveries ({@link DeliveriesViewModel});
 * and the row actions: pause / resume, test, rotate the signing secret, delete.
 */
public final class WebhooksViewModel {
    /** The tenant filter's value for subscriptions that belong to no tenant. */
    public static final String SYSTEM_WIDE = WebhookSubscription.SYSTEM_TENANT;
    public static final SortOption SORT_FAILING = new SortOption("Most failures first", "consecutive_failures", "desc");
    public static final List<SortOption> SORT_OPTIONS = List.of(SORT_FAILING,
            new SortOption("URL A-Z", "url", "asc"),
            new SortOption("Tenant A-Z", "tenant_id", "asc"),
            new SortOption("Status A-Z", "status", "asc"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ctx ctx;
    private final StringProperty tenant = new SimpleStringProperty("");
    private final TenantChoices tenantChoices = new TenantChoices(tenant);
    private final ObjectProperty<WebhookStatus> status = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty eventType = new SimpleStringProperty("");
    private final ObjectProperty<SortOption> sort = new SimpleObjectProperty<>(SORT_FAILING);
    private final BooleanProperty failingOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty showDisabled = new SimpleBooleanProperty(false);
    private final IntegerProperty disabledCount = new SimpleIntegerProperty(0);
    private final PagedList<WebhookSubscription> list;
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<WebhookSubscription> selected = new SimpleObjectProperty<>();
    private final StringProperty testResult = new SimpleStringProperty("");
    private final DeliveriesViewModel deliveries;
    private String queriedTenant = "";
    private int pageSize = 50;

    public WebhooksViewModel(Ctx ctx) {
        this.ctx = ctx;
        list = new PagedList<>(WebhookSubscription::subscriptionId, ctx, "Load webhooks", this::pageRequest, this::accept);
        deliveries = new DeliveriesViewModel(ctx);
        sort.addListener((o, a, b) -> refresh());
        status.addListener((o, a, b) -> refresh());
        failingOnly.addListener((o, a, b) -> applyFilter());
        showDisabled.addListener((o, a, b) -> applyFilter());
        // a wildcard pattern is matched here, so it narrows the table as it is typed
        search.addListener((o, a, b) -> {
            if (WebhookListFilter.isWildcard(a) || WebhookListFilter.isWildcard(b)) {
                applyFilter();
            }
        });
        selected.addListener((o, a, b) -> {
            if (a == null || b == null || !a.subscriptionId().equals(b.subscriptionId())) {
                testResult.set("");
                deliveries.show(b);
            }
        });
    }

    public void setPageSize(int size) {
        pageSize = size;
    }

    /** The query of the filters (without cursor). */
    public Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        sort.get().addTo(q);
        String t = text(tenant);
        if (!t.isEmpty()) {
            q.put("tenant_id", t);
        }
        if (status.get() != null) {
            q.put("status", status.get().name());
        }
        if (!text(search).isEmpty() && !WebhookListFilter.isWildcard(text(search))) {
            q.put("search", text(search)); // a wildcard pattern is matched locally (WebhookListFilter)
        }
        if (!text(eventType).isEmpty()) {
            q.put("event_type", text(eventType));
        }
        return q;
    }

    public void refresh() {
        tenantChoices.load(ctx);
        list.loadFirstPage();
    }

    public void loadMore() {
        list.loadMore();
    }

    private Supplier<Export.Page<WebhookSubscription>> pageRequest(String cursor) {
        Map<String, String> q = query();
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        String t = text(tenant);
        return () -> {
            WebhookListResponse r = ctx.session().client().listWebhooks(q);
            queriedTenant = t;
            return new Export.Page<>(r.subscriptions(), r.nextCursor(), r.hasMore());
        };
    }

    private void accept(Export.Page<WebhookSubscription> page, boolean append) {
        String keep = selected.get() == null ? null : selected.get().subscriptionId();
        list.store(page, append);
        list.filter(localFilter().predicate());
        if (!append) {
            selected.set(keep == null ? null : list.find(keep).orElse(null));
        }
        summarize();
    }

    /** The local filters as they are set now. */
    public WebhookListFilter localFilter() {
        return new WebhookListFilter(text(search), failingOnly.get(), showDisabled.get(), status.get());
    }

    private void applyFilter() {
        list.filter(localFilter().predicate());
        summarize();
    }

    private void summarize() {
        int rows = list.loaded().size();
        int shown = list.visible().size();
        long failing = list.loaded().stream().filter(WebhookListFilter::failing).count();
        long disabled = list.loaded().stream().filter(w -> w.status() == WebhookStatus.DISABLED).count();
        disabledCount.set((int) disabled);
        boolean hidingDisabled = disabled > 0 && !showDisabled.get() && status.get() != WebhookStatus.DISABLED;
        String of = queriedTenant.isEmpty() ? "all tenants" : SYSTEM_WIDE.equals(queriedTenant) ? "system-wide" : queriedTenant;
        summary.set((shown == rows ? "" : shown + " of ") + rows + (rows == 1 ? " subscription" : " subscriptions") + " (" + of + ")"
                + (failing > 0 ? ", " + failing + " failing" : "") + (hidingDisabled ? ", " + disabled + " disabled hidden" : "")
                + (list.hasMoreProperty().get() ? " (more available: Load more)" : ""));
    }

    /** The server side of the list's filters as a bulk-action filter; the local ones are named by {@link WebhookListFilter#localOnly()}. */
    public WebhookBulkFilter bulkFilter() {
        String t = text(tenant);
        String s = text(search);
        return new WebhookBulkFilter(t.isEmpty() ? null : t, status.get(), text(eventType).isEmpty() ? null : text(eventType),
                s.isEmpty() || WebhookListFilter.isWildcard(s) ? null : s);
    }

    /** After a bulk action: the list shows the server's new state. */
    public void afterBulk() {
        refresh();
    }

    /** Every page of the current server query, with the local filters, to a file. */
    public Export.Spec<WebhookSubscription> exportSpec() {
        Map<String, String> q = query();
        q.put("limit", "100");
        return WebhookExports.subscriptions(Export.Pager.over(q, page -> {
            WebhookListResponse r = ctx.session().client().listWebhooks(page);
            return new Export.Page<>(r.subscriptions(), r.nextCursor(), r.hasMore());
        }), localFilter().predicate());
    }

    /** Puts the server's view of a subscription in its row and keeps it selected. */
    public void replace(WebhookSubscription w) {
        list.replaceOrPrepend(w);
        selected.set(w);
        summarize();
    }

    /** ACTIVE → PAUSED, or PAUSED / DISABLED → ACTIVE (which also resets the failure count). */
    public void setStatus(WebhookSubscription w, WebhookStatus to, Runnable done, Consumer<AdminApiException> failed) {
        String what = (to == WebhookStatus.PAUSED ? "Pause" : "Resume") + " webhook " + w.subscriptionId();
        WebhookUpdateRequest req = new WebhookUpdateRequest(null, null, null, null, null, null, null, null, null, null, null, to, null);
        ctx.async().run(what, () -> ctx.session().client().updateWebhook(w.subscriptionId(), req), r -> {
            replace(r);
            ctx.status().info(what + ": now " + r.status());
            done.run();
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    public void delete(WebhookSubscription w, Runnable done, Consumer<AdminApiException> failed) {
        String what = "Delete webhook " + w.subscriptionId();
        ctx.async().run(what, () -> {
            ctx.session().client().deleteWebhook(w.subscriptionId());
            return w;
        }, r -> {
            list.loaded().removeIf(x -> x.subscriptionId().equals(w.subscriptionId()));
            selected.set(null);
            summarize();
            ctx.status().info(what + ": deleted");
            done.run();
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    /** Sends the test event and shows what the receiver answered and how long it took. */
    public void test(WebhookSubscription w) {
        String what = "Test webhook " + w.subscriptionId();
        testResult.set("Sending a test event to " + w.url() + " …");
        ctx.async().run(what, () -> ctx.session().client().testWebhook(w.subscriptionId()), r -> {
            testResult.set(describe(r));
            ctx.status().info(what + ": " + (r.success() ? "passed" : "failed"));
            deliveries.show(selected.get());
        }, e -> {
            testResult.set("Test not sent: " + e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    static String describe(WebhookTestResponse r) {
        StringBuilder b = new StringBuilder(r.success() ? "Test passed: " : "Test failed: ");
        b.append(r.responseStatus() == null ? "no HTTP answer" : "HTTP " + r.responseStatus());
        if (r.responseTimeMs() != null) {
            b.append(" in ").append(r.responseTimeMs()).append(" ms");
        }
        if (r.errorMessage() != null && !r.errorMessage().isBlank()) {
            b.append(" · ").append(r.errorMessage());
        }
        if (r.eventId() != null) {
            b.append(" · event ").append(r.eventId());
        }
        return b.toString();
    }

    /** A new random signing secret (the server accepts 16..512 characters). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Rotates the signing secret; {@code onSecret} gets it, to be shown once and forgotten. */
    public void rotateSecret(WebhookSubscription w, Consumer<String> onSecret, Consumer<AdminApiException> failed) {
        String what = "Rotate signing secret of " + w.subscriptionId();
        String secret = newSecret();
        WebhookUpdateRequest req = new WebhookUpdateRequest(null, null, null, null, null, null, null, secret, null, null, null, null, null);
        ctx.async().run(what, () -> ctx.session().client().updateWebhook(w.subscriptionId(), req), r -> {
            replace(r);
            ctx.status().info(what + ": done");
            onSecret.accept(secret);
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    /** Opens the screen filtered (from another screen's link): tenant, status, failing=true (failures in a row > 0). */
    /** Sets every filter from a drill-down or a saved set (see {@link #currentFilters()}); unknown values are ignored. */
    public void applyFilters(Map<String, String> f) {
        tenant.set(FilterMap.text(f, f.containsKey("tenant") ? "tenant" : "tenant_id"));
        search.set(FilterMap.text(f, "search"));
        eventType.set(FilterMap.text(f, "event_type"));
        failingOnly.set(FilterMap.flag(f, "failing"));
        showDisabled.set(FilterMap.flag(f, "show_disabled"));
        WebhookStatus st = FilterMap.enumOf(WebhookStatus.class, f, "status");
        if (st != status.get()) {
            status.set(st); // refreshes
        } else {
            refresh();
        }
    }

    /** The screen's filters as saved filters and Back/Forward keep them. */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        FilterMap.put(f, "tenant", tenant.get());
        FilterMap.put(f, "status", status.get());
        FilterMap.put(f, "search", search.get());
        FilterMap.put(f, "event_type", eventType.get());
        FilterMap.put(f, "failing", failingOnly.get());
        FilterMap.put(f, "show_disabled", showDisabled.get());
        return f;
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    public String queriedTenant() {
        return queriedTenant;
    }

    public Ctx ctx() { return ctx; }
    public StringProperty tenantProperty() { return tenant; }
    public TenantChoices tenantChoices() { return tenantChoices; }
    public ObjectProperty<WebhookStatus> statusProperty() { return status; }
    public StringProperty searchProperty() { return search; }
    public StringProperty eventTypeProperty() { return eventType; }
    public ObjectProperty<SortOption> sortProperty() { return sort; }
    public ObservableList<WebhookSubscription> rows() { return list.loaded(); }
    /** The loaded rows the local filters let through: what the table shows. */
    public ObservableList<WebhookSubscription> visible() { return list.visible(); }
    public BooleanProperty failingOnlyProperty() { return failingOnly; }
    public BooleanProperty showDisabledProperty() { return showDisabled; }
    public IntegerProperty disabledCountProperty() { return disabledCount; }
    public BooleanProperty hasMoreProperty() { return list.hasMoreProperty(); }
    public StringProperty summaryProperty() { return summary; }
    public ObjectProperty<WebhookSubscription> selectedProperty() { return selected; }
    public StringProperty testResultProperty() { return testResult; }
    public DeliveriesViewModel deliveries() { return deliveries; }
}
