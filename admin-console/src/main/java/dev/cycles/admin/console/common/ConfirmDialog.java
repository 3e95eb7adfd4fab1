package dev.cycles.admin.console.common;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import dev.cycles.admin.console.client.AdminApiException;

import java.util.function.Consumer;

/**
 * Confirmation of an action that changes things: says what will happen, optionally asks for a
 * reason, and for destructive actions requires typing a word (the tenant id) before the button
 * unlocks.
 */
public final class ConfirmDialog {
    private final Dialog<Void> dialog = new Dialog<>();
    private final ButtonType confirmType;
    private final VBox box = new VBox(10);
    private final Label error = new Label();
    private TextField reason;
    private TextField typed;
    private boolean running;

    /** What the confirm button does: the reason, then {@code done} to close or {@code failed} to show the server's refusal. */
    public interface Action {
        void run(String reason, Runnable done, Consumer<AdminApiException> failed);
    }

    public ConfirmDialog(Window owner, String id, String title, String message, String confirmText, boolean danger) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        confirmType = new ButtonType(confirmText, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, confirmType);
        dialog.getDialogPane().setId(id);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setId(id + "-message");
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.getChildren().add(text);
        box.setPadding(new Insets(12, 18, 6, 18));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().setPrefWidth(540);
        Button confirm = confirmButton();
        confirm.setId(id + "-confirm");
        if (danger) {
            confirm.getStyleClass().add("danger");
        }
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setId(id + "-cancel");
    }

    /** Adds a reason field (sent to the server and kept in the audit trail). */
    public ConfirmDialog withReason(String prompt, String initial) {
        reason = new TextField(initial);
        reason.setPromptText(prompt);
        reason.setId(dialog.getDialogPane().getId() + "-reason");
        box.getChildren().addAll(new Label("Reason (recorded in the audit log)"), reason);
        return this;
    }

    /** The confirm button stays disabled until the user types {@code word} exactly. */
    public ConfirmDialog requireTyping(String word) {
        typed = new TextField();
        typed.setPromptText(word);
        typed.setId(dialog.getDialogPane().getId() + "-typed");
        Label l = new Label("Type " + word + " to confirm");
        l.getStyleClass().add("form-hint");
        box.getChildren().addAll(l, typed);
        confirmButton().disableProperty().bind(Bindings.createBooleanBinding(
                () -> !word.equals(typed.getText()), typed.textProperty()));
        return this;
    }

    /**
     * Runs {@code action} with the reason ("" without a reason field). The dialog stays open while
     * the call runs; it closes on success, and on a refusal it shows the server's code and message
     * inline so the operator sees what went wrong next to what they did.
     */
    public void show(Action action) {
        error.setId(dialog.getDialogPane().getId() + "-error");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setMaxWidth(Double.MAX_VALUE);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        box.getChildren().add(error);
        confirmButton().addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            if (running) {
                return;
            }
            running = true;
            error.setText("");
            dialog.getDialogPane().setCursor(javafx.scene.Cursor.WAIT);
            String r = reason == null ? "" : reason.getText().trim();
            action.run(r, () -> {
                running = false;
                dialog.getDialogPane().setCursor(null);
                dialog.setResult(null);
                dialog.close();
            }, ex -> {
                running = false;
                dialog.getDialogPane().setCursor(null);
                error.setText(ex.code() + ": " + ex.getMessage());
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            });
        });
        dialog.show();
        if (typed != null) {
            typed.requestFocus();
        }
    }

    public Button confirmButton() {
        return (Button) dialog.getDialogPane().lookupButton(confirmType);
    }

    public Dialog<Void> dialog() {
        return dialog;
    }
}
