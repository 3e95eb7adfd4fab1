package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.TimeInput;
import dev.cycles.admin.model.ReplayRequest;
import dev.cycles.admin.model.WebhookSubscription;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Replays the events of a time window to one subscription (each as a new delivery). The server
 * takes all or nothing: more events in the window than max events is a refusal, so the form says
 * so next to the numbers. Not idempotent: the result line tells what one click queued.
 */
public final class ReplayFormViewModel {
    private final Ctx ctx;
    private final WebhookSubscription subscription;
    private final ZoneId zone;
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty maxEvents = new SimpleStringProperty("100");
    private final StringProperty result = new SimpleStringProperty("");
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringBinding problem;

    public ReplayFormViewModel(Ctx ctx, WebhookSubscription subscription, ZoneId zone) {
        this.ctx = ctx;
        this.subscription = subscription;
        this.zone = zone;
        problem = Bindings.createStringBinding(this::check, from, to, maxEvents);
    }

    String check() {
        try {
            request();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    ReplayRequest request() {
        Instant f = TimeInput.parse(from.get(), "From", false, zone);
        Instant t = TimeInput.parse(to.get(), "To", true, zone);
        if (f == null || t == null) {
            throw new IllegalArgumentException("Enter the window: from and to (2026-01-31, 2026-01-31 14:30 or 2026-01-31T14:30:00Z)");
        }
        if (f.isAfter(t)) {
            throw new IllegalArgumentException("From must not be after to");
        }
        Long max = WebhookAdvanced.whole(maxEvents, "Max events", 1, 1000);
        return new ReplayRequest(f, t, null, max);
    }

    public void submit() {
        if (submitting.get() || !check().isEmpty()) {
            return;
        }
        ReplayRequest req = request();
        submitting.set(true);
        serverError.set("");
        String what = "Replay events to " + subscription.subscriptionId();
        ctx.async().run(what, () -> ctx.session().client().replayWebhook(subscription.subscriptionId(), req), r -> {
            submitting.set(false);
            result.set(r.eventsQueued() + (r.eventsQueued() == 1 ? " event" : " events") + " queued for delivery (replay "
                    + r.replayId() + ", about " + r.estimatedCompletionSeconds() + " s). Each is a new delivery in the Deliveries tab.");
            ctx.status().info(what + ": " + r.eventsQueued() + " queued");
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    public WebhookSubscription subscription() { return subscription; }
    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public StringProperty maxEventsProperty() { return maxEvents; }
    public StringProperty resultProperty() { return result; }
    public StringProperty serverErrorProperty() { return serverError; }
    public BooleanProperty submittingProperty() { return submitting; }
    public StringBinding problemProperty() { return problem; }
}
