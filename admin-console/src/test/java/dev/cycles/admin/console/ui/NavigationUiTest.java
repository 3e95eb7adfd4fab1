package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.TenantCreateRequest;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quick jump that narrows as you type, Ctrl+digit screens, Back/Forward across drill-downs, tenant pickers in create forms. */
class NavigationUiTest extends ConsoleUiTest {

    private void seed() {
        for (String[] t : new String[][] {{"acme", "Acme Corporation"}, {"acorn", "Acorn Labs"}, {"globex", "Globex Industries"}}) {
            api.createTenant(new TenantCreateRequest(t[0], t[1], null, null, null, null, null, null, null, null));
        }
    }

    private List<String> jumpEntries() {
        ListView<?> list = console.window().quickJump().list();
        return list.getItems().stream().map(Object::toString).toList();
    }

    /** The window with the quick-jump list drawn where it floats (a popup is a window of its own), light and dark. */
    private void shotWithPopup(String name) {
        waitForIdle();
        interact(() -> console.window().quickJump().open()); // follows the field after a resize
        boolean wasDark = console.isDark();
        for (boolean dark : new boolean[] {false, true}) {
            interact(() -> console.setDark(dark, false));
            try {
                java.awt.image.BufferedImage img = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                    javafx.scene.Scene main = stage.getScene();
                    javafx.scene.Scene pop = console.window().quickJump().list().getScene();
                    java.awt.image.BufferedImage a = toAwt(main.snapshot(null));
                    java.awt.image.BufferedImage b = toAwt(pop.snapshot(null));
                    java.awt.Graphics2D g = a.createGraphics();
                    g.drawImage(b, (int) (pop.getWindow().getX() - stage.getX() - main.getX()),
                            (int) (pop.getWindow().getY() - stage.getY() - main.getY()), null);
                    g.dispose();
                    return a;
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
                write(img, name + (dark ? "-dark" : ""));
            } catch (Exception e) {
                throw new AssertionError("screenshot " + name, e);
            }
        }
        interact(() -> console.setDark(wasDark, false));
    }

    private void ctrl(KeyCode k) {
        press(KeyCode.CONTROL).press(k).release(k).release(KeyCode.CONTROL);
    }

    @Test
    void ctrlKNarrowsTheListWithEveryKeystrokeAndEnterOpensTheTenant() {
        seed();
        connectByTyping();
        ctrl(KeyCode.K);
        waitUntil("tenants listed", () -> jumpEntries().stream().anyMatch(e -> e.startsWith("globex")));
        assertTrue(lookup("#jump-list").tryQuery().isPresent(), "the list opens with Ctrl+K");
        assertTrue(jumpEntries().contains("Screen: Budgets  (Ctrl+3)"), jumpEntries().toString());
        int all = jumpEntries().size();

        write("a");
        int afterA = jumpEntries().size();
        assertTrue(afterA < all, "typing narrows: " + jumpEntries());
        write("c");
        assertEquals(List.of("acme — Acme Corporation", "acorn — Acorn Labs"), jumpEntries(), "'ac' keeps the two ac… tenants");
        write("o");
        assertEquals(List.of("acorn — Acorn Labs"), jumpEntries());
        shotWithPopup("90-quick-jump");
        interact(() -> { stage.setWidth(1024); stage.setHeight(700); });
        shotWithPopup("90-quick-jump-1024");
        interact(() -> { stage.setWidth(1920); stage.setHeight(1080); });
        shotWithPopup("90-quick-jump-1920");
        interact(() -> { stage.setWidth(1280); stage.setHeight(800); });

        // Down moves into the list, Enter opens the highlighted tenant
        push(KeyCode.DOWN);
        push(KeyCode.ENTER);
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current());
        waitUntil("acorn selected", () -> console.tenants().selectedProperty().get() != null
                && "acorn".equals(console.tenants().selectedProperty().get().tenantId()));
        assertEquals("", text("#jump-editor"), "the field is cleared for the next jump");
        assertTrue(lookup("#jump-list").tryQuery().isEmpty(), "and the list is closed, not covering the screen");

