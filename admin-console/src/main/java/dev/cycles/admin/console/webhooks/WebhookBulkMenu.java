package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.bulk.BulkDialog;
import dev.cycles.admin.console.bulk.WebhookBulk;
import dev.cycles.admin.model.WebhookBulkAction;
import dev.cycles.admin.model.WebhookSubscription;
import javafx.beans.binding.Bindings;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;

import java.util.List;

/**
 * The Webhooks screen's "Bulk actions" menu: pause, resume or delete the selected rows (the table
 * is multi-select; DISABLED ones are skipped by pause and resume), or every subscription the
 * server-side filters match (one bulk call gated by the previewed count), both through
 * {@link BulkDialog}.
 */
final class WebhookBulkMenu {
    private WebhookBulkMenu() {
    }

    static void fill(MenuButton menu, TableView<WebhookSubscription> table, WebhooksViewModel vm) {
        menu.getItems().clear();
        for (WebhookBulkAction a : WebhookBulkAction.values()) {
            MenuItem item = new MenuItem(label(a) + " selected…");
            item.setId("bulk-selected-" + a.name().toLowerCase());
            item.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
            item.setOnAction(e -> BulkDialog.show(table.getScene().getWindow(), vm.ctx(),
                    WebhookBulk.selected(List.copyOf(table.getSelectionModel().getSelectedItems())), a.name(), vm::afterBulk));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        for (WebhookBulkAction a : WebhookBulkAction.values()) {
            MenuItem item = new MenuItem(label(a) + " all matching the filter…");
            item.setId("bulk-matching-" + a.name().toLowerCase());
            item.setOnAction(e -> BulkDialog.show(table.getScene().getWindow(), vm.ctx(),
                    new WebhookBulk(vm.bulkFilter(), (api, q) -> api.listWebhooks(q), vm.localFilter().localOnly()), a.name(), vm::afterBulk));
            menu.getItems().add(item);
        }
    }

    private static String label(WebhookBulkAction a) {
        return switch (a) {
            case PAUSE -> "Pause";
            case RESUME -> "Resume";
            case DELETE -> "Delete";
        };
    }
}
