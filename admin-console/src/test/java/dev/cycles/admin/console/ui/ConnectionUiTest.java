package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.common.EmptyState;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.AuthIntrospectResponse;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.Capabilities;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the lists say when there is no usable connection, Disconnect, and capability gating. */
class ConnectionUiTest extends ConsoleUiTest {
    private static final List<String> LISTS = List.of("#navTenants", "#navBudgets", "#navReservations", "#navKeys",
            "#navPolicies", "#navAudit", "#navEvents");

    private EmptyState.State shownState() {
        return EmptyState.shown(lookup("#empty-state").queryAs(VBox.class));
    }

    /** Every text in the main window (the table placeholder included). */
    private boolean windowSays(String words) {
        return lookup(n -> n instanceof Labeled l && l.getText() != null && l.getText().contains(words)).tryQuery().isPresent();
    }

    private void atBothSizes(String name) {
        shot(name);
        interact(() -> { stage.setWidth(1024); stage.setHeight(700); });
        shot(name + "-1024");
        interact(() -> { stage.setWidth(1920); stage.setHeight(1080); });
        shot(name + "-1920");
        interact(() -> { stage.setWidth(1280); stage.setHeight(800); });
    }

    @Test
    void notConnectedListsSayHowToConnectAndNeverOfferToCreate() {
        for (String nav : LISTS) {
            clickOn(nav);
            waitForIdle();
            assertEquals(EmptyState.State.NOT_CONNECTED, shownState(), nav);
            assertEquals("Not connected", text("#empty-title"));
            assertTrue(text("#empty-detail").contains("Open Connection (Ctrl+0)"), text("#empty-detail"));
            assertFalse(windowSays("Create one"), nav + " must not offer to create anything");
            assertFalse(windowSays("match"), nav + " must not blame the filters");
        }
        clickOn("#navBudgets");
        atBothSizes("92-not-connected");
        clickOn("#empty-action");
        waitForIdle();
        assertEquals(Screen.CONNECTION, console.window().current(), "the action opens the connection screen");
    }

    @Test
    void aStoppedServerShowsTheErrorAndRetryRecoversOnceItIsBack() throws Exception {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createBudget(new BudgetCreateRequest("acme", "tenant:acme", UnitEnum.USD_MICROCENTS,
                Amount.of(UnitEnum.USD_MICROCENTS, 5_000_000L), null, null, null, null, null, null));
        connectByTyping();
        int port = server.port();
        server.close();
        clickOn("#navBudgets");
        waitForIdle();
        assertEquals(EmptyState.State.CONNECTION_FAILED, shownState());
        assertEquals("Cannot load the budgets", text("#empty-title"));
        assertTrue(text("#empty-detail").contains("Cannot reach http://127.0.0.1:" + port), text("#empty-detail"));
        assertTrue(text("#empty-detail").contains("java -jar cycles-admin-server.jar"), text("#empty-detail"));
        assertEquals("Retry", text("#empty-action"));
        assertFalse(windowSays("Create one"));
        atBothSizes("93-connection-failed");

        // rows already loaded elsewhere are put aside too: tenants had loaded before the server went away
        clickOn("#navTenants");
        waitForIdle();
        assertEquals(0, lookup("#table").queryAs(TableView.class).getItems().size(), "no stale rows passed off as data");
        assertEquals(EmptyState.State.CONNECTION_FAILED, shownState());

        server = new TestServer(dir.resolve("server"), port);
        clickOn("#navBudgets");
        waitForIdle();
        // the screen refreshed on show and got through: the rows are back without a click
        TableView<?> table = lookup("#table").queryAs(TableView.class);
        waitUntil("budget listed", () -> table.getItems().size() == 1);
        assertNull(console.ctx().session().problemProperty().get());
    }

    @Test
    void retryReloadsTheList() throws Exception {
        connectByTyping();
        int port = server.port();
        server.close();
        clickOn("#navKeys");
        waitForIdle();
        assertEquals(EmptyState.State.CONNECTION_FAILED, shownState());
        server = new TestServer(dir.resolve("server"), port);
        api = server.client();
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createApiKey(new dev.cycles.admin.model.ApiKeyCreateRequest("acme", "bot", null, null, null, null, null));
        clickOn("#empty-action");
        TableView<?> table = lookup("#table").queryAs(TableView.class);
        waitUntil("key listed after Retry", () -> table.getItems().size() == 1);
    }

