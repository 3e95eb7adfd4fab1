package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryListResponse;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.console.common.PagedList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import javafx.collections.ListChangeListener;

import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The deliveries of the selected subscription, newest first, page by page, optionally of one
 * status; each row is one event's delivery with its attempt count, last HTTP answer, error and
 * times. From a delivery the operator opens the event it carried in the Events screen.
 */
public final class DeliveriesViewModel {
    private final Ctx ctx;
    private final ObjectProperty<WebhookSubscription> subscription = new SimpleObjectProperty<>();
    private final ObjectProperty<WebhookDeliveryStatus> status = new SimpleObjectProperty<>();
    private final PagedList<WebhookDelivery> list;
    private final ObjectProperty<WebhookDelivery> selected = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    /** The stats row's outcome filter: only the loaded deliveries of this status are shown (null: all). */
    private final ObjectProperty<WebhookDeliveryStatus> outcome = new SimpleObjectProperty<>();
    private final ObjectProperty<DeliveryStats> stats = new SimpleObjectProperty<>(DeliveryStats.of(List.of(), null));
    private int pageSize = 50;

    public DeliveriesViewModel(Ctx ctx) {
        this.ctx = ctx;
        list = new PagedList<>(WebhookDelivery::deliveryId, ctx, "Load deliveries", this::pageRequest, this::accept);
        status.addListener((o, a, b) -> reload());
        outcome.addListener((o, a, b) -> {
            list.filter(b == null ? d -> true : d -> d.status() == b);
            summarize();
        });
        list.loaded().addListener((ListChangeListener<WebhookDelivery>) c -> stats.set(DeliveryStats.of(list.loaded(),
                subscription.get() == null ? null : subscription.get().lastSuccessAt())));
    }

    public void setPageSize(int size) {
        pageSize = size;
    }

    /** Shows the deliveries of {@code w} (none when null). */
    public void show(WebhookSubscription w) {
        subscription.set(w);
        outcome.set(null);
        reload();
    }

    public void reload() {
        selected.set(null);
        if (subscription.get() == null) {
            list.loaded().clear();
            list.hasMoreProperty().set(false);
            stats.set(DeliveryStats.of(List.of(), null));
            summary.set("Select a subscription to see its deliveries");
            return;
        }
        list.loadFirstPage();
    }

    public void loadMore() {
        list.loadMore();
    }

    private Map<String, String> query(int limit) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(limit));
        if (status.get() != null) {
            q.put("status", status.get().name());
        }
        return q;
    }

    private Supplier<Export.Page<WebhookDelivery>> pageRequest(String cursor) {
        String id = subscription.get().subscriptionId();
        Map<String, String> q = query(pageSize);
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        return () -> fetch(id, q);
    }

    private Export.Page<WebhookDelivery> fetch(String id, Map<String, String> q) {
        WebhookDeliveryListResponse r = ctx.session().client().listWebhookDeliveries(id, q);
        return new Export.Page<>(r.deliveries(), r.nextCursor(), r.hasMore());
    }

    /** Every delivery of the subscription with the status filter (and the stats row's outcome filter), to a file; null without a subscription. */
    public Export.Spec<WebhookDelivery> exportSpec() {
        WebhookSubscription w = subscription.get();
        if (w == null) {
            return null;
        }
        WebhookDeliveryStatus only = outcome.get();
        return WebhookExports.deliveries(w.subscriptionId(), Export.Pager.over(query(100), q -> fetch(w.subscriptionId(), q)),
                d -> only == null || d.status() == only);
    }

    private void accept(Export.Page<WebhookDelivery> page, boolean append) {
        list.store(page, append);
        summarize();
    }

    private void summarize() {
        int n = list.loaded().size();
        long failed = list.loaded().stream().filter(d -> d.status() == WebhookDeliveryStatus.FAILED).count();
        String shown = outcome.get() == null ? "" : list.visible().size() + " " + outcome.get() + " of ";
        summary.set(shown + n + " loaded " + (n == 1 ? "delivery" : "deliveries") + (status.get() == null ? "" : " " + status.get())
                + (failed > 0 && status.get() == null && outcome.get() == null ? ", " + failed + " failed" : "")
                + (list.hasMoreProperty().get() ? " (more available: Load more)" : ""));
    }

    /** The stats row's click on an outcome: show only that status, or all again when it is clicked twice. */
    public void toggleOutcome(WebhookDeliveryStatus s) {
        outcome.set(outcome.get() == s ? null : s);
    }

    /** The event this delivery carried, in the Events screen: the events of its request (or correlation). */
    public void openEvent() {
        WebhookDelivery d = selected.get();
        if (d == null || d.eventId() == null) {
            return;
        }
        String what = "Read event " + d.eventId();
        ctx.async().run(what, () -> ctx.session().client().getEvent(d.eventId()), e -> ctx.nav().list(Nav.Target.EVENTS, eventFilter(e, d)),
                e -> ctx.status().error(what, e));
    }

    /** The Events screen filter that finds {@code e}: its request id, else its correlation id, else its type and tenant. */
    static Map<String, String> eventFilter(Event e, WebhookDelivery d) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("title", "Event " + e.eventId() + " (" + e.eventType() + ") delivered by " + d.deliveryId());
        if (e.requestId() != null && !e.requestId().isBlank()) {
            f.put("request_id", e.requestId());
        } else if (e.correlationId() != null && !e.correlationId().isBlank()) {
            f.put("correlation_id", e.correlationId());
        } else {
            f.put("event_type", e.eventType());
            if (e.tenantId() != null) {
                f.put("tenant_id", e.tenantId());
            }
        }
        return f;
    }

    /** One delivery, every field the server keeps about it. */
    public static String details(WebhookDelivery d) {
        if (d == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        line(b, "Delivery", d.deliveryId());
        line(b, "Event", d.eventId() + "  (" + d.eventType() + ")");
        line(b, "Status", String.valueOf(d.status()));
        line(b, "Attempts", d.attempts() == null ? "0" : d.attempts().toString());
        line(b, "Last answer", d.responseStatus() == null ? "none" : "HTTP " + d.responseStatus()
                + (d.responseTimeMs() == null ? "" : " in " + d.responseTimeMs() + " ms"));
        line(b, "Error", d.errorMessage());
        line(b, "Attempted", time(d.attemptedAt()));
        line(b, "Completed", time(d.completedAt()));
        line(b, "Next retry", time(d.nextRetryAt()));
        line(b, "Trace", d.traceId());
        return b.toString();
    }

    private static void line(StringBuilder b, String k, String v) {
        if (v != null && !v.isBlank()) {
            b.append(String.format("%-11s %s%n", k, v));
        }
    }

    static String time(Instant i) {
        return i == null ? "" : Fx.dateTime(i);
    }

    public ObjectProperty<WebhookSubscription> subscriptionProperty() { return subscription; }
    public ObjectProperty<WebhookDeliveryStatus> statusProperty() { return status; }
    public ObservableList<WebhookDelivery> rows() { return list.loaded(); }
    /** The loaded deliveries the outcome filter lets through: what the table shows. */
    public ObservableList<WebhookDelivery> visible() { return list.visible(); }
    public ObjectProperty<WebhookDeliveryStatus> outcomeProperty() { return outcome; }
    public ObjectProperty<DeliveryStats> statsProperty() { return stats; }
    public BooleanProperty hasMoreProperty() { return list.hasMoreProperty(); }
    public ObjectProperty<WebhookDelivery> selectedProperty() { return selected; }
    public StringProperty summaryProperty() { return summary; }
}
