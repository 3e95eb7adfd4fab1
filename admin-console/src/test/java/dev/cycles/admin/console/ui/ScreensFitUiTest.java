package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.BudgetLedger;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every screen, with a realistic fleet, at 1024x700 and 1920x1080: no button in the window is
 * narrower than it needs (its text would end in "…"), and no ScrollPane shows a horizontal
 * scrollbar (a detail pane that scrolls sideways). Screenshots light and dark: SCREEN-WxH.
 */
class ScreensFitUiTest extends ConsoleUiTest {
    private static final int[][] SIZES = {{1024, 700}, {1920, 1080}};

    /** One screen to check: its name in the screenshots, which screen, and what to select on it first. */
    private record Shot(String name, Screen screen, Consumer<TableView<?>> select) {
    }

    @Test
    void everyScreenFitsAtBothSizes() {
        Fleet.seed(server, api);
        // the runtime URL too: the test server's runtime port is not the default
        clickOn("#url").eraseText(((javafx.scene.control.TextInputControl) lookup("#url").query()).getText().length()).write(server.url());
        clickOn("#key").write(dev.cycles.admin.console.TestServer.ADMIN_KEY);
        clickOn("#runtimeUrl").write(server.runtimeUrl());
        clickOn("#connect");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
        waitForIdle();
        List<Shot> shots = List.of(
                new Shot("overview", Screen.OVERVIEW, null),
                new Shot("tenants", Screen.TENANTS, t -> t.getSelectionModel().select(0)),
                new Shot("budgets", Screen.BUDGETS, t -> t.getSelectionModel().clearSelection()),
                new Shot("budget-detail", Screen.BUDGETS, t -> t.getItems().stream()
                        .filter(b -> ((BudgetLedger) b).scope().equals(Fleet.LONG_SCOPE)).findFirst()
                        .ifPresent(b -> selectItem(t, b))),
                new Shot("reservations", Screen.RESERVATIONS, t -> t.getSelectionModel().select(0)),
                new Shot("keys", Screen.KEYS, t -> t.getSelectionModel().select(0)),
                new Shot("policies", Screen.POLICIES, t -> t.getSelectionModel().select(0)),
                new Shot("audit", Screen.AUDIT, t -> t.getSelectionModel().select(0)),
                new Shot("events", Screen.EVENTS, t -> t.getSelectionModel().select(0)),
                new Shot("connection", Screen.CONNECTION, null));
        List<String> problems = new ArrayList<>();
        for (int[] size : SIZES) {
            resize(size[0], size[1]);
            for (Shot s : shots) {
                interact(() -> {
                    if (s.screen() == Screen.RESERVATIONS) {
                        // reservations are listed per tenant
                        console.ctx().nav().list(dev.cycles.admin.console.common.Nav.Target.RESERVATIONS, java.util.Map.of("tenant", "acme"));
                    } else {
                        console.window().show(s.screen());
                    }
                });
                waitForIdle();
                if (s.select() != null) {
                    TableView<?> table = lookup("#table").queryAs(TableView.class);
                    waitUntil(s.name() + " rows", () -> !table.getItems().isEmpty());
                    interact(() -> s.select().accept(table));
                    waitForIdle();
                }
                String name = s.name() + "-" + size[0] + "x" + size[1];
                problems.addAll(problems(name));
                shot(name);
            }
        }
        // at 1440 px the columns an operator scans for trouble show whole values
        resize(1440, 900);
        for (Screen screen : List.of(Screen.KEYS, Screen.TENANTS, Screen.BUDGETS)) {
            interact(() -> console.window().show(screen));
            waitForIdle();
            problems.addAll(clippedCells(screen + "-1440x900", List.of("colExpires", "colOverage", "colCreated", "colUnit", "colStatus")));
        }
        shot("budget-detail-1440x900");
        assertEquals(List.of(), problems, "every screen fits");
    }

    /** Cells of these columns whose content is wider than the cell (their text ends in "…"). */
    private List<String> clippedCells(String where, List<String> columnIds) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                List<String> out = new ArrayList<>();
                for (Node n : stage.getScene().getRoot().lookupAll(".table-cell")) {
                    if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.isVisible() && !c.isEmpty() && c.getTableColumn() != null
                            && columnIds.contains(c.getTableColumn().getId()) && c.getWidth() + 0.5 < c.prefWidth(-1)) {
                        out.add(where + ": " + c.getTableColumn().getText() + " cell '" + c.getText() + "' is clipped ("
                                + Math.round(c.getWidth()) + " of " + Math.round(c.prefWidth(-1)) + " px)");
                    }
                }
                return out;
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void selectItem(TableView t, Object item) {
        t.getSelectionModel().select(item);
        t.scrollTo(item);
    }

    private void resize(int width, int height) {
        interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        waitForIdle();
    }

    /** What does not fit in the window as it is now. */
    private List<String> problems(String where) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                Parent root = stage.getScene().getRoot();
                root.applyCss();
                root.layout();
                List<String> out = new ArrayList<>();
                collect(root, where, stage.getScene().getWidth(), stage.getScene().getHeight(), out);
                return out;
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void collect(Node n, String where, double width, double height, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof ButtonBase b && !(b instanceof Hyperlink) && !(b instanceof CheckBox) && !(b instanceof RadioButton)
                && b.getText() != null && !b.getText().isEmpty() && !b.isWrapText() && inWindow(b, width, height)) {
            double need = b.prefWidth(-1);
            if (b.getWidth() + 0.5 < need) {
                out.add(where + ": button '" + b.getText() + "' is " + Math.round(b.getWidth()) + " px wide, needs " + Math.round(need));
            }
        }
        if (n instanceof ScrollPane sp) {
            for (Node c : sp.getChildrenUnmodifiable()) {
                if (c instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible()
                        && sp.getHbarPolicy() != ScrollPane.ScrollBarPolicy.ALWAYS) {
                    out.add(where + ": " + describe(sp) + " scrolls sideways (content " + Math.round(sp.getContent().prefWidth(-1))
                            + " px in a " + Math.round(sp.getViewportBounds().getWidth()) + " px viewport)");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, where, width, height, out);
            }
        }
    }

    /** Inside the window (a button scrolled out of a ScrollPane's view still counts: the operator scrolls to it). */
    private static boolean inWindow(Node n, double width, double height) {
        Bounds b = n.localToScene(n.getBoundsInLocal());
        return b.getWidth() > 0 && b.getMinX() < width && b.getMaxX() > 0;
    }

    private static String describe(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getId() != null) {
                return "the scroll pane in #" + p.getId();
            }
        }
        return "a scroll pane";
    }
}
