package dev.cycles.admin.console.ui;

import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenants list and detail against a real server: hidden closed tenants are counted, a closed one shows its tombstone. */
class TenantsDetailUiTest extends ConsoleUiTest {
    @SuppressWarnings("unchecked")
    private TableView<Tenant> table() {
        return lookup("#table").queryAs(TableView.class);
    }

    @Test
    void closedTenantsAreCountedOnTheToggleAndAClosedOneShowsItsTombstone() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("globex", "Globex", null, null, null, null, null, null, null, null));
        api.updateTenant("globex", new TenantUpdateRequest(null, TenantStatus.CLOSED, null, null, null, null, null));
        connectByTyping();
        clickOn("#navTenants");
        waitUntil("listed", () -> table().getItems().size() == 1);
        CheckBox showClosed = lookup("#showClosed").queryAs(CheckBox.class);
        assertEquals("Show closed (1)", showClosed.getText(), "the hidden closed tenant is counted");

        interact(() -> table().getSelectionModel().select(0));
        waitForIdle();
        Node banner = lookup("#closedBanner").query();
        assertFalse(banner.isVisible(), "an open tenant has no tombstone");

        clickOn("#showClosed");
        waitUntil("closed shown", () -> table().getItems().size() == 2);
        interact(() -> table().getSelectionModel().select(table().getItems().stream()
                .filter(t -> t.tenantId().equals("globex")).findFirst().orElseThrow()));
        waitUntil("tombstone", () -> banner.isVisible() && text("#closedText").contains("Closing is final"));
        assertTrue(text("#closedText").startsWith("Tenant globex is CLOSED since "), text("#closedText"));
        assertFalse(lookup("#cascadeRerun").query().isVisible(), "the server finished the cascade: nothing to re-run");
        for (int[] size : new int[][] {{1024, 700}, {1920, 1080}}) {
            interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            shot("104-tenant-closed-tombstone-" + size[0] + "x" + size[1]);
        }
    }

    @Test
    void theParentFilterShowsRootTenantsOnlyOrTheChildrenOfOne() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("acme-eu", "Acme Europe", "acme", null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("acme-us", "Acme US", "acme", null, null, null, null, null, null, null));
        api.createTenant(new TenantCreateRequest("globex", "Globex", null, null, null, null, null, null, null, null));
        connectByTyping();
        clickOn("#navTenants");
        waitUntil("listed", () -> table().getItems().size() == 4);

        // an editable box: its arrow opens the list, the editor takes a typed parent ID
        clickOn(lookup("#parent .arrow-button").queryAs(Node.class));
        clickOn(lookup(".combo-box-popup .list-cell").match((javafx.scene.control.Labeled l) ->
                dev.cycles.admin.console.tenants.ParentFilter.ROOT.equals(l.getText())).queryAs(Node.class));
        waitUntil("root only", () -> ids().equals(java.util.List.of("acme", "globex")));
        shot("107-tenants-root-only");
        // root-only cannot be a server bulk filter: it would reach every tenant
        assertTrue(bulkItem("bulk-matching-suspend").isDisable(), "no filter-wide bulk for root-only");

        javafx.scene.control.ComboBox<?> parent = lookup("#parent").queryAs(javafx.scene.control.ComboBox.class);
        clickOn(parent.getEditor());
        interact(() -> parent.getEditor().selectAll());
        write("acme").push(javafx.scene.input.KeyCode.ENTER);
        waitUntil("children of acme", () -> ids().equals(java.util.List.of("acme-eu", "acme-us")));
        assertFalse(bulkItem("bulk-matching-suspend").isDisable(), "children of a parent are a server filter");
    }

    @Test
    void theDetailTabsHideRevokedKeysBehindACountedToggle() {
        api.createTenant(new TenantCreateRequest("acme", "Acme Corporation", null, null, null, null, null, null, null, null));
        api.createApiKey(new dev.cycles.admin.model.ApiKeyCreateRequest("acme", "live", null, java.util.List.of("budgets:read"), null, null, null));
        var old = api.createApiKey(new dev.cycles.admin.model.ApiKeyCreateRequest("acme", "old", null, java.util.List.of("budgets:read"), null, null, null));
        api.revokeApiKey(old.keyId(), "rotated");
        connectByTyping();
        clickOn("#navTenants");
        waitUntil("listed", () -> table().getItems().size() == 1);
        interact(() -> table().getSelectionModel().select(0));
        clickOn(lookup(".tab .tab-label").match((javafx.scene.control.Labeled t) -> t.getText().startsWith("API keys")).queryLabeled());
        TableView<?> keys = lookup("#keyTable").queryAs(TableView.class);
        CheckBox revoked = lookup("#tabShowRevoked").queryAs(CheckBox.class);
        waitUntil("keys loaded", () -> revoked.getText().equals("Show revoked / expired (1)"));
        assertEquals(1, keys.getItems().size(), "the revoked key is hidden");
        shot("108-tenant-detail-keys-toggle");
        clickOn("#tabShowRevoked");
        waitUntil("shown", () -> keys.getItems().size() == 2);
    }

    private javafx.scene.control.MenuItem bulkItem(String id) {
        return lookup("#bulk").queryAs(javafx.scene.control.MenuButton.class).getItems().stream()
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private java.util.List<String> ids() {
        return table().getItems().stream().map(Tenant::tenantId).sorted().toList();
    }
}
