package dev.cycles.admin.console.bulk;

import dev.cycles.admin.model.BulkActionRowOutcome;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** After a bulk action: every row with its outcome (succeeded, failed with code and message, skipped with reason). */
public final class BulkResultDialog {
    /** One line of the result table. */
    public record Line(String outcome, String id, String name, String code, String message) {
    }

    private BulkResultDialog() {
    }

    /** Failed rows first: they are what the operator has to act on. */
    public static ObservableList<Line> lines(BulkResult r, Map<String, String> names) {
        ObservableList<Line> out = FXCollections.observableArrayList();
        for (BulkActionRowOutcome o : r.failed()) {
            out.add(new Line("FAILED", o.id(), names.getOrDefault(o.id(), ""), o.errorCode(), o.message()));
        }
        for (BulkActionRowOutcome o : r.skipped()) {
            out.add(new Line("SKIPPED", o.id(), names.getOrDefault(o.id(), ""), o.reason(), ""));
        }
        for (BulkActionRowOutcome o : r.succeeded()) {
            out.add(new Line("SUCCEEDED", o.id(), names.getOrDefault(o.id(), ""), "", ""));
        }
        return out;
    }

    /** Row names by id (scope of a ledger, name of a tenant) from what the preview showed, so ids are readable. */
    public static Map<String, String> names(List<BulkRow> rows) {
        Map<String, String> m = new HashMap<>();
        rows.forEach(r -> m.put(r.id(), r.label() == null ? "" : r.label()));
        return m;
    }

    public static void show(Window owner, BulkResult r, Map<String, String> names) {
        Dialog<Void> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("Bulk action result");
        d.setHeaderText(r.title());
        d.getDialogPane().setId("bulk-result");
        Label summary = new Label(r.summary() + (r.failed().isEmpty() ? "" : ". Failed rows were not changed."));
        summary.setId("bulk-result-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(r.failed().isEmpty() ? "detail-title" : "form-error");
        TableView<Line> table = new TableView<>(lines(r, names));
        table.setId("bulk-result-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Outcome", 110, Line::outcome));
        table.getColumns().add(column("Name", 190, Line::name));
        table.getColumns().add(column("ID", 340, Line::id));
        table.getColumns().add(column("Code / reason", 230, Line::code));
        table.getColumns().add(column("Message", 90, Line::message));
        table.setPrefHeight(260);
        VBox box = new VBox(10, summary, table);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        box.setPadding(new Insets(12, 18, 6, 18));
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(1000); // ledger ids and reason codes whole; fits a 1024 px window
        d.getDialogPane().setMinWidth(1000);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        ((Button) d.getDialogPane().lookupButton(ButtonType.CLOSE)).setId("bulk-result-close");
        d.setResizable(true);
        d.show();
    }

    private static TableColumn<Line, String> column(String title, double width, Function<Line, String> value) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(title.equals("Outcome") ? width : 80); // SUCCEEDED / FAILED / SKIPPED are never cut
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        // a long server message or id that does not fit is still readable whole
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null || v.isEmpty() ? null : new javafx.scene.control.Tooltip(v));
            }
        });
        return c;
    }
}
