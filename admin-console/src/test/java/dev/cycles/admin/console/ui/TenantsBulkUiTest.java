package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.UnitEnum;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk lifecycle actions, emergency freeze and the detail's counts and links on the Tenants screen, against a real server. */
class TenantsBulkUiTest extends ConsoleUiTest {

    private void tenant(String id, String name, String parent) {
        api.createTenant(new TenantCreateRequest(id, name, parent, null, null, null, null, null, null, null));
    }

    private TenantStatus status(String id) {
        return api.getTenant(id).status();
    }

    private Button ok() {
        return lookup("#bulk-form-ok").queryButton();
    }

    private void openTenants() {
        clickOn("#navTenants");
        waitForIdle();
    }

    /** Opens the Bulk actions menu and clicks the entry with this text. */
    private void bulkMenu(String item) {
        clickOn("#bulk");
        clickOn(lookup(".menu-item .label").match((Labeled l) -> item.equals(l.getText())).queryLabeled());
        waitUntil("preview", () -> lookup("#bulk-count").tryQuery().isPresent() && text("#bulk-count").startsWith("This will touch"));
    }

    private void sizes(String name) {
        for (int[] s : new int[][] {{1024, 700}, {1920, 1080}}) {
            interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(s[0]);
                stage.setHeight(s[1]);
            });
            waitForIdle();
            shot(name + "-" + s[0] + "x" + s[1]);
        }
    }

    @Test
    void suspendsExactlyTheTwoSelectedTenantsAndTheAuditRecordsIt() {
        tenant("alpha", "Alpha Inc", null);
        tenant("alpha-eu", "Alpha Europe", null);
        tenant("beta", "Beta Ltd", null);
        tenant("gamma", "Gamma LLC", null);
        connectByTyping();
        openTenants();
        clickOn("Alpha Inc");
        press(KeyCode.CONTROL).clickOn("Gamma LLC").release(KeyCode.CONTROL);
        @SuppressWarnings("unchecked")
        TableView<Tenant> table = lookup("#table").queryAs(TableView.class);
        assertEquals(2, table.getSelectionModel().getSelectedItems().size(), "the table is multi-select");

        bulkMenu("Suspend selected…");
        assertEquals("This will touch exactly 2 tenants:", text("#bulk-count"));
        @SuppressWarnings("unchecked")
        ListView<Object> preview = lookup("#bulk-preview").queryAs(ListView.class);
        assertEquals(List.of("alpha", "gamma"), preview.getItems().stream().map(r -> ((dev.cycles.admin.console.bulk.BulkRow) r).id()).sorted().toList(),
                "alpha-eu, whose id contains alpha, is not among them");
        assertTrue(ok().isDisabled(), "nothing typed yet");
        type("#bulk-typed", "3");
        assertTrue(ok().isDisabled(), "a wrong count keeps Apply disabled");
        type("#bulk-typed", "2");
        assertFalse(ok().isDisabled());
        interact(() -> stage.setWidth(1024));
        shotOf("#bulk-form", "80-bulk-tenants-selected");
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result-summary").tryQuery().isPresent());
        assertEquals("2 succeeded, 0 failed, 0 skipped of 2", text("#bulk-result-summary"));
        shotOf("#bulk-result", "81-bulk-tenants-result");
        clickOn("#bulk-result-close");

        assertEquals(TenantStatus.SUSPENDED, status("alpha"));
        assertEquals(TenantStatus.SUSPENDED, status("gamma"));
        assertEquals(TenantStatus.ACTIVE, status("alpha-eu"));
        assertEquals(TenantStatus.ACTIVE, status("beta"));
        for (String id : List.of("alpha", "gamma")) {
            List<AuditLogEntry> logs = api.listAuditLogs(Map.of("tenant_id", id)).logs();
            assertTrue(logs.stream().anyMatch(l -> "updateTenant".equals(l.operation()) && l.status() == 200),
                    "audit of " + id + ": " + logs.stream().map(AuditLogEntry::operation).toList());
        }
        waitUntil("the list shows it", () -> table.getItems().stream().filter(t -> t.status() == TenantStatus.SUSPENDED).count() == 2);
        sizes("82-tenants-after-bulk");
    }

    @Test
    void aFilterWideReactivateIsRefusedWholeWhenTheSetChangedAndAppliesAfterPreviewAgain() {
        tenant("alpha", "Alpha Inc", null);
        tenant("beta", "Beta Ltd", null);
        tenant("gamma", "Gamma LLC", null);
        api.updateTenant("alpha", new TenantUpdateRequest(null, TenantStatus.SUSPENDED, null, null, null, null, null));
        api.updateTenant("beta", new TenantUpdateRequest(null, TenantStatus.SUSPENDED, null, null, null, null, null));
        connectByTyping();
        openTenants();
        choose("#status", "SUSPENDED");
        waitForIdle();
        bulkMenu("Reactivate all matching the filter…");
        assertEquals("This will touch exactly 2 tenants:", text("#bulk-count"));
        assertEquals(api.listTenants(Map.of("status", "SUSPENDED")).tenants().size(), 2, "the preview count is the server's");
        type("#bulk-typed", "2");
        // meanwhile someone suspends gamma: the set the operator confirmed is no longer the set
        api.updateTenant("gamma", new TenantUpdateRequest(null, TenantStatus.SUSPENDED, null, null, null, null, null));
        clickOn("#bulk-form-ok");
        waitUntil("mismatch", () -> !text("#bulk-mismatch").isEmpty());
        assertTrue(text("#bulk-mismatch").contains("The set changed since the preview"), text("#bulk-mismatch"));
        assertTrue(lookup("#bulk-mismatch").query().isVisible());
        assertTrue(ok().isDisabled());
        shotOf("#bulk-form", "83-bulk-count-mismatch");
        for (String id : List.of("alpha", "beta", "gamma")) {
            assertEquals(TenantStatus.SUSPENDED, status(id), "nothing was written to " + id);
        }
        clickOn("#bulk-repreview");
        waitUntil("new preview", () -> text("#bulk-count").equals("This will touch exactly 3 tenants:"));
        assertFalse(lookup("#bulk-mismatch").query().isVisible());
        type("#bulk-typed", "3");
        clickOn("#bulk-form-ok");
        waitUntil("result", () -> lookup("#bulk-result-summary").tryQuery().isPresent());
        assertEquals("3 succeeded, 0 failed, 0 skipped of 3", text("#bulk-result-summary"));
        clickOn("#bulk-result-close");
        for (String id : List.of("alpha", "beta", "gamma")) {
            assertEquals(TenantStatus.ACTIVE, status(id));
        }
        List<AuditLogEntry> bulk = api.listAuditLogs(Map.of("operation", "bulkActionTenants")).logs();
        assertTrue(bulk.stream().anyMatch(l -> l.status() == 200), "one audit row for the bulk call: "
                + bulk.stream().map(l -> l.operation() + " " + l.status()).toList());
    }

    private Tab tab(String prefix) {
        TabPane tabs = lookup("#tabs").queryAs(TabPane.class);
        return tabs.getTabs().stream().filter(t -> t.getText().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void emergencyFreezeFreezesEveryActiveBudgetAndTheDetailCountsAndLinksMatchTheServer() {
        tenant("acme", "Acme Corporation", null);
        tenant("acme-eu", "Acme Europe", "acme");
        tenant("acme-us", "Acme US", "acme");
        for (String s : List.of("tenant:acme/workspace:prod", "tenant:acme/workspace:dev", "tenant:acme/workspace:ops")) {
            api.createBudget(new BudgetCreateRequest("acme", s, UnitEnum.USD_MICROCENTS, Amount.of(UnitEnum.USD_MICROCENTS, 10_000_000_000L),
                    null, null, null, null, null, null));
        }
        api.freezeBudget("tenant:acme/workspace:ops", UnitEnum.USD_MICROCENTS, "already frozen");
        api.createApiKey(new ApiKeyCreateRequest("acme", "k1", null, List.of("budgets:read"), null, null, null));
        api.createApiKey(new ApiKeyCreateRequest("acme", "k2", null, List.of("budgets:read"), null, null, null));
        api.createPolicy(new PolicyCreateRequest("acme", "p1", null, "tenant:acme/*", 1L, null, null, null, null, null, null, null));
        connectByTyping();
        openTenants();
        clickOn("Acme Corporation");
        waitForIdle();
        waitUntil("counts", () -> tab("Budgets").getText().equals("Budgets (3)"));
        assertEquals(api.listBudgets(Map.of("tenant_id", "acme")).ledgers().size(), 3);
        assertEquals("API keys (2)", tab("API keys").getText());
        assertEquals("Policies (1)", tab("Policies").getText());
        assertTrue(lookup("#child-link-acme-eu").tryQuery().isPresent());
        assertTrue(lookup("#child-link-acme-us").tryQuery().isPresent());
        assertFalse(lookup("#parent-link").tryQuery().isPresent(), "acme has no parent");
        sizes("84-tenant-detail-counts-links");

        clickOn("#freezeAll");
        waitUntil("listed", () -> text("#freeze-all-count").startsWith("2 active budgets"));
        Button freeze = lookup("#freeze-all-ok").queryButton();
        type("#freeze-all-reason", "runaway agent");
        assertTrue(freeze.isDisabled(), "the tenant id is not typed yet");
        type("#freeze-all-typed", "acme");
        assertFalse(freeze.isDisabled());
        shotOf("#freeze-all", "85-emergency-freeze");
        clickOn(freeze);
        waitUntil("result", () -> lookup("#bulk-result-summary").tryQuery().isPresent());
        assertEquals("2 succeeded, 0 failed, 0 skipped of 2", text("#bulk-result-summary"));
        shotOf("#bulk-result", "86-emergency-freeze-result");
        clickOn("#bulk-result-close");
        List<BudgetLedger> after = api.listBudgets(Map.of("tenant_id", "acme")).ledgers();
        assertEquals(3, after.size());
        assertTrue(after.stream().allMatch(b -> b.status() == BudgetStatus.FROZEN), after.stream().map(b -> b.scope() + " " + b.status()).toList().toString());
        assertTrue(api.listAuditLogs(Map.of("tenant_id", "acme", "operation", "freezeBudget")).logs().size() >= 3);

        // the links open that tenant
        clickOn("#child-link-acme-eu");
        waitForIdle();
        waitUntil("acme-eu selected", () -> console.tenants().selectedProperty().get().tenantId().equals("acme-eu"));
        waitUntil("parent link", () -> lookup("#parent-link").tryQuery().isPresent());
        assertEquals("acme", ((Labeled) lookup("#parent-link").query()).getText());
        clickOn("#parent-link");
        waitUntil("back to acme", () -> console.tenants().selectedProperty().get().tenantId().equals("acme"));
        Node title = lookup("#detailTitle").query();
        assertEquals("Acme Corporation  (acme)", ((Labeled) title).getText());
    }
}
