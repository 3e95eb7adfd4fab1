package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.BudgetLedger;
import javafx.scene.Node;
import javafx.scene.Parent;
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
        api.createWebhook("acme", new dev.cycles.admin.model.WebhookCreateRequest("Ops bridge", "Pages the on-call engineer",
                "https://203.0.113.10/hooks/cycles", List.of("budget.exhausted", "budget.funded", "reservation.denied"),
                null, null, null, null, null, null, null, null));
        // the runtime URL too: the test server's runtime port is not the default
        connectWithRuntime();
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
                new Shot("webhooks", Screen.WEBHOOKS, t -> t.getSelectionModel().select(0)),
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
                return Fit.problems(root, where, stage.getScene().getWidth(), stage.getScene().getHeight());
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
