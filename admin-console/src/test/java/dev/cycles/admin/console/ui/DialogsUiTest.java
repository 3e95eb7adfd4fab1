package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.domain.PolicyRow;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.WebhookCreateRequest;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every dialog of the console, opened from its screen with the realistic {@link Fleet}, checked
 * and shot over the main window at 1024x700 and 1920x1080, light and dark
 * (dialog-NAME-WxH[-dark].png). A dialog fits when every button is as wide as its text needs, no
 * one-line label is cut, nothing scrolls sideways, and it is no taller (or wider) than the window.
 */
class DialogsUiTest extends ConsoleUiTest {
    private static final int[][] SIZES = {{1024, 700}, {1920, 1080}};
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void fleet() {
        Fleet.seed(server, api);
        connectWithRuntime();
    }

    /** Each test gathers what does not fit in every dialog it opened and fails once, listing all of it. */
    @AfterEach
    void allFit() {
        assertEquals(List.of(), problems, "every dialog fits");
    }

    @Test
    void tenantDialogs() {
        screen(Screen.TENANTS);
        select((Tenant t) -> t.tenantId().equals("acme"));
        fire("#create");
        opened("#tenant-form");
        type("#tenant-id", "northwind");
        type("#tenant-name", "Northwind Traders");
        check("#tenant-form", "tenant-create");
        fire("#tenant-form-cancel");
        fire("#edit");
        check("#tenant-form", "tenant-edit");
        fire("#tenant-form-cancel");
        fire("#suspend");
        check("#confirm-suspend", "tenant-suspend");
        fire("#confirm-suspend-cancel");
        fire("#close");
        opened("#confirm-close");
        type("#confirm-close-typed", "acm");
        check("#confirm-close", "tenant-close");
        fire("#confirm-close-cancel");
        select((Tenant t) -> t.tenantId().equals("initech"));
        fire("#reactivate");
        check("#confirm-reactivate", "tenant-reactivate");
        fire("#confirm-reactivate-cancel");
        fire("#export");
        check("#export-dialog", "export-tenants");
        fire("#export-cancel");

        // bulk suspend of three, one of them already suspended (a skipped row in the result)
        interact(() -> table().getSelectionModel().clearSelection());
        for (String id : List.of("initech", "hooli", "umbrella")) {
            interact(() -> selectAlso((Tenant t) -> t.tenantId().equals(id)));
        }
        menu("#bulk", "bulk-selected-suspend");
        preview();
        type("#bulk-typed", "3");
        check("#bulk-form", "bulk-tenants");
        fire("#bulk-form-ok");
        check("#bulk-result", "bulk-result");
        fire("#bulk-result-close");

        // filter-wide reactivate of the suspended tenants, where the set changes between preview and Apply
        choose("#status", "SUSPENDED");
        waitForIdle();
        menu("#bulk", "bulk-matching-reactivate");
        preview();
        type("#bulk-typed", text("#bulk-count").replaceAll("\\D", ""));
        api.updateTenant("acme", new TenantUpdateRequest(null, TenantStatus.SUSPENDED, null, null, null, null, null)); // another operator
        fire("#bulk-form-ok");
        waitUntil("mismatch", () -> !text("#bulk-mismatch").isEmpty());
        check("#bulk-form", "bulk-mismatch");
        fire("#bulk-form-cancel");

        // emergency freeze of a tenant and its result
        choose("#status", "Any status");
        waitForIdle();
        select((Tenant t) -> t.tenantId().equals("globex"));
        fire("#freezeAll");
        opened("#freeze-all");
        waitUntil("active budgets read", () -> !text("#freeze-all-count").startsWith("Reading"));
        type("#freeze-all-reason", "runaway planner agent");
        type("#freeze-all-typed", "globex");
        check("#freeze-all", "emergency-freeze");
        fire("#freeze-all-ok");
        check("#bulk-result", "emergency-freeze-result");
        fire("#bulk-result-close");
    }

