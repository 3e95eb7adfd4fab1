package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.model.WebhookDelivery;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.function.Supplier;

/**
 * The deliveries table of the Webhooks screen: columns, the row context menu (copy IDs, copy the
 * row as JSON, open the event) and the client-side sort over the rows the outcome filter lets
 * through. The controller keeps the buttons; this keeps the table.
 */
final class DeliveriesTab {
    private DeliveriesTab() {
    }

    @SafeVarargs
    static void table(DeliveriesViewModel d, TableView<WebhookDelivery> table, Supplier<TableCell<WebhookDelivery, String>> badge,
                      TableColumn<WebhookDelivery, String>... cols) {
        TableColumn<WebhookDelivery, String> status = cols[0], http = cols[1], tries = cols[2], type = cols[3], error = cols[4], time = cols[5];
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<WebhookDelivery> sorted = new SortedList<>(d.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status() == null ? "" : c.getValue().status().name()));
        status.setCellFactory(col -> badge.get());
        for (TableColumn<WebhookDelivery, String> c : List.of(status, http, tries, time)) {
            c.setMinWidth(c.getPrefWidth());
        }
        http.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().responseStatus() == null ? "" : c.getValue().responseStatus().toString()));
        http.setCellFactory(Fx.cell(s -> s, s -> s, true));
        tries.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().attempts() == null ? "0" : c.getValue().attempts().toString()));
        tries.setCellFactory(Fx.cell(s -> s, s -> "Attempts so far", true));
        type.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().eventType()));
        type.setCellFactory(Fx.cell(s -> s, s -> s, false));
        error.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().errorMessage() == null ? "" : c.getValue().errorMessage()));
        error.setCellFactory(Fx.cell(s -> s, s -> s, false));
        // ISO text sorts as time; newest first is the server's order
        time.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(DeliveriesViewModel.time(c.getValue().attemptedAt())));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> d.selectedProperty().set(b));
        table.setRowFactory(tv -> {
            TableRow<WebhookDelivery> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(menu(d)));
            return row;
        });
    }

    private static ContextMenu menu(DeliveriesViewModel d) {
        ContextMenu m = new ContextMenu();
        MenuItem id = item("Copy delivery ID", "delivery-copy-id", () -> copy(d.selectedProperty().get().deliveryId()));
        MenuItem event = item("Copy event ID", "delivery-copy-event-id", () -> copy(d.selectedProperty().get().eventId()));
        MenuItem json = item("Copy row JSON", "delivery-copy-json", () -> Fx.copyJson(d.selectedProperty().get()));
        MenuItem open = item("Open event", "delivery-open-event", d::openEvent);
        m.getItems().addAll(id, event, json, new SeparatorMenuItem(), open);
        m.getItems().forEach(i -> i.disableProperty().bind(d.selectedProperty().isNull()));
        return m;
    }

    private static MenuItem item(String text, String id, Runnable r) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> r.run());
        return i;
    }

    private static void copy(String s) {
        if (s != null) {
            Fx.copy(s);
        }
    }
}
