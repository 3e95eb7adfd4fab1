package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Budgets screen against a real server: debt and over-limit badges, the fund dialog's preview and refusals, freeze, edit. */
class BudgetsUiTest extends ConsoleUiTest {

    @Test
    void debtFromTheRuntimePlaneShowsOverAndDebtBadgesAndRedFigures() {
        Seeds.acmeWithTwoBudgets(api);
        // Debt only comes from commits on the runtime plane: put it straight into the server's database.
        server.server().database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE budgets SET spent = ?, debt = ?, is_over_limit = 1 WHERE scope = ?")) {
                ps.setLong(1, 10_000_000_000L);
                ps.setLong(2, 1_234_500_000L);
                ps.setString(3, "tenant:acme/agent:bot");
                return ps.executeUpdate();
            }
        });
        assertEquals(1_234_500_000L, api.lookupBudget("tenant:acme/agent:bot", UnitEnum.USD_MICROCENTS).debt().amount());
        connectByTyping();
        clickOn("#navBudgets");
        waitForIdle();
        TableView<?> table = lookup("#table").queryAs(TableView.class);
        waitUntil("both budgets", () -> table.getItems().size() == 2);
        // badges in the row of the indebted budget, none in the other
        waitUntil("badges", () -> badgeTexts("#table").containsAll(Set.of("OVER", "DEBT")));
        assertEquals(2, lookup("#table .badge-danger").queryAll().size(), "exactly one OVER and one DEBT badge");
        javafx.scene.control.Labeled debtCell = lookup("#table .table-cell").match(
                (javafx.scene.control.Labeled l) -> "$12.345".equals(l.getText())).queryLabeled();
        assertTrue(debtCell.getStyleClass().contains("negative"), "debt in the table is red: " + debtCell.getStyleClass());
        clickOn("tenant:acme/agent:bot");
        waitUntil("detail", () -> "$12.345".equals(text("#fig-debt")));
        assertTrue(lookup("#fig-debt").query().getStyleClass().contains("negative"), "debt figure is red");
        assertTrue(lookup("#fig-remaining").query().getStyleClass().contains("negative"), "negative remaining is red");
        assertTrue(badgeTexts("#detailBadges").containsAll(Set.of("OVER LIMIT", "DEBT")), badgeTexts("#detailBadges").toString());
        shot("40-budgets-over-limit-and-debt");
        // the filters find it
        clickOn("#hasDebt");
        waitUntil("debt filter", () -> table.getItems().size() == 1);
        clickOn("#hasDebt");
        clickOn("#overLimit");
        waitUntil("over-limit filter", () -> table.getItems().size() == 1);
    }

    private Set<String> badgeTexts(String within) {
        return lookup(within + " .badge").queryAll().stream().map(n -> ((Label) n).getText())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void debitBelowZeroIsRefusedByThePreviewAndTheServerMessageShowsFormattedAmounts() {
        Seeds.acmeWithTokenBot(api);
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

    /** RESET_SPENT through the fund dialog, the utilization it leaves, and the unit and scope filters. */
    @Test
    void resetSpentFromTheFundDialogShowsUtilizationAndTheFiltersNarrowTheList() {
        Seeds.acmeInThreeUnits(api);
        connectByTyping();


        // RESET_SPENT from the fund dialog: prefilled allocation, spent override, preview, server state
        clickOn("#navBudgets");
        waitForIdle();
        clickOn("tenant:acme");
        waitUntil("detail", () -> "1,500,000 tokens".equals(text("#fig-allocated")));
        clickOn("#fund");
        choose("#fund-operation", "RESET_SPENT");
        assertEquals("1,500,000", text("#fund-amount"), "RESET_SPENT starts from the current allocation");
        type("#fund-spent", "1,200,000");
        waitUntil("preview", () -> "300,000".equals(text("#preview-remaining")));
        assertEquals("1,200,000", text("#preview-spent"));
        shotOf("#fund-form", "13-fund-reset-spent-dialog");
        clickOn("#fund-form-ok");
        waitUntil("spent reset", () -> api.lookupBudget("tenant:acme", UnitEnum.TOKENS).spent().amount() == 1_200_000L);
        BudgetLedger l = api.lookupBudget("tenant:acme", UnitEnum.TOKENS);
        assertEquals(1_500_000L, l.allocated().amount());
        assertEquals(300_000L, l.remaining().amount());
        waitUntil("detail updated", () -> "300,000 tokens".equals(text("#fig-remaining")));
        assertEquals("80.0% utilized", text("#utilText"));
        shot("14-budgets-utilization");

        // filters
        TableView<?> table = lookup("#table").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        choose("#unit", "CREDITS");
        waitUntil("unit filter", () -> table.getItems().size() == 1);
        choose("#unit", "Any unit");
        waitUntil("unit filter cleared", () -> table.getItems().size() == 3);
        clickOn("#scopePrefix").write("tenant:acme/workspace:prod");
        waitUntil("prefix filter", () -> table.getItems().size() == 2);
    }

    @Test
    void freezeEditAndUnfreezeThroughTheirDialogs() {
        Seeds.acmeWithTokenBot(api);
        connectByTyping();
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
    }
}