    @Test
    void budgetDialogs() {
        screen(Screen.BUDGETS);
        fire("#create");
        opened("#budget-form");
        type("#budget-tenant", "acme");
        type("#budget-workspace", "staging");
        type("#budget-allocated", "2,500.00");
        check("#budget-form", "budget-create");
        fire("#budget-form-cancel");

        // the fund dialog with each operation, on the over-limit budget with debt
        select((BudgetLedger b) -> b.scope().equals("tenant:acme/workspace:prod/agent:billing"));
        fire("#fund");
        opened("#fund-form");
        Map<String, String> amounts = Map.of("CREDIT", "50.00", "DEBIT", "10.00", "RESET", "300.00", "REPAY_DEBT", "2.50");
        for (String op : List.of("CREDIT", "DEBIT", "RESET", "RESET_SPENT", "REPAY_DEBT")) {
            choose("#fund-operation", op);
            if (op.equals("RESET_SPENT")) {
                type("#fund-spent", "150.00");
            } else {
                type("#fund-amount", amounts.get(op));
            }
            type("#fund-reason", "month-end adjustment");
            check("#fund-form", "fund-" + op.toLowerCase().replace('_', '-'));
        }
        fire("#fund-form-cancel");
        fire("#edit");
        check("#budget-edit", "budget-edit");
        fire("#budget-edit-cancel");
        fire("#freeze");
        opened("#confirm-freeze");
        type("#confirm-freeze-reason", "incident 43: runaway retries");
        check("#confirm-freeze", "budget-freeze");
        fire("#confirm-freeze-cancel");
        select((BudgetLedger b) -> b.scope().equals("tenant:hooli/workspace:search"));
        fire("#unfreeze");
        check("#confirm-unfreeze", "budget-unfreeze");
        fire("#confirm-unfreeze-cancel");
        fire("#export");
        check("#export-dialog", "export-budgets");
        fire("#export-cancel");

        interact(() -> table().getSelectionModel().clearSelection());
        for (String scope : List.of(Fleet.LONG_SCOPE, Fleet.SUPPORT)) {
            interact(() -> selectAlso((BudgetLedger b) -> b.scope().equals(scope)));
        }
        menu("#bulk", "bulk-selected-credit");
        preview();
        type("#bulk-amount", "25.50");
        type("#bulk-reason", "quarterly top-up");
        type("#bulk-typed", "2");
        check("#bulk-form", "bulk-budgets");
        fire("#bulk-form-cancel");
    }

    @Test
    void keyPolicyReservationAuditAndEventDialogs() {
        screen(Screen.KEYS);
        fire("#create");
        opened("#key-form");
        type("#key-tenant", "acme");
        type("#key-name", "support-ingest");
        check("#key-form", "key-create");
        fire("#key-form-ok");
        check("#secret-dialog", "key-secret");
        clickOn("#secret-stored");
        fire("#secret-close");
        select((ApiKey k) -> k.name().equals("nightly-batch"));
        fire("#edit");
        check("#key-form", "key-edit");
        fire("#key-form-cancel");
        fire("#revoke");
        opened("#confirm-revoke");
        type("#confirm-revoke-reason", "rotated after the March audit");
        check("#confirm-revoke", "key-revoke");
        fire("#confirm-revoke-cancel");

        screen(Screen.POLICIES);
        fire("#create");
        opened("#policy-form");
        type("#policy-tenant-editor", "acme");
        type("#policy-name", "prod-agents");
        type("#policy-workspace", "prod");
        type("#policy-agent", "*");
        type("#policy-max-tokens", "5,000");
        check("#policy-form", "policy-create");
        fire("#policy-form-cancel");
        select((PolicyRow p) -> p.policy().name().equals("support-caps"));
        fire("#edit");
        check("#policy-form", "policy-edit");
        fire("#policy-form-cancel");

        interact(() -> console.ctx().nav().list(Nav.Target.RESERVATIONS, Map.of("tenant", "acme")));
        waitForIdle();
        waitUntil("reservations", () -> !table().getItems().isEmpty());
        interact(() -> table().getSelectionModel().select(0));
        fire("#release");
        opened("#release-form");
        type("#release-reason", "agent crashed; hold stuck since the 09:00 deploy");
        check("#release-form", "release");
        fire("#release-form-ok");
        check("#release-result", "release-result");
        fire("#release-result-close");

        screen(Screen.AUDIT);
        fire("#export");
        check("#export-dialog", "export-audit");
        fire("#export-cancel");
        screen(Screen.EVENTS);
        fire("#export");
        check("#export-dialog", "export-events");
        fire("#export-cancel");
    }

    @Test
    void webhookDialogs() {
        api.createWebhook("acme", new WebhookCreateRequest("Ops bridge", "Pages the on-call engineer", "https://203.0.113.10/hooks/cycles",
                List.of("budget.exhausted", "budget.funded", "reservation.denied"), null, null, null, null, null, null, null, null));
        screen(Screen.WEBHOOKS);
        waitUntil("webhook listed", () -> !table().getItems().isEmpty());
        fire("#create");
        opened("#webhook-form");
        type("#webhook-url", "https://203.0.113.10/hooks/cycles");
        waitUntil("URL guard", () -> text("#webhook-url-verdict").contains("Accepted"));
        type("#webhook-name", "Finance alerts");
        type("#webhook-tenant", "acme");
        check("#webhook-form", "webhook-create");
        fire("#webhook-form-cancel");
        interact(() -> table().getSelectionModel().select(0));
        waitForIdle();
        fire("#edit");
        check("#webhook-form", "webhook-edit");
        fire("#webhook-form-cancel");
        fire("#replay");
        check("#replay-form", "webhook-replay");
        fire("#replay-form-cancel");
        fire("#security");
        opened("#security-form");
        waitUntil("the current config", () -> text("#security-blocked").contains("127.0.0.0/8"));
        check("#security-form", "webhook-security");
        fire("#security-form-cancel");
        fire("#pause");
        check("#confirm-status", "webhook-pause");
        fire("#confirm-status-cancel");
        fire("#delete");
        check("#confirm-delete", "webhook-delete");
        fire("#confirm-delete-cancel");
        fire("#rotate");
        check("#confirm-rotate", "webhook-rotate");
        fire("#confirm-rotate-confirm");
        check("#secret-dialog", "webhook-secret");
        clickOn("#secret-stored");
        fire("#secret-close");
    }

