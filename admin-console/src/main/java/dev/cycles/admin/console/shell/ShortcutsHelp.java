package dev.cycles.admin.console.shell;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.List;

/** The F1 panel: every keyboard shortcut of {@link MainWindow#SHORTCUTS}, key and what it does. */
final class ShortcutsHelp {
    private ShortcutsHelp() {
    }

    static void show(Window owner, List<String[]> shortcuts) {
        Dialog<Void> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("Keyboard shortcuts");
        d.setHeaderText("Keyboard shortcuts");
        d.getDialogPane().setId("help-dialog");
        GridPane g = new GridPane();
        g.setHgap(18);
        g.setVgap(8);
        g.getStyleClass().add("help-table");
        g.setPadding(new Insets(12, 18, 6, 18));
        int r = 0;
        for (String[] sc : shortcuts) {
            Label k = new Label(sc[0]);
            k.getStyleClass().add("kbd");
            k.setMinWidth(Label.USE_PREF_SIZE);
            Label what = new Label(sc[1]);
            what.setWrapText(true); // long descriptions wrap rather than end in "…"
            what.setMaxWidth(420);
            g.addRow(r++, k, what);
        }
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        ((Button) d.getDialogPane().lookupButton(ButtonType.CLOSE)).setId("help-close");
        d.show();
    }
}
