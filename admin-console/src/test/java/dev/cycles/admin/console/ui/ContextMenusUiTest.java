package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.common.RowMenu;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Right-click menus on every list against a real server: each has Copy ID (the clipboard gets the
 * id), Copy row as JSON, Activity (the audit log filtered to the row), Events where the entity has
 * events, and the screen's row actions with the buttons' enabling; one action per screen is run
 * from the menu and checked on the server.
 */
class ContextMenusUiTest extends ConsoleUiTest {

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(String id) {
        return lookup(id).queryAs(TableView.class);
    }

    /** Right-clicks the (visible) row of {@code tableId} whose item matches, and waits for the menu. */
    private <T> ContextMenu rightClick(String tableId, Predicate<T> which) {
        TableView<T> t = table(tableId);
        waitUntil("a matching row in " + tableId, () -> t.getItems().stream().anyMatch(which));
        interact(() -> t.scrollTo(t.getItems().stream().filter(which).findFirst().orElseThrow()));
        waitForIdle();
        @SuppressWarnings("unchecked")
        Node row = lookup(tableId + " .table-row-cell").match((TableRow<T> r) -> !r.isEmpty() && r.getItem() != null && which.test(r.getItem())).query();
        clickOn(row, MouseButton.SECONDARY);
        ContextMenu m = RowMenu.of(t);
        waitUntil("the row menu", m::isShowing);
        return m;
    }

    private static List<String> labels(ContextMenu m) {
        return m.getItems().stream().filter(i -> !(i instanceof SeparatorMenuItem)).map(MenuItem::getText).toList();
    }

    private static MenuItem item(ContextMenu m, String id) {
        return m.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow(() -> new AssertionError("no " + id + " in " + labels(m)));
    }

    /** Clicks a menu entry as the operator does (on its label in the popup). */
    private void choose(ContextMenu m, String id) {
        String text = item(m, id).getText();
        assertFalse(item(m, id).isDisable(), text + " is enabled");
        clickOn(lookup(".context-menu .menu-item .label").match((Labeled l) -> text.equals(l.getText()) && l.isVisible()).queryLabeled());
        waitForIdle();
    }

