package dev.cycles.admin.console.shell;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Back / Forward across drill-downs, without a window or a server. */
class NavHistoryTest {

    @Test
    void backReturnsToThePreviousScreenAndForwardRestoresTheDrillDownFilter() {
        NavHistory h = new NavHistory();
        h.visit(Screen.TENANTS, Map.of());
        h.visit(Screen.BUDGETS, Map.of("tenant", "acme"));
        assertTrue(h.canBackProperty().get());
        assertFalse(h.canForwardProperty().get());

        assertEquals(new NavHistory.Entry(Screen.TENANTS, Map.of()), h.back().orElseThrow());
        assertFalse(h.canBackProperty().get());
        assertTrue(h.canForwardProperty().get());
        assertTrue(h.back().isEmpty(), "nothing before the first visit");

        NavHistory.Entry fwd = h.forward().orElseThrow();
        assertEquals(Screen.BUDGETS, fwd.screen());
        assertEquals(Map.of("tenant", "acme"), fwd.filter());
        assertTrue(h.forward().isEmpty());
    }

    @Test
    void aNewVisitAfterGoingBackDropsTheForwardEntries() {
        NavHistory h = new NavHistory();
        h.visit(Screen.TENANTS, Map.of());
        h.visit(Screen.BUDGETS, Map.of("tenant", "acme"));
        h.visit(Screen.KEYS, Map.of("tenant", "acme"));
        h.back();
        h.visit(Screen.AUDIT, Map.of("tenant_id", "acme"));
        assertFalse(h.canForwardProperty().get());
        assertEquals(3, h.entries().size());
        assertEquals(Screen.BUDGETS, h.back().orElseThrow().screen());
    }

    @Test
    void clickingTheScreenYouAreOnAddsNoStepAndKeepsItsFilter() {
        NavHistory h = new NavHistory();
        h.visit(Screen.TENANTS, Map.of());
        h.visit(Screen.BUDGETS, Map.of("tenant", "acme"));
        h.visit(Screen.BUDGETS, Map.of());
        h.visit(Screen.BUDGETS, Map.of("tenant", "acme"));
        assertEquals(2, h.entries().size());
        assertEquals(Map.of("tenant", "acme"), h.current().orElseThrow().filter());
        // a different filter on the same screen is a step of its own
        h.visit(Screen.BUDGETS, Map.of("tenant", "globex"));
        assertEquals(3, h.entries().size());
    }

    @Test
    void theHistoryIsBounded() {
        NavHistory h = new NavHistory();
        for (int i = 0; i < NavHistory.MAX + 20; i++) {
            h.visit(i % 2 == 0 ? Screen.TENANTS : Screen.BUDGETS, Map.of("n", "" + i));
        }
        assertEquals(NavHistory.MAX, h.entries().size());
        assertEquals(Map.of("n", "" + (NavHistory.MAX + 19)), h.current().orElseThrow().filter());
    }

    @Test
    void ctrlDigitsFollowTheNavigationOrderAfterConnection() {
        assertEquals(Screen.OVERVIEW, MainWindow.navOrder().get(0));
        assertEquals(Screen.BUDGETS, MainWindow.navOrder().get(2));
        assertEquals("Ctrl+3", MainWindow.shortcutOf(Screen.BUDGETS));
        assertEquals("Ctrl+0", MainWindow.shortcutOf(Screen.CONNECTION));
    }

    @Test
    void quickJumpKeepsEntriesHoldingEveryTypedWord() {
        var m = QuickJump.matcher("ac co");
        assertTrue(m.test(new QuickJump.Entry("acme — Acme Corp", () -> { })));
        assertFalse(m.test(new QuickJump.Entry("globex — Globex", () -> { })));
        assertTrue(QuickJump.matcher("").test(new QuickJump.Entry("Screen: Budgets", () -> { })));
        assertTrue(QuickJump.matcher("BUDG").test(new QuickJump.Entry("Screen: Budgets  (Ctrl+3)", () -> { })));
    }

    @Test
    void aRememberedPlaceOffEveryScreenDoesNotCount() {
        var screens = java.util.List.of(new javafx.geometry.Rectangle2D(0, 0, 1920, 1080));
        assertTrue(WindowMemory.visibleOn(new double[] {100, 100, 1024, 700}, screens));
        assertTrue(WindowMemory.visibleOn(new double[] {-900, 10, 1024, 700}, screens), "mostly left of the screen, title bar still reachable");
        assertFalse(WindowMemory.visibleOn(new double[] {2500, 100, 1024, 700}, screens), "a monitor that is gone");
        assertFalse(WindowMemory.visibleOn(new double[] {100, -900, 1024, 700}, screens), "title bar above the screen");
    }
}
