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
        // a long form scrolls inside the dialog instead of growing past the window (see fitToOwner)
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().addAll("edge-to-edge", "form-scroll");
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().setPrefWidth(600);
        dialog.setOnShown(e -> fitToOwner());
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

    /** The server's error with its amounts rewritten, and the raw message it came as (tooltip; empty: none). */
    public FormDialog serverError(ObservableStringValue message, ObservableStringValue raw) {
        serverError(message);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(raw);
        error.tooltipProperty().bind(javafx.beans.binding.Bindings.when(
                javafx.beans.binding.Bindings.isEmpty(raw)).then((javafx.scene.control.Tooltip) null).otherwise(tip));
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

    /**
     * Keeps the dialog no taller than the window it belongs to (a long form, such as a policy's,
     * would otherwise run off a 700 px high screen with its buttons): the form scrolls instead, and
     * follows the window when it is resized.
     */
    private void fitToOwner() {
        Window owner = dialog.getOwner();
        if (owner == null || dialog.getDialogPane().getScene() == null) {
            return;
        }
        Runnable fit = () -> {
            Window self = dialog.getDialogPane().getScene().getWindow();
            double frame = self.getHeight() - dialog.getDialogPane().getScene().getHeight();
            double want = dialog.getDialogPane().prefHeight(dialog.getDialogPane().getWidth()) + frame;
            double height = Math.min(want, owner.getHeight());
            if (Math.abs(self.getHeight() - height) > 0.5) {
                self.setHeight(height);
                self.setY(Math.max(owner.getY(), owner.getY() + (owner.getHeight() - height) / 2));
            }
        };
        fit.run();
        javafx.beans.value.ChangeListener<Number> follow = (o, a, b) -> fit.run();
        owner.heightProperty().addListener(follow);
        dialog.getDialogPane().getScene().getWindow().addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN,
                e -> owner.heightProperty().removeListener(follow));
    }

    public void show() {
        grid.add(validation, 0, rows, 2, 1);
        grid.add(error, 0, rows + 1, 2, 1);
        dialog.show();
    }
}