    @Test
    void repeatedlyRejectedKeysLockConnectWithACountdown() {
        clickOn("#navConnection");
        waitForIdle();
        interact(() -> lookup("#url").queryAs(javafx.scene.control.TextField.class).setText(server.url()));
        for (int i = 0; i < 3; i++) {
            interact(() -> lookup("#key").queryAs(javafx.scene.control.PasswordField.class).setText("not-the-key"));
            clickOn("#connect");
            waitForIdle();
        }
        javafx.scene.control.Button connect = lookup("#connect").queryAs(javafx.scene.control.Button.class);
        waitUntil("locked", () -> connect.getText().startsWith("Locked ("));
        assertTrue(connect.isDisabled(), "no fourth try while locked");
        assertTrue(text("#error").contains("Connect is locked for 5 s"), text("#error"));
        atBothSizes("101-connection-locked");
        waitUntil("the lock runs out", () -> connect.getText().equals("Connect") && !connect.isDisabled());
        interact(() -> lookup("#key").queryAs(javafx.scene.control.PasswordField.class).setText(TestServer.ADMIN_KEY));
        clickOn("#connect");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
    }

    @Test
    void aSessionLeftAloneLocksAndTheKeyBringsTheOperatorBackToTheSameScreen() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        connectByTyping();
        interact(() -> console.idleLock().setLimits(java.time.Duration.ofSeconds(3), java.time.Duration.ofHours(8)));
        try {
            clickOn("#navBudgets"); // a click is input
            interact(() -> console.lockIfIdle());
            assertNotNull(console.ctx().session().clientProperty().get(), "just used: not locked");
            sleep(3500);
            interact(() -> console.lockIfIdle());
            waitUntil("lock prompt", () -> lookup("#reauth-form").tryQuery().isPresent());
            assertNull(console.ctx().session().clientProperty().get(), "the data is hidden");
            assertEquals(0, lookup("#table").queryAs(TableView.class).getItems().size());
            dialogShots("#reauth-form", "106-session-locked");
            clickOn("#reauth-key").write(TestServer.ADMIN_KEY);
            clickOn("#reauth-form-ok");
            waitUntil("unlocked", () -> console.ctx().session().clientProperty().get() != null);
            waitForIdle();
            assertEquals(dev.cycles.admin.console.shell.Screen.BUDGETS, console.window().current(), "back where the operator was");
        } finally {
            interact(() -> console.idleLock().setLimits(java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(8)));
        }
    }

    @Test
    void disconnectEmptiesTheListsAndStopsTheAutomaticRefresh() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        connectByTyping();
        TableView<?> tenants = lookup("#table").queryAs(TableView.class);
        waitUntil("listed", () -> tenants.getItems().size() == 1);
        interact(() -> console.window().setAutoRefreshInterval(java.time.Duration.ofMillis(300)));
        clickOn("#autoRefresh");
        assertTrue(console.window().refreshTracker().timerRunning());

        // Disconnect asks first; Cancel keeps the session
        clickOn("#disconnect");
        waitUntil("confirm shown", () -> lookup("#disconnect-confirm").tryQuery().isPresent());
        assertTrue(text("#disconnect-confirm-message").contains(server.url()), text("#disconnect-confirm-message"));
        assertTrue(text("#disconnect-confirm-message").contains("must be entered again"), "an unsaved key is forgotten");
        dialogShots("#disconnect-confirm", "100-disconnect-confirm");
        clickOn("#disconnect-confirm-cancel");
        waitForIdle();
        assertNotNull(console.ctx().session().clientProperty().get(), "Cancel keeps the session");
        clickOn("#disconnect");
        waitUntil("confirm shown", () -> lookup("#disconnect-confirm").tryQuery().isPresent());
        clickOn("#disconnect-confirm-confirm");
        waitForIdle();
        assertNull(console.ctx().session().clientProperty().get());
        assertEquals("Not connected", text("#connectionLabel"));
        assertEquals(0, lookup("#table").queryAs(TableView.class).getItems().size());
        assertEquals(EmptyState.State.NOT_CONNECTED, shownState());
        assertFalse(console.window().refreshTracker().timerRunning(), "no polling without a session");
        assertTrue(lookup("#disconnect").query().isDisabled());
        assertTrue(lookup("#refresh").query().isDisabled());

        // connecting again brings the rows back and the refresh resumes
        clickOn("#navConnection");
        assertTrue(lookup("#disconnectHere").query().isDisabled());
        clickOn("#key").write(TestServer.ADMIN_KEY);
        clickOn("#connect");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
        waitForIdle();
        TableView<?> again = lookup("#table").queryAs(TableView.class);
        waitUntil("listed again", () -> again.getItems().size() == 1);
        assertTrue(console.window().refreshTracker().timerRunning());
        clickOn("#autoRefresh");

        // the connection screen's own Disconnect
        clickOn("#navConnection");
        clickOn("#disconnectHere");
        waitUntil("confirm shown", () -> lookup("#disconnect-confirm").tryQuery().isPresent());
        clickOn("#disconnect-confirm-confirm");
        waitForIdle();
        assertNull(console.ctx().session().clientProperty().get());
        assertTrue(text("#result").startsWith("Disconnected from"), text("#result"));
    }

    @Test
    void screensAndActionsTheKeyCannotUseAreGatedWithTheReason() {
        connectByTyping();
        assertFalse(dev.cycles.admin.console.common.Access.isGated(lookup("#navKeys").queryAs(ToggleButton.class)), "admin: all open");
        List<String> perms = List.of("budgets:read");
        // what introspect would say for a read-only tenant key
        interact(() -> console.ctx().session().accessProperty().set(
                new AuthIntrospectResponse(true, "tenant", perms, Capabilities.forTenantKey(perms), "acme", null)));
        ToggleButton keys = lookup("#navKeys").queryAs(ToggleButton.class);
        assertTrue(dev.cycles.admin.console.common.Access.isGated(keys));
        assertTrue(keys.getTooltip().getText().contains("view_api_keys"), keys.getTooltip().getText());
        clickOn(keys);
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current(), "a gated screen does not open");
        // nor by its shortcut, which says why in the status line
        press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.DIGIT5)
                .release(javafx.scene.input.KeyCode.DIGIT5).release(javafx.scene.input.KeyCode.CONTROL);
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current());
        assertTrue(text("#statusMessage").contains("cannot open API keys"), text("#statusMessage"));

        clickOn("#navBudgets");
        waitForIdle();
        assertEquals(Screen.BUDGETS, console.window().current(), "budgets:read opens Budgets");
        javafx.scene.control.Button create = lookup("#create").queryAs(javafx.scene.control.Button.class);
        assertTrue(dev.cycles.admin.console.common.Access.isGated(create));
        assertTrue(create.getTooltip().getText().contains("manage_budgets"), create.getTooltip().getText());
        clickOn(create);
        press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.N)
                .release(javafx.scene.input.KeyCode.N).release(javafx.scene.input.KeyCode.CONTROL);
        waitForIdle();
        javafx.scene.control.Button emptyCreate = lookup("#empty-create").queryAs(javafx.scene.control.Button.class);
        assertEquals("Create budget", emptyCreate.getText());
        assertTrue(lookup("#empty-action").tryQuery().isEmpty(), "one action at a time");
        assertTrue(dev.cycles.admin.console.common.Access.isGated(emptyCreate), "the empty list's Create is gated too");
        clickOn(emptyCreate);
        waitForIdle();
        assertTrue(lookup("#budget-form").tryQuery().isEmpty(), "neither the buttons nor Ctrl+N open the form");
        assertTrue(text("#statusMessage").contains("cannot create budgets: it lacks manage_budgets"), text("#statusMessage"));
        shot("94-gated-read-only-key");

        // gating is about creating: the same list's Retry stays usable when the server cannot be reached
        interact(() -> console.ctx().session().problemProperty().set(new dev.cycles.admin.console.client.AdminApiException(
                "CONNECTION_FAILED", "Cannot reach " + server.url() + ": Connection refused", null)));
        assertEquals("Retry", text("#empty-action"));
        assertFalse(dev.cycles.admin.console.common.Access.isGated(lookup("#empty-action").queryAs(javafx.scene.control.Button.class)));
        clickOn("#empty-action");
        waitForIdle();
        assertNull(console.ctx().session().problemProperty().get(), "Retry reached the server");
    }
}
