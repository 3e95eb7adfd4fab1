package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.bulk.BudgetBulk;
import dev.cycles.admin.console.bulk.BulkDialog;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.FundingOperation;
import javafx.beans.binding.Bindings;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;

import java.util.List;

/**
 * The Budgets screen's "Bulk actions" menu: freeze/unfreeze and each funding operation on the
 * selected ledgers (the table is multi-select) or on every ledger the current filter matches (one tenant), through the
 * shared {@link BulkDialog}.
 */
final class BudgetBulkMenu {
    private BudgetBulkMenu() {
    }

    static void fill(MenuButton menu, TableView<BudgetLedger> table, BudgetsViewModel vm) {
        menu.getItems().clear();
        // freeze/unfreeze have no bulk endpoint: the selected rows, one call each (BudgetFreezeBulk)
        for (String action : List.of(dev.cycles.admin.console.bulk.BudgetFreezeBulk.FREEZE, dev.cycles.admin.console.bulk.BudgetFreezeBulk.UNFREEZE)) {
            MenuItem item = new MenuItem((action.equals("FREEZE") ? "Freeze" : "Unfreeze") + " selected…");
            item.setId("bulk-selected-" + action.toLowerCase());
            item.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
            item.setOnAction(e -> BulkDialog.show(table.getScene().getWindow(), vm.ctx(),
                    new dev.cycles.admin.console.bulk.BudgetFreezeBulk(List.copyOf(table.getSelectionModel().getSelectedItems())),
                    action, vm::refresh));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        for (FundingOperation op : FundingOperation.values()) {
            MenuItem item = new MenuItem(label(op) + " selected…");
            item.setId("bulk-selected-" + op.name().toLowerCase());
            item.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
            item.setOnAction(e -> BulkDialog.show(table.getScene().getWindow(), vm.ctx(),
                    BudgetBulk.selected(List.copyOf(table.getSelectionModel().getSelectedItems())), op.name(), vm::refresh));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        for (FundingOperation op : FundingOperation.values()) {
            MenuItem item = new MenuItem(label(op) + " all matching the filter…");
            item.setId("bulk-matching-" + op.name().toLowerCase());
            item.setOnAction(e -> BulkDialog.show(table.getScene().getWindow(), vm.ctx(), BudgetBulk.matching(vm.bulkFilter()),
                    op.name(), vm::refresh));
            menu.getItems().add(item);
        }
    }

    private static String label(FundingOperation op) {
        return switch (op) {
            case CREDIT -> "Credit";
            case DEBIT -> "Debit";
            case RESET -> "Reset";
            case RESET_SPENT -> "Reset spent";
            case REPAY_DEBT -> "Repay debt";
        };
    }
}
