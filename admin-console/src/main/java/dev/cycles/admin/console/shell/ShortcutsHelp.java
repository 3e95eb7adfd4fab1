package dev.cycles.admin.console.shell;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.List;

/** The F1 panel: every keyboard shortcut, key and what it does. */
final class ShortcutsHelp {
    /** The shortcuts, as the help panel lists them. */
    static final List<String[]> ALL = List.of(
            new String[] {"F5  or  Ctrl+R", "Refresh the visible screen"},
            new String[] {"Ctrl+F", "Search / filter field of the visible screen"},
            new String[] {"Ctrl+N", "New tenant, budget, API key, policy or webhook (on that screen)"},
            new String[] {"Ctrl+K", "Jump to a tenant or a screen: the list narrows as you type, Down and Enter pick; / lists the commands (/t, /audit, /event, /key, /wh)"},
            new String[] {"Ctrl+0", "Connection"},
            new String[] {"Ctrl+1 … Ctrl+9", "Overview, Tenants, Budgets, … in the order of the navigation"},
            new String[] {"Alt+Left  or  mouse Back", "Back to the previous screen and its filter"},
            new String[] {"Alt+Right  or  mouse Forward", "Forward again"},
            new String[] {"Menu key  or  Shift+F10", "The selected row's menu (Copy ID, Copy JSON, Activity, Events, row actions)"},
            new String[] {"Esc", "Close the open dialog (Cancel)"},
            new String[] {"Enter", "Confirm the open dialog / run the query in a filter field"},
            new String[] {"Ctrl+Shift+D", "Switch light / dark theme"},
            new String[] {"F1", "This list"});

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
