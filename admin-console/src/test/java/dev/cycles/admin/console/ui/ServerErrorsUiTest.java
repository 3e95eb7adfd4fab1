package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server refusals reach the operator: inline in the dialog and in the status line, with code and request id. */
class ServerErrorsUiTest extends ConsoleUiTest {

    private void seed() {
        api.createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
        api.createBudget(new BudgetCreateRequest("acme", "tenant:acme/agent:bot", UnitEnum.TOKENS, Amount.of(UnitEnum.TOKENS, 1_500_000),
                null, null, null, null, null, null));
    }

    @Test
    void duplicateTenantShowsTheServerMessage() {
        seed();
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
    void debitBelowZeroIsRefusedByThePreviewAndTheServerMessageShowsFormattedAmounts() {
        seed();
        connectByTyping();
        clickOn("#navBudgets");
        waitForIdle();
        clickOn("tenant:acme/agent:bot");
        waitUntil("detail", () -> "1,500,000 tokens".equals(text("#fig-remaining")));
        clickOn("#fund");
        choose("#fund-operation", "DEBIT");
        type("#fund-amount", "2,000,000");
        waitUntil("preview warns", () -> text("#preview-remaining").equals("—"));
        Button apply = lookup("#fund-form-ok").queryAs(Button.class);
        assertTrue(apply.isDisabled(), "a refusal the preview predicts cannot be applied");
        assertEquals("A debit of 2,000,000 tokens exceeds the remaining 1,500,000 tokens; the server would refuse it",
                text("#fund-form-validation"));
        shotOf("#fund-form", "22-fund-debit-refused-by-preview-dialog");

        // the figures change behind the dialog's back: the preview still allows 1,000,000, the server refuses
        api.fundBudget("tenant:acme/agent:bot", UnitEnum.TOKENS, "acme", new dev.cycles.admin.model.BudgetFundingRequest(
                dev.cycles.admin.model.FundingOperation.DEBIT, Amount.of(UnitEnum.TOKENS, 1_000_000), null, "elsewhere", null, null));
        type("#fund-amount", "1,000,000");
        waitUntil("apply enabled", () -> !apply.isDisabled());
        clickOn(apply);
        waitUntil("error shown", () -> text("#fund-form-error").startsWith("BUDGET_EXCEEDED"));
        assertEquals("BUDGET_EXCEEDED: DEBIT of 1,000,000 tokens exceeds remaining 500,000 tokens", text("#fund-form-error"));
        javafx.scene.control.Label error = lookup("#fund-form-error").queryAs(javafx.scene.control.Label.class);
        assertEquals("Server said: DEBIT of 1000000 exceeds remaining 500000", error.getTooltip().getText(), "the raw message stays");
        assertEquals("BUDGET_EXCEEDED", text("#errorCode"));
        assertTrue(text("#errorMessage").endsWith("failed: DEBIT of 1,000,000 tokens exceeds remaining 500,000 tokens"), text("#errorMessage"));
        assertTrue(console.ctx().status().errorText().contains("[server: DEBIT of 1000000 exceeds remaining 500000]"),
                "Copy carries the raw message: " + console.ctx().status().errorText());
        shotOf("#fund-form", "22-error-debit-below-zero-dialog");
        clickOn("#fund-form-cancel");
        assertEquals(500_000L, api.lookupBudget("tenant:acme/agent:bot", UnitEnum.TOKENS).remaining().amount());
    }

    @Test
    void closeNeedsTheTypedTenantIdAndOtherDialogs() {
        seed();
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

        // budgets: freeze and edit dialogs
        clickOn("#navBudgets");
        waitForIdle();
        clickOn("tenant:acme/agent:bot");
        clickOn("#freeze");
        type("#confirm-freeze-reason", "incident 42");
        shotOf("#confirm-freeze", "31-freeze-dialog");
        clickOn("#confirm-freeze-confirm");
        waitUntil("frozen", () -> api.lookupBudget("tenant:acme/agent:bot", UnitEnum.TOKENS).status() == BudgetStatus.FROZEN);
        waitUntil("unfreeze enabled", () -> !lookup("#unfreeze").queryAs(Button.class).isDisabled());
        clickOn("#edit");
        type("#budget-edit-overdraft", "50,000");
        shotOf("#budget-edit", "32-budget-edit-dialog");
        clickOn("#budget-edit-ok");
        waitUntil("overdraft saved", () -> api.lookupBudget("tenant:acme/agent:bot", UnitEnum.TOKENS).overdraftLimit().amount() == 50_000L);
        clickOn("#unfreeze");
        shotOf("#confirm-unfreeze", "32-unfreeze-dialog");
        clickOn("#confirm-unfreeze-confirm");
        waitUntil("unfrozen", () -> api.lookupBudget("tenant:acme/agent:bot", UnitEnum.TOKENS).status() == BudgetStatus.ACTIVE);

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
}
