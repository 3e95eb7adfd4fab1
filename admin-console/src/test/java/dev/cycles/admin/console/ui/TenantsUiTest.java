package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tenants screen against a real server: create refusals, suspend, reactivate, close with the typed id, the detail pane. */
class TenantsUiTest extends ConsoleUiTest {

    @Test
    void duplicateTenantShowsTheServerMessage() {
        Seeds.acmeWithTokenBot(api);
        connectByTyping();
        clickOn("#create");
        type("#tenant-id", "acme");
        type("#tenant-name", "Someone else");
        clickOn("#tenant-form-ok");
        waitUntil("error shown", () -> text("#tenant-form-error").startsWith("DUPLICATE_RESOURCE"));
        assertTrue(lookup("#tenant-form").tryQuery().isPresent(), "the form stays open next to what the user did");
        String message = text("#tenant-form-error");
        assertTrue(message.length() > "DUPLICATE_RESOURCE: ".length(), message);
        assertEquals("DUPLICATE_RESOURCE", text("#errorCode"));
        assertTrue(text("#errorMessage").startsWith("Create tenant acme failed: "), text("#errorMessage"));
        assertTrue(text("#requestId").startsWith("request_id "), "request id shown for support: " + text("#requestId"));
        assertTrue(message.endsWith(text("#errorMessage").substring("Create tenant acme failed: ".length())),
                "dialog and status line carry the same server message");
        shotOf("#tenant-form", "20-error-duplicate-tenant-dialog");
        clickOn("#tenant-form-cancel");
        shot("21-error-status-line");
        assertEquals("Acme", api.getTenant("acme").name(), "nothing changed on the server");
    }

    @Test
    void aSuccessfulConfirmClosesTheDialog() {
        Seeds.acmeWithTwoBudgets(api);
        connectByTyping();
        clickOn("acme");
        waitForIdle();
        clickOn("#suspend");
        clickOn("#confirm-suspend-confirm");
        waitUntil("dialog closed", () -> lookup("#confirm-suspend").tryQuery().isEmpty());
        assertEquals(dev.cycles.admin.model.TenantStatus.SUSPENDED, api.getTenant("acme").status());
    }

    @Test
    void suspendReactivateAndCloseWhichNeedsTheTypedTenantId() {
        Seeds.acmeWithTokenBot(api);
        connectByTyping();
        clickOn("acme");
        waitUntil("detail loaded", () -> !lookup("#close").queryAs(Button.class).isDisabled());
        waitForIdle();
        clickOn("#suspend");
        shotOf("#confirm-suspend", "30-suspend-dialog");
        clickOn("#confirm-suspend-confirm");
        waitUntil("suspended", () -> api.getTenant("acme").status() == TenantStatus.SUSPENDED);
        waitUntil("reactivate enabled", () -> !lookup("#reactivate").queryAs(Button.class).isDisabled());
        clickOn("#reactivate");
        shotOf("#confirm-reactivate", "30-reactivate-dialog");
        clickOn("#confirm-reactivate-confirm");
        waitUntil("active again", () -> api.getTenant("acme").status() == TenantStatus.ACTIVE);

        // close with the typed tenant id
        clickOn("#navTenants");
        waitForIdle();
        clickOn("acme");
        waitForIdle();
        clickOn("#close");
        Button confirm = lookup("#confirm-close-confirm").queryAs(Button.class);
        assertTrue(confirm.isDisabled());
        assertTrue(text("#confirm-close-message").contains("close 1 open budget ("), text("#confirm-close-message"));
        clickOn("#confirm-close-typed").write("acm");
        assertTrue(confirm.isDisabled(), "a partial id does not unlock");
        write("e");
        assertFalse(confirm.isDisabled());
        shotOf("#confirm-close", "33-close-tenant-dialog");
        clickOn(confirm);
        waitUntil("closed", () -> api.getTenant("acme").status() == TenantStatus.CLOSED);
        assertEquals(BudgetStatus.CLOSED, api.lookupBudget("tenant:acme/agent:bot", UnitEnum.TOKENS).status(), "close cascaded");
        waitUntil("closed tenant hidden", () -> lookup("#table").queryAs(javafx.scene.control.TableView.class).getItems().isEmpty());
    }

    /** The tenant detail lists its budgets and keys and opens the budgets screen filtered to it. */
    @Test
    void tenantDetailListsItsBudgetsAndKeysAndOpensItsBudgets() {
        Seeds.acmeInThreeUnits(api);
        connectByTyping();

        // tenant detail with its budgets and keys, then jump to its budgets
        clickOn("#navTenants");
        waitForIdle();
        clickOn("Acme Corporation");
        waitUntil("detail budgets", () -> lookup("#budgetTable").queryAs(TableView.class).getItems().size() == 3);
        shot("16-tenant-detail-budgets");
        clickOn(lookup(".tab .tab-label").match((javafx.scene.control.Labeled t) -> t.getText().startsWith("API keys")).queryLabeled());
        waitUntil("detail keys", () -> lookup("#keyTable").queryAs(TableView.class).getItems().size() == 1);
        shot("17-tenant-detail-keys");
        clickOn("#showBudgets");
        waitForIdle();
        assertEquals("acme", text("#tenant"));
        assertTrue(stage.getTitle().contains("Budgets"), stage.getTitle());
    }
}
