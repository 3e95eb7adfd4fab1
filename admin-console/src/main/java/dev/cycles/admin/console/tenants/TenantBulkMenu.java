package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.bulk.BulkDialog;
import dev.cycles.admin.console.bulk.EmergencyFreezeDialog;
import dev.cycles.admin.console.bulk.TenantBulk;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantBulkAction;
import javafx.beans.binding.Bindings;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;

import java.util.List;

/**
 * The Tenants screen's "Bulk actions" menu: each lifecycle action on the selected rows (the table
 * is multi-select) or on every tenant the current filter matches, both through {@link BulkDialog};
 * and the emergency freeze of one tenant.
 */
final class TenantBulkMenu {
    private TenantBulkMenu() {
    }

    static void fill(MenuButton menu, TableView<Tenant> table, TenantsViewModel vm) {
        menu.getItems().clear();
        for (TenantBulkAction a : TenantBulkAction.values()) {
            MenuItem item = new MenuItem(label(a) + " selected…");
            item.setId("bulk-selected-" + a.name().toLowerCase());
            item.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
            item.setOnAction(e -> BulkDialog.show(table.getScene().getWindow(), vm.ctx(),
                    TenantBulk.selected(List.copyOf(table.getSelectionModel().getSelectedItems())), a.name(), vm::afterBulk));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        for (TenantBulkAction a : TenantBulkAction.values()) {
            MenuItem item = new MenuItem(label(a) + " all matching the filter…");
            item.setId("bulk-matching-" + a.name().toLowerCase());
            // the bulk filter cannot say "no parent": root-only would reach every tenant
            item.disableProperty().bind(Bindings.createBooleanBinding(() -> ParentFilter.rootOnly(vm.parentFilterProperty().get()),
                    vm.parentFilterProperty()));
            item.setOnAction(e -> BulkDialog.show(table.getScene().getWindow(), vm.ctx(), TenantBulk.matching(vm.bulkFilter()),
                    a.name(), vm::afterBulk));
            menu.getItems().add(item);
        }
    }

    /** Emergency freeze of the tenant in the detail. */
    static void freezeAll(TableView<Tenant> table, TenantsViewModel vm) {
        Tenant t = vm.selectedProperty().get();
        if (t != null) {
            EmergencyFreezeDialog.show(table.getScene().getWindow(), vm.ctx(), t.tenantId(), vm::reloadDetail);
        }
    }

    private static String label(TenantBulkAction a) {
        return switch (a) {
            case SUSPEND -> "Suspend";
            case REACTIVATE -> "Reactivate";
            case CLOSE -> "Close";
        };
    }
}
