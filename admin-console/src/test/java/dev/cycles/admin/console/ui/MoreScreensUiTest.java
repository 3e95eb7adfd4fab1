package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RESET_SPENT through the fund dialog, utilization bars, filters, key edit, tenant detail. */
class MoreScreensUiTest extends ConsoleUiTest {

    private void budget(String scope, UnitEnum unit, long allocated) {
        api.createBudget(new BudgetCreateRequest("acme", scope, unit, Amount.of(unit, allocated), null, null, null, null, null, null));
    }

    @Test
    void resetSpentUtilizationFiltersKeyEditAndTenantDetail() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        budget("tenant:acme", UnitEnum.TOKENS, 1_500_000);
        budget("tenant:acme/workspace:prod", UnitEnum.USD_MICROCENTS, 50_000_000_000L);
        budget("tenant:acme/workspace:prod/agent:support-bot", UnitEnum.CREDITS, 10_000);
        api.fundBudget("tenant:acme/workspace:prod", UnitEnum.USD_MICROCENTS, "acme", new BudgetFundingRequest(FundingOperation.RESET_SPENT,
                Amount.of(UnitEnum.USD_MICROCENTS, 50_000_000_000L), Amount.of(UnitEnum.USD_MICROCENTS, 47_512_345_678L), "seed", null, null));
        api.createApiKey(new ApiKeyCreateRequest("acme", "ingest", null, List.of("budgets:read", "budgets:write", "events:read"), null, null, null));
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

        // API key edit: the ± diff and a PATCH with only the permissions
        clickOn("#navKeys");
        waitForIdle();
        clickOn("ingest");
        clickOn("#edit");
        clickOn("#perm-events-read");
        clickOn("#perm-balances-read");
        waitUntil("diff", () -> text("#key-diff").contains("+balances:read") && text("#key-diff").contains("\u2212events:read"));
        shotOf("#key-form", "15-key-edit-dialog");
        clickOn("#key-form-ok");
        waitUntil("permissions patched", () -> api.listApiKeys(Map.of("tenant_id", "acme")).keys().get(0).permissions().contains("balances:read"));
        List<String> perms = api.listApiKeys(Map.of("tenant_id", "acme")).keys().get(0).permissions();
        assertFalse(perms.contains("events:read"));
        assertEquals("ingest", api.listApiKeys(Map.of("tenant_id", "acme")).keys().get(0).name());

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
