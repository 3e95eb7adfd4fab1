package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk funding on the Budgets screen against a real server: filter-wide and on selected rows. */
class BudgetsBulkUiTest extends ConsoleUiTest {
    private static final long USD = 100_000_000L;
    private static final String PROD = "tenant:acme/workspace:prod";

    private void budget(String tenant, String scope, long dollars) {
        api.createBudget(new BudgetCreateRequest(tenant, scope, UnitEnum.USD_MICROCENTS, Amount.of(UnitEnum.USD_MICROCENTS, dollars * USD),
                null, null, null, null, null, null));
    }

    private void seed() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("globex", "Globex", null, null, null, null, null, null, null, null));
        budget("acme", PROD + "/agent:support", 100);
        budget("acme", PROD + "/agent:coder", 200);
        budget("acme", PROD + "/agent:triage", 300);
        budget("acme", "tenant:acme/workspace:dev", 50);
        budget("globex", "tenant:globex/workspace:prod", 70);
    }

    private Map<String, Long> allocated(String tenant) {
        return api.listBudgets(Map.of("tenant_id", tenant, "limit", "100")).ledgers().stream()
                .collect(Collectors.toMap(BudgetLedger::scope, b -> b.allocated().amount()));
    }

    private Button ok() {
        return lookup("#bulk-form-ok").queryButton();
    }

    private void bulkMenu(String item) {
        clickOn("#bulk");
        clickOn(lookup(".menu-item .label").match((Labeled l) -> item.equals(l.getText())).queryLabeled());
        waitUntil("preview", () -> lookup("#bulk-count").tryQuery().isPresent() && text("#bulk-count").startsWith("This will touch"));
    }

    private void filterProd() {
        clickOn("#navBudgets");
        waitForIdle();
        type("#tenant", "acme");
        type("#scopePrefix", PROD);
        waitForIdle();
    }

    @Test
    void aFilterWideCreditTouchesExactlyThePreviewedBudgets() {
        seed();
        connectByTyping();
        filterProd();
        bulkMenu("Credit all matching the filter…");
        int serverCount = api.listBudgets(Map.of("tenant_id", "acme", "scope_prefix", PROD)).ledgers().size();
        assertEquals("This will touch exactly " + serverCount + " budgets:", text("#bulk-count"));
        assertEquals(3, serverCount);
        type("#bulk-amount", "$25.50");
        type("#bulk-reason", "quarterly top-up");
        type("#bulk-typed", "2");
        assertTrue(ok().isDisabled(), "a wrong count keeps Apply disabled");
        assertEquals("Type 3 (the number of budgets above) to confirm", text("#bulk-form-validation"));
        type("#bulk-typed", "3");
        assertFalse(ok().isDisabled());
        shotOf("#bulk-form", "87-bulk-budgets-credit");
        Map<String, Long> before = allocated("acme");
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result-summary").tryQuery().isPresent());
        assertEquals("3 succeeded, 0 failed, 0 skipped of 3", text("#bulk-result-summary"));
        TableView<?> rows = lookup("#bulk-result-table").queryAs(TableView.class);
        assertEquals(3, rows.getItems().size());
        shotOf("#bulk-result", "88-bulk-budgets-result");
        clickOn("#bulk-result-close");

        Map<String, Long> after = allocated("acme");
        for (String agent : List.of("support", "coder", "triage")) {
            String scope = PROD + "/agent:" + agent;
            assertEquals(before.get(scope) + 2_550_000_000L, after.get(scope), scope);
        }
        assertEquals(before.get("tenant:acme/workspace:dev"), after.get("tenant:acme/workspace:dev"), "outside the filter");
        assertEquals(70 * USD, allocated("globex").get("tenant:globex/workspace:prod"));
        List<AuditLogEntry> audit = api.listAuditLogs(Map.of("operation", "bulkActionBudgets")).logs();
        assertEquals(1, audit.size(), "one audit row for the call");
        for (int[] s : new int[][] {{1024, 700}, {1920, 1080}}) {
            interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(s[0]);
                stage.setHeight(s[1]);
            });
            waitForIdle();
            shot("89-budgets-after-bulk-" + s[0] + "x" + s[1]);
        }
    }

    @Test
    void aBudgetAddedBetweenPreviewAndApplyIsAMismatchAndNothingIsWritten() {
        seed();
        connectByTyping();
        filterProd();
        bulkMenu("Debit all matching the filter…");
        type("#bulk-amount", "150");
        assertEquals("1 of 3 budgets would be refused (DEBIT of $150.00 exceeds what they have left); they will be listed as failed, the others still change.",
                text("#bulk-refusals"), "support has $100 left");
        shotOf("#bulk-form", "91-bulk-budgets-debit-warning");
        type("#bulk-amount", "10");
        assertFalse(lookup("#bulk-refusals").query().isVisible());
        type("#bulk-typed", "3");
        Map<String, Long> before = allocated("acme");
        budget("acme", PROD + "/agent:new", 10); // meanwhile
        clickOn("#bulk-form-ok");
        waitUntil("mismatch", () -> !text("#bulk-mismatch").isEmpty());
        assertTrue(text("#bulk-mismatch").contains("matches 4 rows, not the expected 3"), text("#bulk-mismatch"));
        Map<String, Long> now = allocated("acme");
        before.forEach((scope, v) -> assertEquals(v, now.get(scope), "unchanged: " + scope));
        assertTrue(api.listAuditLogs(Map.of("operation", "bulkActionBudgets", "status_min", "200", "status_max", "299")).logs().isEmpty());
        clickOn("#bulk-repreview");
        waitUntil("4 now", () -> text("#bulk-count").equals("This will touch exactly 4 budgets:"));
        clickOn("#bulk-form-cancel");
    }

    @Test
    void selectedBudgetsAreFundedOneByOneAndOnlyThose() {
        seed();
        connectByTyping();
        filterProd();
        clickOn(PROD + "/agent:support");
        press(KeyCode.CONTROL).clickOn(PROD + "/agent:triage").release(KeyCode.CONTROL);
        bulkMenu("Reset selected…");
        assertEquals("This will touch exactly 2 budgets:", text("#bulk-count"));
        type("#bulk-amount", "500");
        type("#bulk-typed", "2");
        shotOf("#bulk-form", "90-bulk-budgets-selected-reset");
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result-summary").tryQuery().isPresent());
        assertEquals("2 succeeded, 0 failed, 0 skipped of 2", text("#bulk-result-summary"));
        clickOn("#bulk-result-close");
        Map<String, Long> after = allocated("acme");
        assertEquals(500 * USD, after.get(PROD + "/agent:support"));
        assertEquals(500 * USD, after.get(PROD + "/agent:triage"));
        assertEquals(200 * USD, after.get(PROD + "/agent:coder"), "not selected");
    }

    @Test
    void selectedBudgetsAreFrozenAndUnfrozenAndTheResultSavesAsJson() throws Exception {
        seed();
        api.freezeBudget(PROD + "/agent:coder", UnitEnum.USD_MICROCENTS, "already frozen");
        connectByTyping();
        filterProd();
        clickOn(PROD + "/agent:support");
        press(KeyCode.CONTROL).clickOn(PROD + "/agent:coder").release(KeyCode.CONTROL);
        bulkMenu("Freeze selected…");
        assertEquals("This will touch exactly 2 budgets:", text("#bulk-count"));
        type("#bulk-reason", "runaway agent");
        type("#bulk-typed", "2");
        shotOf("#bulk-form", "102-bulk-budgets-freeze-selected");
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result-summary").tryQuery().isPresent());
        assertEquals("1 succeeded, 0 failed, 1 skipped of 2", text("#bulk-result-summary"), "the frozen one is skipped");
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("bulk").resolve("freeze.json");
        type("#bulk-result-path", file.toString());
        clickOn("#bulk-result-save");
        waitUntil("saved", () -> text("#bulk-result-saved").equals("Saved"));
        dialogShots("#bulk-result", "103-bulk-result-saved");
        var json = dev.cycles.admin.console.client.AdminClient.mapper().readTree(file.toFile());
        assertEquals(2, json.get("total_matched").asInt());
        assertEquals(1, json.get("succeeded").size());
        assertEquals("ALREADY_IN_TARGET_STATE", json.get("skipped").get(0).get("reason").asText());
        clickOn("#bulk-result-close");
        assertEquals(dev.cycles.admin.model.BudgetStatus.FROZEN,
                api.lookupBudget(PROD + "/agent:support", UnitEnum.USD_MICROCENTS).status());
        assertEquals(dev.cycles.admin.model.BudgetStatus.ACTIVE,
                api.lookupBudget(PROD + "/agent:triage", UnitEnum.USD_MICROCENTS).status(), "not selected");
        assertTrue(api.listAuditLogs(Map.of("resource_id", PROD + "/agent:support")).logs().stream()
                .anyMatch(e -> e.metadata() != null && "runaway agent".equals(e.metadata().get("reason"))), "reason in the audit log");

        // and back: unfreeze the selection
        waitForIdle();
        clickOn(PROD + "/agent:support");
        press(KeyCode.CONTROL).clickOn(PROD + "/agent:coder").release(KeyCode.CONTROL);
        bulkMenu("Unfreeze selected…");
        type("#bulk-typed", "2");
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result-summary").tryQuery().isPresent());
        assertEquals("2 succeeded, 0 failed, 0 skipped of 2", text("#bulk-result-summary"));
        clickOn("#bulk-result-close");
        assertEquals(dev.cycles.admin.model.BudgetStatus.ACTIVE, api.lookupBudget(PROD + "/agent:coder", UnitEnum.USD_MICROCENTS).status());
    }
}