    private String clipboard() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
    }

    private void confirm(String dialogId, String reason) {
        waitUntil(dialogId, () -> lookup("#" + dialogId).tryQuery().isPresent());
        if (reason != null) {
            clickOn("#" + dialogId + "-reason").write(reason);
        }
        clickOn("#" + dialogId + "-confirm");
        waitUntil(dialogId + " closed", () -> lookup("#" + dialogId).tryQuery().isEmpty());
        waitForIdle();
    }

    @Test
    void tenantsAndBudgetsRowsHaveTheSharedMenu() throws Exception {
        Fleet.seed(server, api);
        connectByTyping();

        // budgets: the menu, Copy ID, Freeze from the menu, Activity
        clickOn("#navBudgets");
        waitForIdle();
        ContextMenu m = rightClick("#table", (BudgetLedger b) -> b.scope().equals(Fleet.SUPPORT));
        assertEquals(List.of("Copy ID", "Copy row as JSON", "Activity", "Events", "Copy scope", "Fund…", "Edit…", "Freeze…", "Unfreeze…"), labels(m));
        assertTrue(item(m, "menu-unfreeze").isDisable(), "an active budget cannot be unfrozen, as the Unfreeze button says");
        assertFalse(item(m, "menu-freeze").isDisable());
        BudgetLedger support = console.budgets().selectedProperty().get();
        assertEquals(Fleet.SUPPORT, support.scope(), "the right-clicked row is the selected one");
        menuShots(m, "98-context-menu-budgets");
        choose(m, "menu-copy-id");
        assertEquals(support.ledgerId(), clipboard());

        m = rightClick("#table", (BudgetLedger b) -> b.scope().equals(Fleet.SUPPORT));
        choose(m, "menu-freeze");
        confirm("confirm-freeze", "menu freeze");
        BudgetLedger onServer = api.listBudgets(Map.of("tenant_id", "acme", "scope_prefix", Fleet.SUPPORT)).ledgers().stream()
                .filter(b -> b.scope().equals(Fleet.SUPPORT) && b.unit() == UnitEnum.USD_MICROCENTS).findFirst().orElseThrow();
        assertEquals(BudgetStatus.FROZEN, onServer.status());
        m = rightClick("#table", (BudgetLedger b) -> b.scope().equals(Fleet.SUPPORT) && b.status() == BudgetStatus.FROZEN);
        assertTrue(item(m, "menu-freeze").isDisable(), "a frozen budget: Freeze greyed, as its button");
        assertFalse(item(m, "menu-unfreeze").isDisable());
        choose(m, "menu-activity");
        waitUntil("audit screen", () -> lookup("#statusMin").tryQuery().isPresent());
        assertEquals(Fleet.SUPPORT, console.audit().resourceIdProperty().get());
        waitUntil("the freeze in the activity", () -> table("#table").getItems().stream()
                .anyMatch(e -> e instanceof AuditLogEntry a && Fleet.SUPPORT.equals(a.resourceId()) && a.operation().contains("freeze")));

        // tenants: Copy ID, the keyboard, Suspend from the menu, Activity
        clickOn("#navTenants");
        waitForIdle();
        m = rightClick("#table", (dev.cycles.admin.model.Tenant t) -> t.tenantId().equals("hooli"));
        assertTrue(labels(m).containsAll(List.of("Copy ID", "Copy row as JSON", "Activity", "Events", "Budgets ›", "Edit…",
                "Suspend…", "Reactivate…", "Close tenant…", "Emergency freeze…")), labels(m).toString());
        assertTrue(item(m, "menu-reactivate").isDisable(), "an active tenant cannot be reactivated");
        choose(m, "menu-copy-id");
        assertEquals("hooli", clipboard());
        press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        ContextMenu keyboard = m;
        waitUntil("Shift+F10 opens the menu of the selected row", keyboard::isShowing);
        push(KeyCode.ESCAPE);
        waitUntil("menu closed", () -> !keyboard.isShowing());
        ContextMenu tm = rightClick("#table", (dev.cycles.admin.model.Tenant t) -> t.tenantId().equals("hooli"));
        choose(tm, "menu-suspend");
        confirm("confirm-suspend", null);
        assertEquals(TenantStatus.SUSPENDED, api.getTenant("hooli").status());

        // the tenant detail's tabs have the menu too: a budget row opens the budgets of the tenant
        ContextMenu bm = rightClick("#budgetTable", (BudgetLedger b) -> b.scope().equals("tenant:hooli/workspace:search"));
        assertEquals(List.of("Copy ID", "Copy row as JSON", "Activity", "Events", "Show in Budgets ›"), labels(bm));
        choose(bm, "menu-open-budgets");
        waitUntil("budgets of hooli", () -> "hooli".equals(console.budgets().tenantFilterProperty().get()));

        clickOn("#navTenants");
        waitForIdle();
        tm = rightClick("#table", (dev.cycles.admin.model.Tenant t) -> t.tenantId().equals("hooli"));
        choose(tm, "menu-activity");
        waitUntil("tenant activity", () -> "hooli".equals(console.audit().tenantProperty().get()));
    }

    @Test
    void keysPoliciesReservationsAuditAndEventsRowsHaveTheSharedMenu() throws Exception {
        Fleet.seed(server, api);
        connectWithRuntime();

        // keys: Copy ID and Revoke from the menu
        clickOn("#navKeys");
        waitForIdle();
        ContextMenu m = rightClick("#table", (ApiKey k) -> "nightly-batch".equals(k.name()));
        assertEquals(List.of("Copy ID", "Copy row as JSON", "Activity", "Edit…", "Revoke…"), labels(m));
        String keyId = console.keys().selectedProperty().get().keyId();
        choose(m, "menu-copy-id");
        assertEquals(keyId, clipboard());
        m = rightClick("#table", (ApiKey k) -> "nightly-batch".equals(k.name()));
        choose(m, "menu-revoke");
        confirm("confirm-revoke", "rotated");
        assertEquals(ApiKeyStatus.REVOKED, api.listApiKeys(Map.of("tenant_id", "acme")).keys().stream()
                .filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow().status());
        m = rightClick("#table", (ApiKey k) -> "reporting".equals(k.name()));
        choose(m, "menu-activity");
        waitUntil("key activity", () -> console.audit().resourceIdProperty().get().startsWith(console.keys().selectedProperty().get().keyId()));

        // policies: Edit from the menu opens the policy's form
        clickOn("#navPolicies");
        waitForIdle();
        m = rightClick("#table", (dev.cycles.admin.console.common.domain.PolicyRow r) -> r.policy().name().equals("support-caps"));
        assertEquals(List.of("Copy ID", "Copy row as JSON", "Activity", "Edit…"), labels(m));
        String policyId = console.policies().selectedProperty().get().policy().policyId();
        choose(m, "menu-copy-id");
        assertEquals(policyId, clipboard());
        m = rightClick("#table", (dev.cycles.admin.console.common.domain.PolicyRow r) -> r.policy().name().equals("support-caps"));
        choose(m, "menu-edit");
        waitUntil("policy form", () -> lookup("#policy-form").tryQuery().isPresent());
        assertEquals("support-caps", text("#policy-name"));
        clickOn("#policy-form-cancel");
        waitForIdle();

        // reservations: Force release from the menu
        interact(() -> console.ctx().nav().list(dev.cycles.admin.console.common.Nav.Target.RESERVATIONS, Map.of("tenant", "acme")));
        waitForIdle();
        m = rightClick("#table", (Reservation r) -> r.status() == ReservationStatus.ACTIVE);
        String resId = console.reservations().selectedProperty().get().reservationId();
        assertEquals(List.of("Copy ID", "Copy row as JSON", "Activity", "Events", "Force release…"), labels(m));
        choose(m, "menu-copy-id");
        assertEquals(resId, clipboard());
        m = rightClick("#table", (Reservation r) -> r.reservationId().equals(resId));
        choose(m, "menu-release");
        waitUntil("release dialog", () -> lookup("#release-form").tryQuery().isPresent());
        clickOn("#release-reason").write("stuck hold");
        clickOn("#release-form-ok");
        waitUntil("released", () -> lookup("#release-result").tryQuery().isPresent());
        clickOn("#release-result-close");
        waitForIdle();
        assertEquals(ReservationStatus.RELEASED, api.runtimeClient(server.runtimeUrl()).getReservation(resId).status());
        m = rightClick("#table", (Reservation r) -> r.reservationId().equals(resId));
        assertTrue(item(m, "menu-release").isDisable(), "a released reservation: Force release greyed");
        choose(m, "menu-activity");
        waitUntil("reservation activity", () -> resId.equals(console.audit().resourceIdProperty().get()));

        // audit: Copy ID, Events of this request
        waitUntil("the release in the audit log", () -> !table("#table").getItems().isEmpty());
        m = rightClick("#table", (AuditLogEntry e) -> resId.equals(e.resourceId()) && e.requestId() != null);
        AuditLogEntry entry = console.audit().selectedProperty().get();
        assertTrue(labels(m).containsAll(List.of("Copy ID", "Copy row as JSON", "Activity", "Events of this request")), labels(m).toString());
        choose(m, "menu-copy-id");
        assertEquals(entry.logId(), clipboard());
        m = rightClick("#table", (AuditLogEntry e) -> e.logId().equals(entry.logId()));
        choose(m, "menu-events");
        waitUntil("events of the request", () -> entry.requestId().equals(console.events().requestIdProperty().get()));

        // events: Copy ID, Activity (the audit of the event's request)
        clickOn("#navEvents");
        interact(() -> console.ctx().nav().list(dev.cycles.admin.console.common.Nav.Target.EVENTS, Map.of()));
        waitForIdle();
        m = rightClick("#table", (dev.cycles.admin.model.Event e) -> e.requestId() != null && !e.requestId().isBlank());
        dev.cycles.admin.model.Event ev = console.events().selectedProperty().get();
        assertEquals(List.of("Copy ID", "Copy row as JSON", "Activity (audit of this request)", "Events"), labels(m));
        choose(m, "menu-copy-id");
        assertEquals(ev.eventId(), clipboard());
        m = rightClick("#table", (dev.cycles.admin.model.Event e) -> e.eventId().equals(ev.eventId()));
        choose(m, "menu-activity");
        waitUntil("audit of the event's request", () -> ev.requestId().equals(console.audit().requestIdProperty().get()));
    }

    /** The window with the open menu drawn where it stands, light and dark, at 1024x700 and 1920x1080. */
    private void menuShots(ContextMenu m, String name) {
        double[][] sizes = {{1024, 700}, {1920, 1080}};
        for (double[] s : sizes) {
            interact(m::hide);
            interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(s[0]);
                stage.setHeight(s[1]);
            });
            waitForIdle();
            ContextMenu shown = rightClick("#table", (BudgetLedger b) -> b.scope().equals(Fleet.SUPPORT));
            boolean wasDark = console.isDark();
            for (boolean dark : new boolean[] {false, true}) {
                interact(() -> console.setDark(dark, false));
                waitForIdle();
                composite(shown, name + "-" + (int) s[0] + "x" + (int) s[1] + (dark ? "-dark" : ""));
            }
            interact(() -> console.setDark(wasDark, false));
        }
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        waitForIdle();
        rightClick("#table", (BudgetLedger b) -> b.scope().equals(Fleet.SUPPORT));
    }

    /** The main window's snapshot with a popup's snapshot (its transparent shadow kept transparent) drawn over it at its place. */
    static void composite(Window popup, String name) {
        try {
            Window owner = ((javafx.stage.PopupWindow) popup).getOwnerWindow();
            Object[] got = WaitForAsyncUtils.asyncFx(() -> {
                javafx.scene.SnapshotParameters clear = new javafx.scene.SnapshotParameters();
                clear.setFill(javafx.scene.paint.Color.TRANSPARENT);
                javafx.scene.Parent root = popup.getScene().getRoot();
                return new Object[] {owner.getScene().snapshot(null), root.snapshot(clear, null), root.getBoundsInParent()};
            }).get(10, TimeUnit.SECONDS);
            javafx.geometry.Bounds b = (javafx.geometry.Bounds) got[2];
            double dx = popup.getX() + popup.getScene().getX() + b.getMinX() - owner.getX() - owner.getScene().getX();
            double dy = popup.getY() + popup.getScene().getY() + b.getMinY() - owner.getY() - owner.getScene().getY();
            BufferedImage out = toAwt((WritableImage) got[0]);
            BufferedImage over = toAwt((WritableImage) got[1]);
            java.awt.Graphics2D g = out.createGraphics();
            g.drawImage(over, (int) Math.round(dx), (int) Math.round(dy), null);
            g.dispose();
            write(out, name);
        } catch (Exception e) {
            throw new AssertionError("screenshot " + name + " failed", e);
        }
    }
}
