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
            // a console-side skip reads "CODE: what to do"; the code and the advice get their own columns
            String reason = o.reason() == null ? "" : o.reason();
            int colon = reason.indexOf(": ");
            out.add(new Line("SKIPPED", o.id(), names.getOrDefault(o.id(), ""), colon < 0 ? reason : reason.substring(0, colon),
                    colon < 0 ? "" : reason.substring(colon + 2)));
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
        table.getColumns().add(column("Outcome", 116, Line::outcome));
        table.getColumns().add(column("Name", 180, Line::name));
        table.getColumns().add(column("ID", 210, Line::id));
        table.getColumns().add(column("Code / reason", 230, Line::code));
        table.getColumns().add(column("Message", 150, Line::message));
        table.setPrefHeight(260);
        VBox box = new VBox(10, summary, table, saveRow(r));
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        box.setPadding(new Insets(12, 18, 6, 18));
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(900);
        d.getDialogPane().setMinWidth(880);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        ((Button) d.getDialogPane().lookupButton(ButtonType.CLOSE)).setId("bulk-result-close");
        d.setResizable(true);
        d.show();
    }

    /** The whole result as JSON (title, total_matched, succeeded, failed, skipped with codes and messages), for a ticket or a retry. */
    public static void saveJson(BulkResult r, java.nio.file.Path file) throws java.io.IOException {
        dev.cycles.admin.console.client.AdminClient.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), r);
    }

    /** "File [path] Browse… Save JSON" under the table, with what happened next to it. */
    private static javafx.scene.layout.HBox saveRow(BulkResult r) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").format(java.time.LocalDateTime.now());
        javafx.scene.control.TextField path = new javafx.scene.control.TextField(
                java.nio.file.Path.of(System.getProperty("user.home"), "bulk-result-" + stamp + ".json").toString());
        path.setId("bulk-result-path");
        javafx.scene.layout.HBox.setHgrow(path, javafx.scene.layout.Priority.ALWAYS);
        Label saved = new Label();
        saved.setId("bulk-result-saved");
        saved.setWrapText(true);
        Button browse = new Button("Browse…");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("Save the bulk result as JSON");
            java.io.File current = new java.io.File(path.getText());
            if (current.getParentFile() != null && current.getParentFile().isDirectory()) {
                fc.setInitialDirectory(current.getParentFile());
            }
            fc.setInitialFileName(current.getName());
            java.io.File chosen = fc.showSaveDialog(browse.getScene().getWindow());
            if (chosen != null) {
                path.setText(chosen.getPath());
            }
        });
        Button save = new Button("Save JSON");
        save.setId("bulk-result-save");
        save.setMinWidth(Button.USE_PREF_SIZE);
        save.disableProperty().bind(path.textProperty().isEmpty());
        save.setOnAction(e -> {
            try {
                saveJson(r, java.nio.file.Path.of(path.getText().trim()));
                saved.getStyleClass().setAll("label", "ok-text");
                saved.setText("Saved");
            } catch (java.io.IOException | RuntimeException ex) {
                saved.getStyleClass().setAll("label", "form-error");
                saved.setText("Not saved: " + ex.getMessage());
            }
        });
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, new Label("File"), path, browse, save, saved);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private static TableColumn<Line, String> column(String title, double width, Function<Line, String> value) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(title.equals("Outcome") ? width : 80); // SUCCEEDED / FAILED / SKIPPED are never cut
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        return c;
    }
}
