package dev.cycles.admin.console.connection;

import dev.cycles.admin.console.common.FormDialog;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.stage.Window;

/**
 * Asked when the server answers 401 to the connected session (the admin key was rotated or the
 * server restarted with another one): the same server with a new key, instead of polling on
 * with one that no longer works.
 */
public final class KeyPromptDialog {
    private static boolean open;

    private KeyPromptDialog() {
    }

    /** Shows the prompt unless one is already open. */
    public static void show(Window owner, ConnectionViewModel connection, String serverUrl) {
        if (open) {
            return;
        }
        open = true;
        StringProperty error = new SimpleStringProperty("");
        FormDialog d = new FormDialog(owner, "reauth-form", "The server rejected the admin key", "Reconnect");
        Label why = new Label("Automatic refresh is paused. " + serverUrl + " answered 401 Unauthorized: the admin key "
                + "was changed or revoked. Enter the current admin key to continue where you were.");
        why.setWrapText(true);
        why.getStyleClass().add("form-hint");
        PasswordField key = new PasswordField();
        key.setId("reauth-key");
        key.setPromptText("X-Admin-API-Key");
        d.wide(why).row("Admin key", key)
                .serverError(error)
                .disableOkWhen(key.textProperty().isEmpty())
                .onSubmit(close -> connection.reconnectWithKey(key.getText(), problem -> {
                    if (problem.isEmpty()) {
                        close.run();
                    } else {
                        error.set(problem);
                    }
                }));
        d.dialog().setOnHidden(e -> open = false);
        d.show();
        key.requestFocus();
    }
}