    @Test
    void shellDialogs() {
        screen(Screen.OVERVIEW);
        push(KeyCode.F1);
        check("#help-dialog", "shortcuts-help");
        fire("#help-close");
        // the server answers 401: the key prompt
        interact(() -> console.ctx().session().connect(new AdminClient(server.url(), "rotated-away"), "", "#0969da"));
        fire("#refresh");
        check("#reauth-form", "key-prompt");
        fire("#reauth-form-cancel");
    }

    // ---- opening

    private void screen(Screen s) {
        interact(() -> console.window().show(s));
        waitForIdle();
    }

    private void fire(String id) {
        waitUntil(id + " enabled", () -> lookup(id).tryQuery().isPresent() && !lookup(id).query().isDisabled());
        interact(() -> ((ButtonBase) lookup(id).query()).fire());
        waitForIdle();
    }

    private void menu(String menuId, String itemId) {
        interact(() -> ((MenuButton) lookup(menuId).query()).getItems().stream()
                .filter(i -> itemId.equals(i.getId())).findFirst().orElseThrow().fire());
        waitForIdle();
    }

    private void preview() {
        waitUntil("bulk preview", () -> lookup("#bulk-count").tryQuery().isPresent() && text("#bulk-count").startsWith("This will touch"));
    }

    private void opened(String id) {
        waitUntil(id + " open", () -> lookup(id).tryQuery().isPresent());
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table() {
        return lookup("#table").queryAs(TableView.class);
    }

    /** Selects the first row of the screen's table that matches. */
    private <T> void select(Predicate<T> which) {
        TableView<T> t = table();
        waitUntil("a matching row", () -> t.getItems().stream().anyMatch(which));
        interact(() -> {
            t.getSelectionModel().clearSelection();
            selectAlso(which);
        });
        waitForIdle();
    }

    private <T> void selectAlso(Predicate<T> which) {
        TableView<T> t = table();
        t.getItems().stream().filter(which).findFirst().ifPresent(item -> t.getSelectionModel().select(item));
    }

    // ---- checking and shooting

    /** The dialog holding {@code id}: its fit checked and shot over the main window at each size. */
    private void check(String id, String name) {
        opened(id);
        waitForIdle();
        Scene dialog = lookup(id).query().getScene();
        for (int[] s : SIZES) {
            interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(s[0]);
                stage.setHeight(s[1]);
            });
            waitForIdle();
            String shot = "dialog-" + name + "-" + s[0] + "x" + s[1];
            problems.addAll(fit(dialog, shot, s[0], s[1]));
            over(dialog, shot);
        }
    }

    private List<String> fit(Scene dialog, String where, double width, double height) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                Parent root = dialog.getRoot();
                root.applyCss();
                root.layout();
                List<String> out = new ArrayList<>(Fit.problemsWithLabels(root, where, dialog.getWidth(), dialog.getHeight()));
                // the window as shown: a long form may be shorter than it would like, scrolling inside
                double h = dialog.getWindow().getHeight();
                double w = Math.max(dialog.getWindow().getWidth(), root.minWidth(-1));
                if (h > height) {
                    out.add(where + ": the dialog is " + Math.round(h) + " px tall in a " + Math.round(height) + " px window");
                }
                if (w > width) {
                    out.add(where + ": the dialog is " + Math.round(w) + " px wide in a " + Math.round(width) + " px window");
                }
                return out;
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The main window dimmed, the dialog centred over it as the window manager places it; light and dark. */
    private void over(Scene dialog, String name) {
        boolean wasDark = console.isDark();
        for (boolean dark : new boolean[] {false, true}) {
            interact(() -> console.setDark(dark, false));
            BufferedImage back = image(stage.getScene());
            BufferedImage front = image(dialog);
            BufferedImage out = new BufferedImage(back.getWidth(), back.getHeight(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = out.createGraphics();
            g.drawImage(back, 0, 0, null);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, back.getWidth(), back.getHeight());
            g.setComposite(AlphaComposite.SrcOver);
            int x = Math.max(0, (back.getWidth() - front.getWidth()) / 2);
            int y = Math.max(0, (back.getHeight() - front.getHeight()) / 2);
            g.drawImage(front, x, y, null);
            g.setColor(Color.GRAY);
            g.drawRect(x - 1, y - 1, front.getWidth() + 1, front.getHeight() + 1);
            g.dispose();
            write(out, name + (dark ? "-dark" : ""));
        }
        interact(() -> console.setDark(wasDark, false));
    }
}
