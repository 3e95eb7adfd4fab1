package dev.cycles.admin.console.overview;

import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.model.AuditLogEntry;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The overview's drill-downs drawn onto chart nodes (slices and bars open their filtered list) and
 * the recent operator activity rows. Kept apart from {@link OverviewView}, which lays the screen out.
 */
final class OverviewCharts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US).withZone(ZoneId.systemDefault());

    private OverviewCharts() {
    }

    /** A pie of counts by status; each (non-empty) slice opens the list filtered to its status. */
    static void pie(PieChart chart, String what, List<Map.Entry<String, Long>> counts, Consumer<String> open) {
        chart.getData().clear();
        for (Map.Entry<String, Long> e : counts) {
            if (e.getValue() > 0) {
                chart.getData().add(new PieChart.Data(e.getKey() + " " + e.getValue(), e.getValue()));
            }
        }
        for (int i = 0, j = 0; i < counts.size(); i++) {
            Map.Entry<String, Long> e = counts.get(i);
            if (e.getValue() <= 0) {
                continue;
            }
            Node n = chart.getData().get(j++).getNode();
            n.setId(what + "-slice-" + e.getKey());
            n.setCursor(Cursor.HAND);
            n.setAccessibleText("Open " + e.getValue() + " " + e.getKey() + " " + what);
            Tooltip.install(n, new Tooltip(e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT) + " " + what + ": click to open the list"));
            n.setOnMouseClicked(ev -> open.accept(e.getKey()));
        }
    }

    /** Bars whose category passes {@code which} open {@code open(category)}; ids "PREFIX-CATEGORY". */
    static void clickable(XYChart<String, Number> chart, String prefix, Predicate<String> which, Consumer<String> open) {
        for (XYChart.Series<String, Number> s : chart.getData()) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                Node n = d.getNode();
                if (n == null || !which.test(d.getXValue())) {
                    continue;
                }
                String category = d.getXValue();
                n.setId(prefix + "-" + category.replaceAll("[^A-Za-z0-9_-]", "_"));
                n.setCursor(Cursor.HAND);
                Tooltip.install(n, new Tooltip(category + ": click to open the list"));
                n.setOnMouseClicked(ev -> open.accept(category));
            }
        }
    }

    /** Recent operator activity: time (to the second), who, what, and how it ended, newest first; one row each. */
    static void recent(VBox box, List<AuditLogEntry> rows) {
        box.getChildren().clear();
        if (rows.isEmpty()) {
            box.getChildren().add(muted("No operator activity recorded yet."));
            return;
        }
        int r = 0;
        for (AuditLogEntry e : rows) {
            Label when = muted(e.timestamp() == null ? "" : TIME.format(e.timestamp()));
            when.setMinWidth(Label.USE_PREF_SIZE);
            when.setId("recent-" + r++);
            Tooltip.install(when, new Tooltip(Fx.dateTimeSeconds(e.timestamp())));
            Label who = new Label(e.keyId() == null ? "admin" : e.keyId());
            who.setMinWidth(30);
            who.setMaxWidth(110);
            who.setTooltip(new Tooltip(who.getText()));
            String target = e.resourceId() != null ? e.resourceId() : e.tenantId() != null ? e.tenantId() : "";
            Label what = new Label(e.operation() + (target.isEmpty() ? "" : "  " + target));
            what.setTooltip(new Tooltip(what.getText()));
            what.setMinWidth(40);
            what.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(what, Priority.ALWAYS);
            boolean failed = e.status() != null && e.status() >= 400;
            // the status alone keeps the row narrow (the overview fits 1024 px); the error code is on hover
            Label status = new Label(e.status() == null ? "" : String.valueOf(e.status()));
            if (e.errorCode() != null) {
                status.setTooltip(new Tooltip(e.errorCode()));
            }
            status.getStyleClass().addAll("badge", failed ? "badge-danger" : "badge-ok");
            status.setMinWidth(Label.USE_PREF_SIZE);
            HBox row = new HBox(8, when, who, what, status);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box.getChildren().add(row);
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }
}
