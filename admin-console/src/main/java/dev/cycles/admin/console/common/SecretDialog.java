package dev.cycles.admin.console.common;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Shows a secret exactly once: read-only field, Copy, and an "I have stored it" check that unlocks
 * Close. On close the text is wiped from the field and the content removed from the scene, and
 * {@code onGone} lets the owner drop its own reference.
 */
public final class SecretDialog {
    private final Dialog<Void> dialog = new Dialog<>();

    public SecretDialog(Window owner, String title, String explanation, String secret, Runnable onGone) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setId("secret-dialog");
        TextField field = new TextField(secret);
        field.setEditable(false);
        field.setId("secret-value");
        field.getStyleClass().add("mono");
        HBox.setHgrow(field, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("secret-copy");
        copy.setOnAction(e -> {
            ClipboardGuard.copySecret(field.getText());
            copy.setText("Copied (cleared in " + ClipboardGuard.secretTtl().toSeconds() + " s)");
        });
        Label text = new Label(explanation);
        text.setWrapText(true);
        Label warn = new Label("This is the only time the secret is shown. It cannot be retrieved later.");
        warn.getStyleClass().add("form-error");
        warn.setWrapText(true);
        CheckBox stored = new CheckBox("I have stored it somewhere safe");
        stored.setId("secret-stored");
        VBox box = new VBox(10, text, new HBox(8, field, copy), warn, stored);
        box.setPadding(new Insets(12, 18, 6, 18));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().setPrefWidth(620);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        Button close = (Button) dialog.getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId("secret-close");
        close.disableProperty().bind(stored.selectedProperty().not());
        dialog.setOnCloseRequest(e -> {
            if (!stored.isSelected()) {
                e.consume();
            }
        });
        dialog.setOnHidden(e -> {
            field.clear();
            box.getChildren().clear();
            dialog.getDialogPane().setContent(null);
            onGone.run();
        });
    }

    public Dialog<Void> dialog() {
        return dialog;
    }

    public void show() {
        dialog.show();
    }
}
