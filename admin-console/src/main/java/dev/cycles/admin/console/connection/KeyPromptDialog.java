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
        ask(owner, "The server rejected the admin key", "Reconnect", "Automatic refresh is paused. " + serverUrl
                + " answered 401 Unauthorized: the admin key was changed or revoked. Enter the current admin key to continue where you were.",
                connection::reconnectWithKey);
    }

    /**
     * On start, for the last connection when its key was not saved (keys are saved only when the
     * operator ticks "Save the admin key"): the profile is prefilled, only the key is asked for.
     */
    public static void askOnStart(Window owner, ConnectionViewModel connection) {
        String profile = connection.nameProperty().get();
        ask(owner, "Reconnect to " + (profile == null || profile.isBlank() ? connection.urlProperty().get() : profile), "Connect",
                "Last time the console was connected to " + connection.urlProperty().get()
                        + ". Its admin key is not saved, so enter it to connect again (it is kept in memory only), or Cancel to stay disconnected.",
                connection::connectWithKey);
    }

    /** After the idle lock: the same server, its key asked again. */
    public static void askAfterLock(Window owner, ConnectionViewModel connection, String why, Runnable unlocked) {
        ask(owner, "Session locked", "Unlock", why + " The lists were emptied; " + connection.urlProperty().get()
                + " is reconnected with the key.", (key, done) -> connection.connectWithKey(key, problem -> {
                    if (problem.isEmpty()) {
                        unlocked.run();
                    }
                    done.accept(problem);
                }));
    }

    private static void ask(Window owner, String title, String ok, String text,
                            java.util.function.BiConsumer<String, java.util.function.Consumer<String>> submit) {
        if (open) {
            return;
        }
        open = true;
        StringProperty error = new SimpleStringProperty("");
        FormDialog d = new FormDialog(owner, "reauth-form", title, ok);
        Label why = new Label(text);
        why.setWrapText(true);
        why.getStyleClass().add("form-hint");
        PasswordField key = new PasswordField();
        key.setId("reauth-key");
        key.setPromptText("X-Admin-API-Key");
        d.wide(why).row("Admin key", key)
                .serverError(error)
                .disableOkWhen(key.textProperty().isEmpty())
                .onSubmit(close -> submit.accept(key.getText(), problem -> {
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
