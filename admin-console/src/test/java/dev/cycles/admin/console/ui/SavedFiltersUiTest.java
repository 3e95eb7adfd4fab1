package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.BudgetLedger;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Saved filters" on the Budgets screen against a real server, kept across a console restart. */
class SavedFiltersUiTest extends ConsoleUiTest {
    private static final String BILLING = "tenant:acme/workspace:prod/agent:billing";

    @SuppressWarnings("unchecked")
    private TableView<BudgetLedger> table() {
        return lookup("#table").queryAs(TableView.class);
    }

    private List<String> scopes() {
        return table().getItems().stream().map(BudgetLedger::scope).toList();
    }

    /** The open popup of the "Saved filters" button. */
    private ContextMenu openMenu() {
        clickOn("#savedFilters");
        waitUntil("saved filters menu", () -> popup() != null);
        return popup();
    }

    private static ContextMenu popup() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                    .filter(w -> w instanceof ContextMenu c && c.isShowing()).map(w -> (ContextMenu) w).findFirst().orElse(null))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void clickEntry(String startsWith) {
        clickOn(lookup(".context-menu .menu-item .label").match((Labeled l) -> l.getText() != null && l.getText().startsWith(startsWith)
                && l.isVisible()).queryLabeled());
        waitForIdle();
    }

    private void restart() {
        interact(() -> {
            console.shutdown();
            console = new dev.cycles.admin.console.Console(dir.resolve("console"));
            stage.setScene(console.scene());
            console.attach(stage);
            console.window().show(dev.cycles.admin.console.shell.Screen.CONNECTION);
        });
        waitForIdle();
    }

    @Test
    void aSavedBudgetsFilterIsAppliedAgainAndSurvivesARestart() throws Exception {
        Fleet.seed(server, api);
        connectByTyping();
        clickOn("#navBudgets");
        waitForIdle();
        type("#tenant", "acme");
        clickOn("#overLimit");
        waitForIdle();
        waitUntil("acme over limit", () -> scopes().equals(List.of(BILLING)));

        openMenu();
        clickEntry("Save current filters as");
        waitUntil("name dialog", () -> lookup("#saved-form").tryQuery().isPresent());
        assertTrue(lookup("#saved-form-ok").queryButton().isDisabled(), "no save without a name");
        clickOn("#saved-name").write("acme over limit");
        shotOf("#saved-form", "99-saved-filters-save-dialog");
        clickOn("#saved-form-ok");
        waitUntil("saved", () -> lookup("#saved-form").tryQuery().isEmpty());
        assertTrue(Files.readString(dir.resolve("console").resolve("saved-filters.json")).contains("acme over limit"));

        // other filters: many budgets of every tenant
        type("#tenant", "");
        clickOn("#overLimit");
        waitForIdle();
        waitUntil("every tenant", () -> scopes().size() > 3);

        ContextMenu m = openMenu();
        menuShots(m, "99-saved-filters-menu");
        clickEntry("acme over limit");
        waitUntil("the saved filter's rows", () -> scopes().equals(List.of(BILLING)));
        assertEquals("acme", text("#tenant"));
        assertTrue(lookup("#overLimit").queryAs(CheckBox.class).isSelected());

        // a new console over the same data folder still has it
        restart();
        connectByTyping();
        clickOn("#navBudgets");
        waitForIdle();
        waitUntil("unfiltered after the restart", () -> scopes().size() > 3);
        openMenu();
        clickEntry("acme over limit");
        waitUntil("the saved filter's rows after a restart", () -> scopes().equals(List.of(BILLING)));

        // delete: gone from the menu and from the file
        openMenu();
        clickEntry("Delete");
        waitUntil("delete submenu", () -> lookup(".context-menu .menu-item .label").match((Labeled l) -> "acme over limit".equals(l.getText())).tryQuery().isPresent());
        clickOn(lookup(".context-menu .menu-item .label").match((Labeled l) -> "acme over limit".equals(l.getText())).queryLabeled());
        waitForIdle();
        assertFalse(Files.readString(dir.resolve("console").resolve("saved-filters.json")).contains("acme over limit"));
        assertEquals(List.of(), console.savedFilters().names("budgets"));
        openMenu();
        assertTrue(lookup(".context-menu .menu-item .label").match((Labeled l) -> "No saved filters yet".equals(l.getText())).tryQuery().isPresent());
    }

    /** The window with the open menu over it, light and dark, at 1024x700 and 1920x1080; the menu is open again after. */
    private void menuShots(ContextMenu first, String name) {
        ContextMenu m = first;
        for (double[] s : new double[][] {{1024, 700}, {1920, 1080}}) {
            ContextMenu open = m;
            interact(open::hide);
            interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(s[0]);
                stage.setHeight(s[1]);
            });
            waitForIdle();
            m = openMenu();
            boolean wasDark = console.isDark();
            for (boolean dark : new boolean[] {false, true}) {
                interact(() -> console.setDark(dark, false));
                waitForIdle();
                ContextMenusUiTest.composite(m, name + "-" + (int) s[0] + "x" + (int) s[1] + (dark ? "-dark" : ""));
            }
            interact(() -> console.setDark(wasDark, false));
        }
        ContextMenu last = m;
        interact(last::hide);
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        waitForIdle();
        openMenu();
    }
}
