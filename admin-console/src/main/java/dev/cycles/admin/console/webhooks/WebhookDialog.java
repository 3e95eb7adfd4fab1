package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.model.WebhookCreateResponse;
import dev.cycles.admin.model.WebhookSubscription;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The create / edit form of a subscription: URL with the URL guard's live answer, owner (tenant
 * or system-wide), event types grouped by category (admin-only ones disabled for a tenant-owned
 * subscription), whole categories, scope filter, and the delivery/alerting settings folded away.
 */
final class WebhookDialog {
    private WebhookDialog() {
    }

    static void show(Window owner, WebhookFormViewModel form, Consumer<WebhookCreateResponse> onCreated, Consumer<WebhookSubscription> onSaved) {
        boolean edit = form.isEdit();
        FormDialog d = new FormDialog(owner, "webhook-form", edit ? "Edit webhook " + form.original().subscriptionId() : "Create webhook",
                edit ? "Save" : "Create webhook");
        TextField url = field("webhook-url", form.urlProperty(), "https://hooks.example.com/cycles");
        Label verdict = new Label();
        verdict.setId("webhook-url-verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(Region.USE_PREF_SIZE); // a refusal is read in full, never cut to one line
        verdict.textProperty().bind(Bindings.createStringBinding(() -> form.verdictProperty().get().text(), form.verdictProperty()));
        form.verdictProperty().addListener((o, a, v) -> {
            verdict.getStyleClass().removeAll("form-error", "form-ok", "form-hint");
            verdict.getStyleClass().add(v.accepted() ? "form-ok" : v.blocking() ? "form-error" : "form-hint");
        });
        verdict.managedProperty().bind(verdict.textProperty().isNotEmpty());
        // DNS per keystroke would be wasteful: check once typing pauses
        PauseTransition pause = new PauseTransition(Duration.millis(250));
        pause.setOnFinished(e -> form.checkUrl());
        form.urlProperty().addListener((o, a, b) -> pause.playFromStart());
        d.row("URL", new VBox(4, url, verdict));
        d.row("Name", field("webhook-name", form.nameProperty(), "optional, e.g. PagerDuty bridge"));
        d.row("Description", field("webhook-description", form.descriptionProperty(), "optional"));
        if (edit) {
            Label ownerFact = new Label(WebhookFormViewModel.systemWide(form.original().tenantId()) ? "System-wide (every tenant)"
                    : form.original().tenantId());
            ownerFact.getStyleClass().add("mono");
            d.row("Owner", ownerFact);
        } else {
            ComboBox<String> tenant = new ComboBox<>(form.tenantChoices().ids());
            tenant.setEditable(true);
            tenant.setMaxWidth(Double.MAX_VALUE);
            tenant.setPromptText("blank = system-wide (every tenant)");
            tenant.getEditor().setId("webhook-tenant");
            tenant.getEditor().textProperty().bindBidirectional(form.tenantProperty());
            tenant.valueProperty().addListener((o, a, b) -> {
                if (b != null) {
                    form.tenantProperty().set(b);
                }
            });
            d.row("Owner tenant", tenant);
        }
        Label boundary = new Label();
        boundary.setId("webhook-boundary");
        boundary.setWrapText(true);
        boundary.getStyleClass().add("form-hint");
        boundary.textProperty().bind(form.boundaryProperty());
        d.wide(boundary);
        d.row("Scope filter", field("webhook-scope", form.scopeFilterProperty(), "optional, e.g. tenant:acme/workspace:prod"));
        // two tabs, not a fold-out: the dialog keeps its height (and its buttons on a 700 px screen)
        Tab types = new Tab("", eventPicker(form));
        types.textProperty().bind(Bindings.createStringBinding(() -> "Event types (" + form.types().size() + " chosen"
                + (form.categories().isEmpty() ? "" : ", " + form.categories().size() + " whole categories") + ")",
                form.types(), form.categories()));
        Tab more = new Tab("Delivery and alerting", advanced(form.advanced()));
        Tab meta = new Tab("Metadata and headers", metadata(form));
        meta.setId("webhook-tab-metadata");
        TabPane tabs = new TabPane(types, more, meta);
        tabs.setId("webhook-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(285);
        tabs.setMinHeight(200);
        d.wide(tabs);
        d.validation(form.problemProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.submittingProperty().or(form.problemProperty().isNotEmpty()))
                .onSubmit(close -> form.submit(created -> {
                    close.run();
                    onCreated.accept(created);
                }, saved -> {
                    close.run();
                    onSaved.accept(saved);
                }));
        d.dialog().getDialogPane().setPrefWidth(760);
        d.dialog().getDialogPane().setMinWidth(700);
        form.loadSecurity();
        d.show();
        url.requestFocus();
    }

    static TextField field(String id, StringProperty p, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    /** One block per category: its name, how many are chosen, All / None, and a check box per type. */
    private static Region eventPicker(WebhookFormViewModel form) {
        Map<String, FlowPane> flows = new LinkedHashMap<>();
        VBox box = new VBox(6);
        for (String cat : EventTypes.CATEGORIES) {
            List<String> ofCat = EventTypes.ALL.stream().filter(t -> EventTypes.categoryOf(t).equals(cat)).toList();
            FlowPane flow = new FlowPane(10, 4);
            for (String type : ofCat) {
                CheckBox c = new CheckBox(type.substring(cat.length() + 1));
                c.setMnemonicParsing(false); // budget.reset_spent: the underscore is part of the name
                c.setId("type-" + type.replace('.', '_'));
                c.setSelected(form.types().contains(type));
                c.selectedProperty().addListener((o, a, on) -> {
                    if (on) {
                        form.types().add(type);
                    } else {
                        form.types().remove(type);
                    }
                });
                form.types().addListener((SetChangeListener<String>) ch -> c.setSelected(form.types().contains(type)));
                c.disableProperty().bind(Bindings.createBooleanBinding(() -> !form.allowed(type), form.tenantProperty()));
                flow.getChildren().add(c);
            }
            flows.put(cat, flow);
            Label title = new Label(cat);
            title.getStyleClass().add("preview-head");
            Label count = new Label();
            count.getStyleClass().add("muted");
            count.textProperty().bind(Bindings.createStringBinding(() -> ofCat.stream().filter(form.types()::contains).count()
                    + " of " + ofCat.size(), form.types()));
            Button all = small("All", "types-all-" + cat, () -> ofCat.stream().filter(form::allowed).forEach(form.types()::add));
            Button none = small("None", "types-none-" + cat, () -> ofCat.forEach(form.types()::remove));
            CheckBox whole = new CheckBox("whole category");
            whole.setId("category-" + cat);
            whole.setSelected(form.categories().contains(cat));
            whole.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    form.categories().add(cat);
                } else {
                    form.categories().remove(cat);
                }
            });
            form.categories().addListener((SetChangeListener<String>) ch -> whole.setSelected(form.categories().contains(cat)));
            whole.disableProperty().bind(Bindings.createBooleanBinding(() -> !form.isSystemWide() && !EventTypes.TENANT_CATEGORIES.contains(cat),
                    form.tenantProperty()));
            whole.setTooltip(new javafx.scene.control.Tooltip("Also receive every type of this category, including types a later server adds"));
            HBox head = new HBox(8, title, count, all, none, whole);
            head.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().addAll(head, flow);
        }
        box.setPadding(new Insets(4, 8, 4, 4));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setId("webhook-types");
        return scroll;
    }

