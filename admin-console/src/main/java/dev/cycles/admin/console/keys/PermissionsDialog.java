package dev.cycles.admin.console.keys;

import dev.cycles.admin.model.ApiKey;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;

/**
 * Read-only view of what a key may do: every permission (sorted, one a line) and its scope filter,
 * opened from the "N granted ›" link in the keys table, so a long list is read without editing the key.
 */
public final class PermissionsDialog {
    private PermissionsDialog() {
    }

    /** The permissions sorted, so read:* and manage:* of one resource sit together. */
    static List<String> sorted(ApiKey k) {
        return k.permissions() == null ? List.of() : k.permissions().stream().sorted().toList();
    }

    static String scopeText(ApiKey k) {
        return k.scopeFilter() == null || k.scopeFilter().isEmpty() ? "Scope filter: none (all scopes of tenant " + k.tenantId() + ")"
                : "Scope filter: " + String.join(", ", k.scopeFilter());
    }

    public static void show(Window owner, ApiKey k) {
        Dialog<Void> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        String title = "Permissions of " + (k.name() == null || k.name().isBlank() ? k.keyId() : k.name());
        d.setTitle(title);
        d.setHeaderText(title);
        d.getDialogPane().setId("permissions-dialog");
        Label who = new Label(k.keyId() + " · tenant " + k.tenantId() + " · " + k.status() + " · " + sorted(k).size() + " granted");
        who.getStyleClass().add("muted");
        ListView<String> list = new ListView<>(javafx.collections.FXCollections.observableArrayList(sorted(k)));
        list.setId("permissions-list");
        list.setPrefHeight(Math.min(320, 26 * Math.max(3, sorted(k).size()) + 6));
        Label scope = new Label(scopeText(k));
        scope.setId("permissions-scope");
        scope.setWrapText(true);
        VBox box = new VBox(10, who, list, scope);
        box.setPadding(new Insets(12, 18, 6, 18));
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(520);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        ((Button) d.getDialogPane().lookupButton(ButtonType.CLOSE)).setId("permissions-close");
        d.show();
    }
}