        // screens are entries too: "keys" + Enter opens API keys
        ctrl(KeyCode.K);
        write("api keys");
        waitUntil("one entry", () -> jumpEntries().size() == 1);
        push(KeyCode.ENTER);
        waitForIdle();
        assertEquals(Screen.KEYS, console.window().current());
    }

    @Test
    void slashCommandsSearchTheLogsAndAnUnknownOneIsSaidSo() {
        seed();
        connectByTyping();
        ctrl(KeyCode.K);
        write("/");
        waitUntil("commands listed", () -> jumpEntries().stream().anyMatch(e -> e.startsWith("/audit <text>")));
        assertTrue(jumpEntries().stream().allMatch(e -> e.startsWith("/")), "'/' lists the commands: " + jumpEntries());
        shotWithPopup("109-quick-jump-commands");

        write("audit acme");
        push(KeyCode.ENTER);
        waitForIdle();
        assertEquals(Screen.AUDIT, console.window().current());
        assertEquals("acme", console.audit().searchProperty().get(), "the audit log searched for the text");

        ctrl(KeyCode.K);
        write("/t globex");
        push(KeyCode.ENTER);
        waitUntil("globex selected", () -> console.tenants().selectedProperty().get() != null
                && "globex".equals(console.tenants().selectedProperty().get().tenantId()));

        ctrl(KeyCode.K);
        write("/frobnicate x");
        push(KeyCode.ENTER);
        waitForIdle();
        assertEquals("Unknown command /frobnicate: /tenant, /audit, /event, /key, /webhook", console.ctx().status().messageProperty().get());
    }

    @Test
    void ctrlDigitsSwitchScreensInNavigationOrder() {
        connectByTyping();
        ctrl(KeyCode.DIGIT3);
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current(), "the third screen after Connection");
        assertTrue(lookup("#navBudgets").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        ctrl(KeyCode.DIGIT1);
        waitForIdle();
        assertEquals(Screen.OVERVIEW, console.window().current());
        ctrl(KeyCode.DIGIT8);
        waitForIdle();
        assertEquals(Screen.EVENTS, console.window().current());
        ctrl(KeyCode.DIGIT0);
        waitForIdle();
        assertEquals(Screen.CONNECTION, console.window().current());
    }

    @Test
    void backAndForwardReturnAcrossADrillDownWithItsFilter() {
        seed();
        api.createBudget(new dev.cycles.admin.model.BudgetCreateRequest("acme", "tenant:acme", dev.cycles.admin.model.UnitEnum.USD_MICROCENTS,
                dev.cycles.admin.model.Amount.of(dev.cycles.admin.model.UnitEnum.USD_MICROCENTS, 1_000_000L), null, null, null, null, null, null));
        api.createBudget(new dev.cycles.admin.model.BudgetCreateRequest("globex", "tenant:globex", dev.cycles.admin.model.UnitEnum.USD_MICROCENTS,
                dev.cycles.admin.model.Amount.of(dev.cycles.admin.model.UnitEnum.USD_MICROCENTS, 2_000_000L), null, null, null, null, null, null));
        connectByTyping();
        assertEquals(Screen.TENANTS, console.window().current());
        assertTrue(lookup("#back").query().isDisabled() || console.window().history().canBackProperty().get());
        interact(() -> console.tenants().jump("acme"));
        waitUntil("detail", () -> text("#detailTitle").contains("acme"));
        clickOn("#showBudgets");
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current());
        assertEquals("acme", console.budgets().tenantFilterProperty().get());
        TableView<?> budgets = lookup("#table").queryAs(TableView.class);
        waitUntil("acme's budget only", () -> budgets.getItems().size() == 1);

        // the operator changes the filter by hand, then goes back and forward
        interact(() -> console.budgets().tenantFilterProperty().set(""));
        press(KeyCode.ALT).press(KeyCode.LEFT).release(KeyCode.LEFT).release(KeyCode.ALT);
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current());
        assertEquals("acme", console.tenants().selectedProperty().get().tenantId(), "the tenant list as it was left");
        assertFalse(lookup("#forward").query().isDisabled());

        press(KeyCode.ALT).press(KeyCode.RIGHT).release(KeyCode.RIGHT).release(KeyCode.ALT);
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current());
        assertEquals("acme", console.budgets().tenantFilterProperty().get(), "the drill-down's filter is applied again");
        TableView<?> again = lookup("#table").queryAs(TableView.class);
        waitUntil("acme's budget only", () -> again.getItems().size() == 1);
        assertTrue(lookup("#forward").query().isDisabled());

        // the toolbar buttons and the mouse's back button do the same
        clickOn("#back");
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current());
        clickOn("#forward");
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current());
        moveTo("#table");
        press(MouseButton.BACK).release(MouseButton.BACK);
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current(), "mouse back button");
    }

    @Test
    void createFormsOfferTenantPickers() {
        seed();
        connectByTyping();
        for (String[] f : new String[][] {{"#navBudgets", "#budget-tenant-picker", "#budget-form"},
                {"#navKeys", "#key-tenant-picker", "#key-form"},
                {"#navPolicies", "#policy-tenant", "#policy-form"},
                {"#navTenants", "#tenant-parent-picker", "#tenant-form"}}) {
            clickOn(f[0]);
            waitForIdle();
            clickOn("#create");
            waitUntil(f[2], () -> lookup(f[2]).tryQuery().isPresent());
            ComboBox<?> picker = lookup(f[1]).queryAs(ComboBox.class);
            waitUntil("tenants offered in " + f[1], () -> picker.getItems().size() == 3);
            assertEquals(List.of("acme", "acorn", "globex"), picker.getItems().stream().map(Object::toString).toList());
            if (f[2].equals("#budget-form")) {
                // picking fills the form's tenant (and its scope preview)
                clickOn(picker.lookup(".arrow-button"));
                clickOn(lookup(".combo-box-popup .list-cell").match((javafx.scene.control.Labeled l) -> "globex".equals(l.getText()))
                        .queryAs(javafx.scene.Node.class));
                waitUntil("scope preview", () -> text("#budget-scope-preview").contains("tenant:globex"));
                shotOf(f[2], "91-budget-create-tenant-picker");
            }
            push(KeyCode.ESCAPE);
            waitUntil("closed", () -> lookup(f[2]).tryQuery().isEmpty());
        }
    }
}
