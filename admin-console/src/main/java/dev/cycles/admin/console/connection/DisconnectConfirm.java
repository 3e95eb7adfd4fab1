package dev.cycles.admin.console.connection;

import dev.cycles.admin.console.common.ConfirmDialog;
import javafx.stage.Window;

/**
 * Disconnect asks first (the header's button sits next to Refresh, a slip is easy): it says which
 * server is left and that a key not saved with the profile has to be typed again.
 */
public final class DisconnectConfirm {
    private DisconnectConfirm() {
    }

    public static void ask(Window owner, ConnectionViewModel connection) {
        if (!connection.connectedProperty().get()) {
            return;
        }
        ConfirmDialog d = new ConfirmDialog(owner, "disconnect-confirm", "Disconnect?", connection.disconnectText(),
                "Disconnect", false);
        d.show((reason, done, failed) -> {
            connection.disconnect();
            done.run();
        });
    }
}
