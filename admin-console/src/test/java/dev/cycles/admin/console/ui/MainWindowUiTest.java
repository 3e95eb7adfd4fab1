package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Settings;
import dev.cycles.admin.console.shell.RefreshTracker;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window header's refresh stamp: last success only, a visible stale state, back-off, and a key prompt on 401. */
class MainWindowUiTest extends ConsoleUiTest {

    private RefreshTracker tracker() {
        return console.window().refreshTracker();
    }

    private boolean stampLooksStale() {
        return lookup("#lastUpdated").query().getStyleClass().contains("stale");
    }

    @Test
    void theStampKeepsTheLastSuccessAndBacksOffWhileTheServerIsDown() {
        connectByTyping();
        waitUntil("first refresh", () -> text("#lastUpdated").startsWith("Updated "));
        String lastGood = text("#lastUpdated").substring("Updated ".length());

        // the server goes away (nothing listens on port 1)
        interact(() -> console.ctx().session().connect(new AdminClient("http://127.0.0.1:1", TestServer.ADMIN_KEY), "down", "#cf222e"));
        clickOn("#refresh");
        waitUntil("stale", () -> text("#lastUpdated").startsWith("Stale"));
        assertEquals("Stale · updated " + lastGood, text("#lastUpdated"), "the stamp did not advance on failure");
        assertTrue(stampLooksStale());
        shot("72-header-stale");

        // automatic refresh backs off instead of retrying at the normal pace
        Duration interval = Duration.ofMillis(200);
        interact(() -> console.window().setAutoRefreshInterval(interval));
        clickOn("#autoRefresh");
        waitUntil("backing off", () -> tracker().delay().compareTo(interval.multipliedBy(4)) >= 0);
        assertEquals("Stale · updated " + lastGood, text("#lastUpdated"));

        // the server is back: the next refresh succeeds, the stale state goes and the pace returns
        interact(() -> console.ctx().session().connect(server.client(), "back", "#0969da"));
        waitUntil("fresh again", () -> text("#lastUpdated").startsWith("Updated ") && !stampLooksStale());
        assertEquals(interval, tracker().delay());
        clickOn("#autoRefresh");
    }

    @Test
    void a401AsksForTheKeyInsteadOfPollingWithTheDeadOne() {
        connectByTyping();
        waitUntil("first refresh", () -> text("#lastUpdated").startsWith("Updated "));
        // the admin key was rotated under the console
        interact(() -> console.ctx().session().connect(new AdminClient(server.url(), "rotated-away"), "", "#0969da"));
        clickOn("#refresh");
        waitUntil("key prompt", () -> lookup("#reauth-form").tryQuery().isPresent());
        assertTrue(tracker().keyRejected(), "polling stops while the key is rejected");
        assertTrue(text("#lastUpdated").startsWith("Stale"), text("#lastUpdated"));
        shotOf("#reauth-form", "73-reauth-dialog");

        // a wrong key again: the prompt says so and stays
        clickOn("#reauth-key").write("still-wrong");
        clickOn("#reauth-form-ok");
        waitUntil("refused", () -> !text("#reauth-form-error").isEmpty());
        assertTrue(lookup("#reauth-form").tryQuery().isPresent());

        type("#reauth-key", TestServer.ADMIN_KEY);
        clickOn("#reauth-form-ok");
        waitUntil("prompt closed", () -> lookup("#reauth-form").tryQuery().isEmpty());
        assertFalse(tracker().keyRejected());
        clickOn("#refresh");
        waitUntil("fresh again", () -> text("#lastUpdated").startsWith("Updated ") && !stampLooksStale());
    }

    /** Closes the console as the app does and opens a new one over the same data folder, in the same window. */
    private void restart(boolean start) {
        interact(() -> {
            console.shutdown();
            console = new dev.cycles.admin.console.Console(dir.resolve("console"));
            stage.setScene(console.scene());
            console.attach(stage);
            if (start) {
                console.start();
            } else {
                console.window().show(dev.cycles.admin.console.shell.Screen.CONNECTION);
            }
        });
        waitForIdle();
    }

