package dev.cycles.admin.console.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import java.util.function.Consumer;

/**
 * A modeless-looking modal form: labelled rows, a validation line, the server's error line, and an
 * OK button that runs the submit handler without closing; the handler closes the dialog on success
 * so a failed call leaves the form open with the error next to what the user did.
 */
public final class FormDialog {
    private final Dialog<Void> dialog = new Dialog<>();
    private final GridPane grid = new GridPane();
    private final Label validation = new Label();
    private final Label error = new Label();
    private final ButtonType okType;
    private int rows;

    public FormDialog(Window owner, String id, String title, String okText) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setResizable(true);
        okType = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(okType, ButtonType.CANCEL);
        dialog.getDialogPane().setId(id);
        grid.setHgap(12);
        grid.setVgap(10);
        grid.setPadding(new Insets(12, 18, 6, 18));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(300);
        grid.getColumnConstraints().addAll(labels, fields);
        validation.getStyleClass().add("form-hint");
        validation.setWrapText(true);
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setId(id + "-error");
        validation.setId(id + "-validation");
        error.setMinHeight(Region.USE_PREF_SIZE);
        validation.setMinHeight(Region.USE_PREF_SIZE);
        error.setMaxWidth(Double.MAX_VALUE);
        validation.setMaxWidth(Double.MAX_VALUE);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setPrefWidth(600);
        okButton().setId(id + "-ok");
        okButton().setDefaultButton(true);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setId(id + "-cancel");
    }

    /** Wrapped labels in a grid need their full height, or they collapse to one clipped line. */
    private static void fullHeight(Node n) {
        if (n instanceof Label l && l.isWrapText()) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
    }

    public FormDialog row(String label, Node field) {
        fullHeight(field);
        Label l = new Label(label);
        l.setLabelFor(field);
        l.setMinWidth(Label.USE_PREF_SIZE);
        grid.add(l, 0, rows);
        grid.add(field, 1, rows);
        GridPane.setHgrow(field, Priority.ALWAYS);
        rows++;
        return this;
    }

    /** A full-width node (hint, preview, picker). */
    public FormDialog wide(Node node) {
        fullHeight(node);
        grid.add(node, 0, rows, 2, 1);
        rows++;
        return this;
    }

    public FormDialog validation(ObservableStringValue message) {
        validation.textProperty().bind(message);
        return this;
    }

    public FormDialog serverError(ObservableStringValue message) {
        error.textProperty().bind(message);
        return this;
    }

    public FormDialog disableOkWhen(ObservableBooleanValue disabled) {
        okButton().disableProperty().bind(disabled);
        return this;
    }

    /** Called on OK with a Runnable that closes the dialog. */
    public FormDialog onSubmit(Consumer<Runnable> handler) {
        okButton().addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            handler.accept(this::close);
        });
        return this;
    }

    public Button okButton() {
        return (Button) dialog.getDialogPane().lookupButton(okType);
    }

    public Dialog<Void> dialog() {
        return dialog;
    }

    public void close() {
        dialog.setResult(null);
        dialog.close();
    }

    public void show() {
        grid.add(validation, 0, rows, 2, 1);
        grid.add(error, 0, rows + 1, 2, 1);
        dialog.show();
    }
}
