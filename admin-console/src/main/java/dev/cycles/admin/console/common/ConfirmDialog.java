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
    private TextField reason;
    private TextField typed;

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

    /** Runs {@code action} with the reason ("" without a reason field) and closes. */
    public void show(Consumer<String> action) {
        confirmButton().addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            String r = reason == null ? "" : reason.getText().trim();
            dialog.setResult(null);
            dialog.close();
            action.accept(r);
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
