package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.shell.RefreshTracker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
}