    @Test
    void windowPlaceSizeAndDividersAreRememberedAcrossARestart() {
        interact(() -> {
            console.attach(stage);
            stage.setX(60);
            stage.setY(40);
            stage.setWidth(1100);
            stage.setHeight(720);
        });
        connectByTyping();
        clickOn("#navBudgets");
        waitForIdle();
        javafx.scene.control.SplitPane split = lookup("#split").queryAs(javafx.scene.control.SplitPane.class);
        double before = split.getDividerPositions()[0];
        assertTrue(before > 0.35 && before < 0.75, "a sensible default divider: " + before);
        interact(() -> split.setDividerPositions(0.68));
        waitForIdle();
        double moved = split.getDividerPositions()[0];
        assertTrue(Math.abs(moved - before) > 0.05, "moved from " + before + " to " + moved);

        restart(false);
        assertEquals(60, stage.getX(), 0.5);
        assertEquals(40, stage.getY(), 0.5);
        assertEquals(1100, stage.getWidth(), 0.5);
        assertEquals(720, stage.getHeight(), 0.5);
        clickOn("#navBudgets");
        waitForIdle();
        javafx.scene.control.SplitPane again = lookup("#split").queryAs(javafx.scene.control.SplitPane.class);
        assertEquals(moved, again.getDividerPositions()[0], 0.02, "the divider where the operator left it");

        // a place on a monitor that is gone: the window opens centered instead of out of sight
        interact(() -> stage.setX(9000));
        restart(false);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertTrue(stage.getX() >= screen.getMinX() && stage.getX() < screen.getMaxX() - 80, "x " + stage.getX());
        assertEquals(1100, stage.getWidth(), 0.5, "the size is still remembered");
        assertTrue(java.nio.file.Files.exists(dir.resolve("console").resolve("console-settings.properties")));
    }

    @Test
    void theLastProfileIsReconnectedOnStartWhenItsKeyWasSaved() {
        type("#name", "Staging");
        type("#url", server.url());
        clickOn("#key").write(TestServer.ADMIN_KEY);
        clickOn("#saveKey");
        clickOn("#save");
        clickOn("#connect");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
        waitForIdle();

        restart(true);
        waitUntil("reconnected on start", () -> console.ctx().session().clientProperty().get() != null);
        assertTrue(text("#connectionLabel").startsWith("Staging"), text("#connectionLabel"));
        waitForIdle();
        assertEquals(dev.cycles.admin.console.shell.Screen.TENANTS, console.window().current());
        assertTrue(lookup("#reauth-form").tryQuery().isEmpty(), "no prompt: the key was saved");
    }

    @Test
    void withoutASavedKeyTheStartPrefillsTheProfileAndAsksOnlyForTheKey() throws Exception {
        type("#name", "Production");
        type("#url", server.url());
        clickOn("#key").write(TestServer.ADMIN_KEY);
        clickOn("#save");
        clickOn("#connect");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
        waitForIdle();
        assertFalse(java.nio.file.Files.readString(dir.resolve("console").resolve("console-settings.properties")).contains(TestServer.ADMIN_KEY));

        restart(true);
        waitUntil("key prompt", () -> lookup("#reauth-form").tryQuery().isPresent());
        assertEquals(server.url(), text("#url"), "the profile is prefilled");
        assertEquals("Production", text("#name"));
        assertEquals(null, console.ctx().session().clientProperty().get());
        shotOf("#reauth-form", "95-reconnect-on-start");
        clickOn("#reauth-key").write(TestServer.ADMIN_KEY);
        clickOn("#reauth-form-ok");
        waitUntil("connected", () -> console.ctx().session().clientProperty().get() != null);
        waitUntil("prompt closed", () -> lookup("#reauth-form").tryQuery().isEmpty());
        assertTrue(text("#connectionLabel").startsWith("Production"), text("#connectionLabel"));
    }

