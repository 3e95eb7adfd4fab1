package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.model.WebhookDeliveryStatus;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One compact row above the deliveries table: the last-success band, a toggle per outcome with
 * its count (a click shows only that status; again, all), the tries histogram as small bars and
 * the response times. Everything is {@link DeliveryStats} of the loaded deliveries.
 */
final class DeliveryStatsBar {
    private static final double BAR_HEIGHT = 14;

    private final DeliveriesViewModel vm;
    private final FlowPane root = new FlowPane(10, 4);
    private final Label lastSuccess = new Label();
    private final Map<WebhookDeliveryStatus, ToggleButton> outcomes = new EnumMap<>(WebhookDeliveryStatus.class);
    private final Region[] bars = new Region[DeliveryStats.ATTEMPT_BUCKETS.length];
    private final Label[] barCounts = new Label[DeliveryStats.ATTEMPT_BUCKETS.length];
    private final HBox tries = new HBox(3);
    private final Label response = new Label();

    DeliveryStatsBar(DeliveriesViewModel vm) {
        this.vm = vm;
        root.setId("deliveryStats");
        root.setAlignment(Pos.CENTER_LEFT);
        root.getStyleClass().add("delivery-stats");
        lastSuccess.setId("deliveryLastSuccess");
        lastSuccess.getStyleClass().add("badge");
        lastSuccess.setMinWidth(Region.USE_PREF_SIZE);
        lastSuccess.setTooltip(new Tooltip("Green: under an hour ago; amber: under a day; red: a day or more, or never"));
        HBox outcomeBox = new HBox(4);
        outcomeBox.setAlignment(Pos.CENTER_LEFT);
        for (WebhookDeliveryStatus s : WebhookDeliveryStatus.values()) {
            ToggleButton b = new ToggleButton();
            b.setId("deliveryOutcome-" + s.name());
            b.getStyleClass().addAll("small", "flat");
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setFocusTraversable(false);
            b.setTooltip(new Tooltip("Show only the loaded " + s + " deliveries (click again for all)"));
            b.setOnAction(e -> vm.toggleOutcome(s));
            b.managedProperty().bind(b.visibleProperty());
            outcomes.put(s, b);
            outcomeBox.getChildren().add(b);
        }
        Label triesTitle = new Label("Tries");
        triesTitle.getStyleClass().add("muted");
        triesTitle.setMinWidth(Region.USE_PREF_SIZE);
        tries.setId("deliveryTries");
        tries.setAlignment(Pos.BOTTOM_LEFT);
        tries.getChildren().add(triesTitle);
        for (int i = 0; i < bars.length; i++) {
            bars[i] = new Region();
            bars[i].getStyleClass().add("stat-bar");
            bars[i].setPrefWidth(8);
            bars[i].setMinWidth(8);
            barCounts[i] = new Label();
            barCounts[i].getStyleClass().add("stat-bar-label");
            barCounts[i].setMinWidth(Region.USE_PREF_SIZE);
            VBox col = new VBox(0, bars[i]);
            col.setAlignment(Pos.BOTTOM_CENTER);
            col.setMinHeight(BAR_HEIGHT);
            col.setPrefHeight(BAR_HEIGHT);
            col.setMaxHeight(BAR_HEIGHT);
            HBox cell = new HBox(2, col, barCounts[i]);
            cell.setAlignment(Pos.BOTTOM_LEFT);
            tries.getChildren().add(cell);
        }
        response.setId("deliveryResponse");
        response.getStyleClass().add("muted");
        response.setMinWidth(Region.USE_PREF_SIZE);
        response.setTooltip(new Tooltip("Receiver response time of the loaded deliveries that got an answer: nearest-rank p50 and p95, and the slowest"));
        root.getChildren().addAll(lastSuccess, outcomeBox, tries, response);
        vm.statsProperty().addListener((o, a, b) -> show(b));
        vm.outcomeProperty().addListener((o, a, b) -> outcomes.forEach((s, t) -> t.setSelected(s == b)));
        show(vm.statsProperty().get());
    }

    FlowPane root() {
        return root;
    }

    private void show(DeliveryStats st) {
        Instant now = Instant.now();
        lastSuccess.setText(st.lastSuccessText(now));
        lastSuccess.getStyleClass().removeIf(c -> c.startsWith("badge-"));
        lastSuccess.getStyleClass().add(switch (st.band(now)) {
            case OK -> "badge-ok";
            case WARN -> "badge-warn";
            case DANGER -> "badge-danger";
        });
        st.outcomes().forEach((s, n) -> {
            ToggleButton b = outcomes.get(s);
            b.setText(s + " " + n);
            // an outcome none of the loaded deliveries had takes no room (the row must fit at 1024 px)
            b.setVisible(n > 0 || vm.outcomeProperty().get() == s);
        });
        int max = 1;
        for (int n : st.attempts()) {
            max = Math.max(max, n);
        }
        for (int i = 0; i < bars.length; i++) {
            int n = st.attempts()[i];
            double h = n == 0 ? 0 : Math.max(3, BAR_HEIGHT * n / max);
            bars[i].setPrefHeight(h);
            bars[i].setMinHeight(h);
            bars[i].setMaxHeight(h);
            bars[i].setVisible(n > 0);
            barCounts[i].setText(DeliveryStats.ATTEMPT_BUCKETS[i] + ":" + n);
        }
        Tooltip.install(tries, new Tooltip(st.attemptsText() + " (deliveries by the number of tries they took)"));
        response.setText(st.responseText());
    }
}