    private static Button small(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll("small", "flat");
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Disable-after, retry policy and thresholds: rarely touched, so on their own tab. */
    private static Region advanced(WebhookAdvanced a) {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        int r = 0;
        g.addRow(r++, new Label("Disable after failures"), num(a.disableAfter, "wh-disable-after", "10"),
                new Label("Max retries"), num(a.maxRetries, "wh-max-retries", "5"));
        g.addRow(r++, new Label("Initial delay ms"), num(a.initialDelayMs, "wh-initial-delay", "1000"),
                new Label("Backoff ×"), num(a.backoff, "wh-backoff", "2"));
        g.addRow(r++, new Label("Max delay ms"), num(a.maxDelayMs, "wh-max-delay", "60000"),
                new Label("Budget utilization"), num(a.utilization, "wh-utilization", "0.8, 0.95"));
        g.addRow(r++, new Label("Burn rate ×"), num(a.burnMultiplier, "wh-burn", "≥ 1.5"),
                new Label("Burn window s"), num(a.burnWindow, "wh-burn-window", "60–86400"));
        g.addRow(r++, new Label("Denial rate"), num(a.denialRate, "wh-denial", "0–1"),
                new Label("Expiry rate"), num(a.expiryRate, "wh-expiry", "0–1"));
        g.addRow(r, new Label("Auth failure rate"), num(a.authFailureRate, "wh-auth-failure", "0–1"),
                new Label("Rate window s"), num(a.rateWindow, "wh-rate-window", "60–86400"));
        Label note = new Label("A delivery is retried with delay = initial × backoff^(n-1), at most the max delay; after "
                + "'disable after' failures in a row the server disables the subscription. Thresholds are stored for alerting events.");
        note.setWrapText(true);
        note.getStyleClass().add("form-hint");
        g.add(note, 0, r + 1, 4, 1);
        g.setPadding(new Insets(10, 8, 4, 4));
        g.getChildren().stream().filter(n -> n instanceof Label l && !l.isWrapText())
                .forEach(n -> ((Label) n).setMinWidth(Region.USE_PREF_SIZE));
        ScrollPane scroll = new ScrollPane(g);
        scroll.setFitToWidth(true);
        scroll.setId("webhook-advanced");
        return scroll;
    }

    /** Metadata as a JSON object (checked as typed); the custom headers read-only, values masked. */
    private static Region metadata(WebhookFormViewModel form) {
        javafx.scene.control.TextArea json = new javafx.scene.control.TextArea();
        json.setId("webhook-metadata");
        json.getStyleClass().add("mono");
        json.setPromptText("{\"team\": \"payments\", \"runbook\": \"https://wiki/...\"}");
        json.textProperty().bindBidirectional(form.metadataProperty());
        json.setPrefRowCount(6);
        VBox.setVgrow(json, javafx.scene.layout.Priority.ALWAYS);
        Label note = new Label("A JSON object of your own labels, kept with the subscription (at most 32 entries, 8 KB). "
                + "Leave empty for none; emptying it removes the stored metadata.");
        note.setWrapText(true);
        note.getStyleClass().add("form-hint");
        java.util.Map<String, String> h = form.original() == null ? null : form.original().headers();
        Label headers = new Label(h == null || h.isEmpty() ? "Custom headers: none."
                : "Custom headers (values stored encrypted, shown masked): " + WebhookDetails.maskedHeaders(h));
        headers.setId("webhook-headers");
        headers.setWrapText(true);
        headers.getStyleClass().add("muted");
        VBox box = new VBox(6, json, note, headers);
        box.setPadding(new Insets(8, 8, 4, 4));
        return box;
    }

    private static TextField num(StringProperty p, String id, String prompt) {
        TextField f = field(id, p, prompt);
        f.setPrefColumnCount(9);
        return f;
    }
}