    @Test
    void theHelpListsEveryNewShortcut() {
        push(javafx.scene.input.KeyCode.F1);
        waitUntil("help", () -> lookup("#help-dialog").tryQuery().isPresent());
        java.util.List<String> keys = lookup("#help-dialog .kbd").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        for (String k : new String[] {"Ctrl+K", "Ctrl+0", "Ctrl+1 … Ctrl+9", "Alt+Left  or  mouse Back", "Alt+Right  or  mouse Forward", "Menu key  or  Shift+F10"}) {
            assertTrue(keys.contains(k), k + " in " + keys);
        }
        interact(() -> { stage.setWidth(1024); stage.setHeight(700); });
        shotOf("#help-dialog", "96-shortcuts-help-1024");
        interact(() -> { stage.setWidth(1920); stage.setHeight(1080); });
        shotOf("#help-dialog", "96-shortcuts-help-1920");
        push(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil("closed", () -> lookup("#help-dialog").tryQuery().isEmpty());
    }

    @Test
    void comfortThemeShortcutsQuickJumpAutoRefreshAndAccessibleNames() {
        Seeds.acmeAndGlobex(server, api);
        connectByTyping();
        // theme remembered
        assertFalse(console.isDark());
        clickOn("#theme");
        assertTrue(console.isDark());
        assertTrue(new Settings(dir.resolve("console")).darkTheme(), "the choice is stored for the next start");
        assertEquals("Switch to the light theme", lookup("#theme").query().getAccessibleText());
        save(stage.getScene(), "60-tenants-dark-theme-toggled");
        clickOn("#theme");
        assertFalse(new Settings(dir.resolve("console")).darkTheme());

        // help panel lists the shortcuts; Esc closes it
        push(KeyCode.F1);
        waitUntil("help", () -> lookup("#help-dialog").tryQuery().isPresent());
        assertTrue(lookup("#help-dialog .kbd").queryAll().size() >= 6);
        shotOf("#help-dialog", "61-shortcuts-help");
        push(KeyCode.ESCAPE);
        waitUntil("help closed", () -> lookup("#help-dialog").tryQuery().isEmpty());

        // Ctrl+N opens the new-tenant form on the tenants screen, Esc closes it
        press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        waitUntil("form", () -> lookup("#tenant-form").tryQuery().isPresent());
        push(KeyCode.ESCAPE);
        waitUntil("form closed", () -> lookup("#tenant-form").tryQuery().isEmpty());
        // Ctrl+F focuses the search field
        press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        waitUntil("search focused", () -> lookup("#search").query().isFocused());

        // quick jump by name
        clickOn("#navBudgets");
        waitForIdle();
        clickOn("#jump-editor").write("Globex");
        push(KeyCode.ENTER);
        waitForIdle();
        assertEquals(Screen.TENANTS, console.window().current());
        waitUntil("globex selected", () -> console.tenants().selectedProperty().get() != null
                && "globex".equals(console.tenants().selectedProperty().get().tenantId()));
        waitUntil("detail", () -> text("#detailTitle").contains("globex"));

        // auto-refresh picks up a tenant created elsewhere, and says when it last updated
        interact(() -> console.window().setAutoRefreshInterval(java.time.Duration.ofMillis(500)));
        clickOn("#autoRefresh");
        assertTrue(new Settings(dir.resolve("console")).autoRefresh());
        api.createTenant(new TenantCreateRequest("initech", "Initech", null, null, null, null, null, null, null, null));
        TableView<?> tenants = lookup("#table").queryAs(TableView.class);
        waitUntil("new tenant appears", () -> tenants.getItems().stream().anyMatch(t -> ((Tenant) t).tenantId().equals("initech")));
        assertTrue(text("#lastUpdated").startsWith("Updated "), text("#lastUpdated"));
        clickOn("#autoRefresh");

        // icon-only buttons carry accessible names
        List<Node> iconOnly = lookup(".button").queryAll().stream()
                .filter(n -> n instanceof Button b && (b.getText() == null || b.getText().strip().length() <= 1)).toList();
        assertTrue(iconOnly.size() >= 2, "theme and help buttons are icon-only");
        for (Node n : iconOnly) {
            assertTrue(n.getAccessibleText() != null && !n.getAccessibleText().isBlank(), "accessible name on " + n);
        }
        assertEquals("Keyboard shortcuts", lookup("#help").query().getAccessibleText());
    }

    @Test
    void theWindowKeepsWorkingWhileASlowCallRuns() throws Exception {
        Seeds.acmeWithTwoBudgets(api);
        connectByTyping();
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket slow = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answerSlowly(slow, received, release), "slow-server");
            t.setDaemon(true);
            t.start();
            interact(() -> console.ctx().session().connect(
                    new AdminClient("http://127.0.0.1:" + slow.getLocalPort(), "k"), "slow", "#888888"));
            clickOn("#refresh");
            assertTrue(received.await(10, TimeUnit.SECONDS), "the slow server got the request");
            // while the call hangs: the FX thread runs a probe, the busy indicator shows, typing works
            CountDownLatch probe = new CountDownLatch(1);
            Platform.runLater(probe::countDown);
            assertTrue(probe.await(10, TimeUnit.SECONDS), "the FX thread processed an event while the call was in flight");
            assertTrue(lookup("#busy").query().isVisible(), "busy indicator visible");
            assertTrue(text("#busyText").startsWith("Working"), text("#busyText"));
            clickOn("#search").write("zzz");
            assertEquals("zzz", text("#search"), "typing is handled while the call runs");
            assertEquals(1, release.getCount(), "and the call is still outstanding");
            save(stage.getScene(), "42-busy-while-slow-call");
            release.countDown();
            waitUntil("answer applied", () -> !lookup("#busy").query().isVisible());
            t.join(10_000);
        }
    }

    /** Accepts one connection, reads the request head, and answers an empty tenant page once released. */
    private static void answerSlowly(ServerSocket server, CountDownLatch received, CountDownLatch release) {
        try (Socket s = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // request head
            }
            received.countDown();
            release.await(30, TimeUnit.SECONDS);
            byte[] body = "{\"tenants\":[],\"has_more\":false}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (Exception ignored) {
            // the test fails on its own assertions
        }
    }
}
