package dev.cycles.admin.console.shell;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Bounds;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Popup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The header's quick jump (Ctrl+K): a field whose list narrows with every keystroke, over the
 * screens and every tenant ("id — name"). Down moves into the list, Enter opens the highlighted
 * entry (the first one when none is highlighted); text that matches nothing is searched on the
 * server as a tenant. Esc closes the list.
 */
public final class QuickJump {
    /** One entry: what the list shows and what picking it does. */
    public record Entry(String label, Runnable open) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final TextField field;
    private final ObservableList<Entry> all = FXCollections.observableArrayList();
    private final FilteredList<Entry> shown = new FilteredList<>(all, e -> true);
    private final ListView<Entry> list = new ListView<>(shown);
    private final Popup popup = new Popup();
    private final Consumer<String> fallback;
    private List<Entry> screens = List.of();
    private List<Entry> tenants = List.of();
    /** Set while the field is cleared after a pick, so clearing does not open the list again. */
    private boolean clearing;

    /** {@code fallback} gets typed text that matches no entry (a tenant search on the server). */
    public QuickJump(TextField field, Consumer<String> fallback) {
        this.field = field;
        this.fallback = fallback;
        list.setId("jump-list");
        list.getStyleClass().add("jump-list");
        list.setPrefWidth(340);
        // as tall as the entries, up to ten of them
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(10, Math.max(1, shown.size())) * 32.0 + 12, shown));
        javafx.scene.control.Label none = new javafx.scene.control.Label("Nothing matches: Enter searches the server for a tenant");
        none.getStyleClass().add("muted");
        list.setPlaceholder(none);
        popup.getContent().add(list);
        popup.setAutoHide(true);
        field.textProperty().addListener((o, a, text) -> {
            shown.setPredicate(matcher(text));
            if (field.isFocused() && !clearing) {
                open();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                open();
                list.requestFocus();
                if (list.getSelectionModel().getSelectedIndex() < 0 && !shown.isEmpty()) {
                    list.getSelectionModel().select(0);
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
            }
        });
        field.setOnAction(e -> pick(list.getSelectionModel().getSelectedItem()));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                pick(list.getSelectionModel().getSelectedItem());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                field.requestFocus();
            }
        });
        list.setOnMouseClicked(e -> pick(list.getSelectionModel().getSelectedItem()));
    }

    /** Case-insensitive: every word of the text appears in the entry. */
    static java.util.function.Predicate<Entry> matcher(String text) {
        String[] words = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        return e -> {
            String l = e.label().toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!w.isEmpty() && !l.contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** After picking a slash command from the list: its word in the field, ready for the argument. */
    void typeCommand(String word) {
        field.setText(word + " ");
        field.requestFocus();
        field.end();
    }

    public void setScreens(List<Entry> entries) {
        screens = List.copyOf(entries);
        rebuild();
    }

    /** Replaces the tenant entries (loaded in the background when the field gets focus). */
    public void setTenants(List<Entry> entries) {
        tenants = List.copyOf(entries);
        rebuild();
    }

    private void rebuild() {
        List<Entry> next = new ArrayList<>(screens);
        next.addAll(tenants);
        all.setAll(next);
    }

    /** Shows the list under the field (or moves it there, when the window changed meanwhile). */
    public void open() {
        if (field.getScene() == null || field.getScene().getWindow() == null) {
            return;
        }
        Bounds b = field.localToScreen(field.getBoundsInLocal());
        if (b == null) {
            return;
        }
        // a popup is a window of its own: it needs the console's stylesheet, and no white fill around the list's shadow
        popup.getScene().setFill(javafx.scene.paint.Color.TRANSPARENT);
        if (!popup.getScene().getStylesheets().equals(field.getScene().getStylesheets())) {
            popup.getScene().getStylesheets().setAll(field.getScene().getStylesheets());
        }
        if (popup.isShowing()) {
            popup.setX(b.getMinX());
            popup.setY(b.getMaxY() + 2);
        } else {
            popup.show(field, b.getMinX(), b.getMaxY() + 2);
        }
    }

    private void pick(Entry selected) {
        String text = field.getText();
        popup.hide();
        if (selected == null && (text == null || text.isBlank())) {
            return;
        }
        boolean command = selected == null && text != null && text.trim().startsWith("/") && text.trim().contains(" ");
        Entry e = selected != null ? selected : shown.isEmpty() || command ? null : shown.get(0);
        clearing = true;
        field.clear();
        clearing = false;
        list.getSelectionModel().clearSelection();
        if (e != null) {
            e.open().run();
        } else {
            fallback.accept(text.trim());
        }
    }

    public ObservableList<Entry> shown() {
        return shown;
    }

    public ListView<Entry> list() {
        return list;
    }
}
