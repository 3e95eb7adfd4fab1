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
}
