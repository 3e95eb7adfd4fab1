package dev.cycles.admin.console.common;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A list screen's "Saved filters" menu, on its title line: save the current filters under a
 * name, apply a saved set, delete one. The screen gives its filters as a map ({@code current})
 * and takes a map back ({@code apply}, which the composition root routes like a drill-down).
 */
public final class SavedFiltersMenu {
    private final MenuButton button = new MenuButton("Saved filters");
    private final SavedFilters store;
    private final String screen;
    private final Supplier<Map<String, String>> current;
    private final BiConsumer<String, Map<String, String>> apply;
    private final StatusModel status;

    private SavedFiltersMenu(SavedFilters store, String screen, Supplier<Map<String, String>> current,
                             BiConsumer<String, Map<String, String>> apply, StatusModel status) {
        this.store = store;
        this.screen = screen;
        this.current = current;
        this.apply = apply;
        this.status = status;
        button.setId("savedFilters");
        button.setMinWidth(Pane.USE_PREF_SIZE);
        button.setTooltip(new Tooltip("Save this screen's filters under a name, or apply a saved set"));
        button.setOnShowing(e -> fill());
        fill();
    }

    /**
     * Puts the menu on {@code screenRoot}'s title line, after the title, and returns it. {@code apply}
     * gets the saved name and its filters.
     */
    public static SavedFiltersMenu attach(Parent screenRoot, SavedFilters store, String screen, Supplier<Map<String, String>> current,
                                          BiConsumer<String, Map<String, String>> apply, StatusModel status) {
        SavedFiltersMenu m = new SavedFiltersMenu(store, screen, current, apply, status);
        Node title = screenRoot.lookup(".screen-title");
        // beside the title, so its menu opens into the screen (at the right edge it would run off a 1024 px window)
        if (title != null && title.getParent() instanceof HBox row) {
            row.getChildren().add(row.getChildren().indexOf(title) + 1, m.button);
        } else if (title != null && title.getParent() instanceof VBox column) {
            int i = column.getChildren().indexOf(title);
            HBox row = new HBox(12, title, m.button);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            column.getChildren().add(i, row);
        }
        return m;
    }

    public MenuButton button() {
        return button;
    }

    private void fill() {
        MenuItem save = new MenuItem("Save current filters as…");
        save.setId("saved-save");
        save.setOnAction(e -> askName());
        button.getItems().setAll(save, new SeparatorMenuItem());
        List<String> names = store.names(screen);
        if (names.isEmpty()) {
            MenuItem none = new MenuItem("No saved filters yet");
            none.setDisable(true);
            button.getItems().add(none);
            return;
        }
        Menu delete = new Menu("Delete");
        delete.setId("saved-delete");
        for (String name : names) {
            Map<String, String> f = store.get(screen, name).orElse(Map.of());
            MenuItem item = new MenuItem(name);
            item.getStyleClass().add("saved-filter");
            item.setOnAction(e -> {
                apply.accept(name, f);
                status.info("Applied saved filter '" + name + "'");
            });
            item.setMnemonicParsing(false);
            // what the set narrows to, so two similar names can be told apart (a menu item has no tooltip)
            String d = describe(f);
            item.setText(name + "   (" + (d.length() > 60 ? d.substring(0, 59) + "…" : d) + ")");
            item.setId("saved-apply-" + name.replaceAll("[^A-Za-z0-9_-]", "_"));
            button.getItems().add(item);
            MenuItem del = new MenuItem(name);
            del.setMnemonicParsing(false);
            del.setOnAction(e -> delete(name));
            delete.getItems().add(del);
        }
        button.getItems().addAll(new SeparatorMenuItem(), delete);
    }

    /** "tenant=acme, over_limit" — the set's entries in short. */
    public static String describe(Map<String, String> f) {
        if (f.isEmpty()) {
            return "no filters";
        }
        return f.entrySet().stream().map(e -> "true".equals(e.getValue()) ? e.getKey() : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private void askName() {
        Map<String, String> filters = current.get();
        FormDialog d = new FormDialog(button.getScene() == null ? null : button.getScene().getWindow(), "saved-form",
                "Save filters", "Save");
        TextField name = new TextField();
        name.setId("saved-name");
        name.setPromptText("e.g. prod over limit");
        Label what = new Label(describe(filters));
        what.setWrapText(true);
        what.getStyleClass().add("form-hint");
        StringProperty error = new SimpleStringProperty("");
        d.row("Name", name).row("Filters", what)
                .validation(Bindings.createStringBinding(() -> {
                    String n = name.getText() == null ? "" : name.getText().trim();
                    return n.isEmpty() ? "Give the set a name" : store.has(screen, n) ? "Replaces the saved filter '" + n + "'" : "";
                }, name.textProperty()))
                .serverError(error)
                .disableOkWhen(Bindings.createBooleanBinding(() -> name.getText() == null || name.getText().isBlank(), name.textProperty()))
                .onSubmit(close -> {
                    try {
                        store.save(screen, name.getText(), filters);
                        status.info("Saved filter '" + name.getText().trim() + "'");
                        close.run();
                    } catch (IOException | RuntimeException ex) {
                        error.set("Could not save to " + store.file() + ": " + ex.getMessage());
                    }
                });
        d.show();
        name.requestFocus();
    }

    private void delete(String name) {
        try {
            store.delete(screen, name);
            status.info("Deleted saved filter '" + name + "'");
        } catch (IOException ex) {
            status.info("Could not delete saved filter '" + name + "' from " + store.file() + ": " + ex.getMessage());
        }
    }
}
