package dev.cycles.admin.console.common;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The right-click menu of a list's rows, the same on every screen: Copy ID, Copy row as JSON,
 * Activity (the audit log filtered to the row's entity), Events (where the entity has events),
 * then the screen's row actions. An action that mirrors one of the screen's buttons is enabled
 * exactly when that button is (its status rules and capability gating), and runs the button.
 * The right-clicked row becomes the selected one first, so the actions act on it. The menu key
 * and Shift+F10 open the menu of the selected row.
 */
public final class RowMenu<T> {
    private final TableView<T> table;
    private final ContextMenu menu = new ContextMenu();
    /** Per item: whether it applies to the row the menu is open for. */
    private final List<Runnable> refresh = new ArrayList<>();
    private T row;

    private RowMenu(TableView<T> table) {
        this.table = table;
        menu.getStyleClass().add("row-menu");
        menu.setOnShowing(e -> refresh.forEach(Runnable::run));
        // filters, not handlers: a link or button inside a cell (the keys' "N granted ›") consumes
        // the click before it could bubble up to the table, and its row's menu would never open
        table.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::onRequest);
        // some platforms (the headless one among them) send no menu request for a right click:
        // the release opens it then, unless the request already did
        table.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getButton() == MouseButton.SECONDARY) {
                Node target = e.getPickResult().getIntersectedNode();
                double x = e.getScreenX();
                double y = e.getScreenY();
                Platform.runLater(() -> {
                    if (!menu.isShowing()) {
                        openAt(target, x, y);
                    }
                });
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.CONTEXT_MENU || (e.getCode() == KeyCode.F10 && e.isShiftDown())) {
                e.consume();
                showForSelected();
            }
        });
        table.getProperties().put(RowMenu.class, this);
    }

    /** Starts the menu of {@code table}; add items, the menu is live at once. */
    public static <T> RowMenu<T> on(TableView<T> table) {
        return new RowMenu<>(table);
    }

    /** The menu installed on a table, if any (tests and screenshots). */
    @SuppressWarnings("unchecked")
    public static <T> ContextMenu of(TableView<T> table) {
        Object m = table.getProperties().get(RowMenu.class);
        return m == null ? null : ((RowMenu<T>) m).menu;
    }

    /** "Copy ID": the row's identifier to the clipboard. */
    public RowMenu<T> copyId(Function<T, String> id) {
        return item("menu-copy-id", "Copy ID", r -> id.apply(r) != null, r -> Fx.copy(id.apply(r)));
    }

    /** "Copy row as JSON": the wire object as the API spells it. */
    public RowMenu<T> copyJson(Function<T, Object> value) {
        return item("menu-copy-json", "Copy row as JSON", r -> true, r -> Fx.copyJson(value.apply(r)));
    }

    public RowMenu<T> copyJson() {
        return copyJson(r -> r);
    }

    /** "Activity": the audit log filtered to this entity (through {@link Nav#activity}). */
    public RowMenu<T> activity(Ctx ctx, Function<T, String> title, Function<T, Map<String, String>> auditFilter) {
        return item("menu-activity", "Activity", r -> auditFilter.apply(r) != null,
                r -> ctx.nav().activity(title.apply(r), auditFilter.apply(r)));
    }

    /** "Activity" through the screen's own handler (which already calls {@link Nav#activity}). */
    public RowMenu<T> activity(Consumer<T> open) {
        return item("menu-activity", "Activity", r -> true, open);
    }

    /** "Events": the event browser filtered to this entity; a null filter greys it out for that row. */
    public RowMenu<T> events(Ctx ctx, Function<T, String> title, Function<T, Map<String, String>> eventFilter) {
        return item("menu-events", "Events", r -> eventFilter.apply(r) != null, r -> {
            Map<String, String> f = new LinkedHashMap<>(eventFilter.apply(r));
            f.put("title", title.apply(r));
            ctx.nav().list(Nav.Target.EVENTS, f);
        });
    }

    /**
     * A row action that mirrors one of the screen's buttons: enabled when the button is enabled and
     * not gated by {@link Access}; runs the button (the row is selected, so the button acts on it).
     */
    public RowMenu<T> button(String id, String text, ButtonBase button) {
        return item(id, text, r -> !button.isDisabled() && !Access.isGated(button), r -> button.fire());
    }

    /** A row action of its own (no button on the screen does it). */
    public RowMenu<T> item(String id, String text, Predicate<T> enabled, Consumer<T> run) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> {
            if (row != null) {
                run.accept(row);
            }
        });
        refresh.add(() -> m.setDisable(row == null || !enabled.test(row)));
        menu.getItems().add(m);
        return this;
    }

    public RowMenu<T> separator() {
        menu.getItems().add(new SeparatorMenuItem());
        return this;
    }

    private void onRequest(ContextMenuEvent e) {
        e.consume();
        if (e.isKeyboardTrigger()) {
            showForSelected();
            return;
        }
        openAt(e.getPickResult().getIntersectedNode(), e.getScreenX(), e.getScreenY());
    }

    /** The menu of the row under {@code target} (none on the header or below the last row). */
    private void openAt(Node target, double screenX, double screenY) {
        TableRow<?> r = rowOf(target);
        if (r == null || r.isEmpty() || r.getItem() == null) {
            menu.hide();
            return;
        }
        select(r.getIndex());
        menu.show(table, screenX, screenY);
    }

    /** The menu of the selected row, under it (the keyboard way). */
    public void showForSelected() {
        int i = table.getSelectionModel().getSelectedIndex();
        if (i < 0 || menu.isShowing()) {
            return;
        }
        select(i);
        Node anchor = table.lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> tr && tr.getIndex() == i && !tr.isEmpty()).findFirst().orElse(table);
        Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        if (b != null) {
            menu.show(table, b.getMinX() + 24, anchor == table ? b.getMinY() + b.getHeight() / 3 : b.getMaxY());
        }
    }

    /** Makes row {@code i} the selected (and only selected) one unless it already is the selected item. */
    private void select(int i) {
        T item = table.getItems().get(i);
        if (table.getSelectionModel().getSelectedItem() != item || table.getSelectionModel().getSelectedIndices().size() > 1
                && !table.getSelectionModel().isSelected(i)) {
            table.getSelectionModel().clearAndSelect(i);
        }
        table.getFocusModel().focus(i);
        row = item;
    }

    private static TableRow<?> rowOf(Node n) {
        while (n != null && !(n instanceof TableRow<?>)) {
            n = n.getParent();
        }
        return (TableRow<?>) n;
    }
}
