package dev.cycles.admin.console.reservations;

import dev.cycles.admin.console.common.Badges;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.TenantPicker;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationStatus;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

import java.time.ZoneId;
import java.util.Map;

/** Reservations screen controller: bindings only; the dialog is {@link ForceReleaseDialog}. */
public final class ReservationsView {
    private final ReservationsViewModel vm;
    private final Parent root;
    private final ZoneId zone = ZoneId.systemDefault();

    @FXML private ComboBox<String> tenant;
    @FXML private ComboBox<ReservationStatus> status;
    @FXML private ComboBox<SortOption> sort;
    @FXML private TextField workspace, app, workflow, agent, toolset, createdFrom, createdTo, expiresFrom, expiresTo;
    @FXML private Button clear, run, loadMore, release, activity, copyId, copyJson;
    @FXML private Label validation, summary, detailTitle;
    @FXML private TableView<Reservation> table;
    @FXML private TableColumn<Reservation, String> colStatus, colId, colScope, colReserved, colCommitted, colCreated, colExpires;
    @FXML private TextArea details;

    public ReservationsView(ReservationsViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "ReservationsView.fxml");
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TenantPicker.bind(tenant, vm.tenantChoices(), vm.tenantProperty(), "reservation-tenant", vm::refresh,
                t -> !t.equals(vm.queriedTenant()));
        status.getItems().add(null);
        status.getItems().addAll(ReservationStatus.values());
        status.setConverter(Fx.enumOrAny("Any status"));
        status.valueProperty().bindBidirectional(vm.statusProperty());
        sort.getItems().setAll(ReservationsViewModel.SORT_OPTIONS);
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        Map.of(workspace, "workspace", app, "app", workflow, "workflow", agent, "agent", toolset, "toolset")
                .forEach((field, level) -> bind(field, vm.levelProperty(level)));
        bind(createdFrom, vm.createdFromProperty());
        bind(createdTo, vm.createdToProperty());
        bind(expiresFrom, vm.expiresFromProperty());
        bind(expiresTo, vm.expiresToProperty());
        validation.textProperty().bind(vm.validationProperty());
        validation.managedProperty().bind(vm.validationProperty().isNotEmpty());
        run.disableProperty().bind(vm.validationProperty().isNotEmpty());
        summary.textProperty().bind(vm.summaryProperty());
        loadMore.visibleProperty().bind(vm.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());
        columns();
        table.setItems(vm.rows());
        dev.cycles.admin.console.common.EmptyState.install(table, vm.ctx(), new dev.cycles.admin.console.common.EmptyState.Spec("reservations",
                new javafx.beans.property.SimpleStringProperty("Agents create reservations through the runtime API; none for this tenant yet."),
                "Choose a tenant (the server lists one tenant at a time), choose Any status, widen the time windows or Clear the filters.",
                dev.cycles.admin.console.common.EmptyState.anySet(vm.statusProperty(), vm.createdFromProperty(), vm.createdToProperty(), vm.expiresFromProperty(),
                        vm.expiresToProperty()).or(vm.tenantProperty().isEmpty()),
                vm::refresh, null, null));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> showSelected(b));
        details.textProperty().bind(vm.detailsProperty());
        details.setPromptText("Select a reservation to see its subject, action, amounts, times, scopes and metadata.");
        for (TextField t : new TextField[] {createdFrom, createdTo, expiresFrom, expiresTo}) {
            t.setTooltip(new Tooltip("2026-01-31, 2026-01-31 14:30 (local time) or 2026-01-31T14:30:00Z; a 'to' date includes that day"));
        }
        release.setTooltip(new Tooltip("Give the whole hold back to its budgets (asks for a reason)"));
        activity.setTooltip(new Tooltip("Audit entries of this reservation"));
        showSelected(null);
    }

    private TableCell<Reservation, String> timeCell(java.util.function.Function<Reservation, String> text, boolean markOverdue) {
        TableCell<Reservation, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String absolute, boolean empty) {
                super.updateItem(absolute, empty);
                getStyleClass().remove("overdue");
                Reservation r = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (r == null || absolute == null || absolute.isEmpty()) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(text.apply(r));
                setTooltip(new javafx.scene.control.Tooltip(absolute));
                if (markOverdue && ReservationDetails.overdue(r, System.currentTimeMillis())) {
                    getStyleClass().add("overdue");
                }
            }
        };
        cell.setAlignment(javafx.geometry.Pos.CENTER_LEFT); // level with the other cells of the row
        return cell;
    }

    private void columns() {
        colStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status() == null ? "" : c.getValue().status().name()));
        colStatus.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                setGraphic(empty || s == null || s.isEmpty() ? null : Badges.badge(s));
            }
        });
        colId.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().reservationId()));
        // the tenant is the screen's filter, so the column starts below it (the full path is in the tooltip and details)
        colScope.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(belowTenant(c.getValue())));
        colReserved.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(ReservationDetails.amount(c.getValue().reserved())));
        colCommitted.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(ReservationDetails.amount(c.getValue().committed())));
        colCreated.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(ReservationDetails.time(c.getValue().createdAtMs(), zone)));
        colExpires.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(ReservationDetails.time(c.getValue().expiresAtMs(), zone)));
        // relative ages (how long a hold has waited) with the exact time in the tooltip; an ACTIVE hold past its expiry is marked
        colCreated.setCellFactory(col -> timeCell(r -> ReservationDetails.relative(r.createdAtMs(), System.currentTimeMillis()), false));
        colExpires.setCellFactory(col -> timeCell(r -> ReservationDetails.expiresText(r, System.currentTimeMillis()), true));
        colId.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colScope.setCellFactory(Fx.cell(s -> s, s -> s, false));
        // at 1024 px the created time is what gives way: expiry is what an operator acts on
        table.widthProperty().addListener((o, a, w) -> colCreated.setVisible(w.doubleValue() > 1000));
        for (TableColumn<Reservation, String> c : java.util.List.of(colStatus, colReserved, colCommitted, colExpires, colCreated)) {
            c.setMinWidth(c.getPrefWidth());
        }
        colReserved.setCellFactory(Fx.cell(s -> s, s -> s, true));
        colCommitted.setCellFactory(Fx.cell(s -> s, s -> s, true));
        colId.getStyleClass().add("mono-col");
        table.setRowFactory(tv -> {
            TableRow<Reservation> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty() && row.getItem().status() == ReservationStatus.ACTIVE) {
                    onRelease();
                }
            });
            return row;
        });
        dev.cycles.admin.console.common.RowMenu.on(table).copyId(Reservation::reservationId).copyJson()
                .button("menu-activity", "Activity", activity)
                .events(vm.ctx(), r -> "Events of " + r.scopePath(), r -> r.scopePath() == null ? null : Map.of("scope", r.scopePath()))
                .separator()
                .button("menu-release", "Force release…", release);
    }

    static String belowTenant(Reservation r) {
        String path = r.scopePath() == null ? "" : r.scopePath();
        int slash = path.indexOf('/');
        return path.startsWith("tenant:") ? (slash < 0 ? "(tenant)" : path.substring(slash + 1)) : path;
    }

    private void showSelected(Reservation r) {
        boolean none = r == null;
        release.setDisable(none || r.status() != ReservationStatus.ACTIVE);
        activity.setDisable(none);
        copyId.setDisable(none);
        copyJson.setDisable(none);
        detailTitle.setText(none ? "No reservation selected" : r.reservationId());
        if (!none && table.getSelectionModel().getSelectedItem() != r) {
            table.getSelectionModel().select(r);
        }
    }

    private void bind(TextField f, StringProperty p) {
        f.textProperty().bindBidirectional(p);
        f.setOnAction(e -> vm.refresh());
    }

    @FXML
    private void onRun() {
        vm.refresh();
    }

    @FXML
    private void onClear() {
        vm.clearFilters();
        vm.refresh();
    }

    @FXML
    private void onLoadMore() {
        vm.loadMore();
    }

    @FXML
    private void onRelease() {
        Reservation r = vm.selectedProperty().get();
        if (r != null && r.status() == ReservationStatus.ACTIVE) {
            ForceReleaseDialog.show(root.getScene().getWindow(), vm.ctx(), r, () -> vm.reload(r.reservationId()));
        }
    }

    @FXML
    private void onActivity() {
        Reservation r = vm.selectedProperty().get();
        if (r != null) {
            vm.ctx().nav().activity("Reservation " + r.reservationId(), Map.of("resource_id", r.reservationId()));
        }
    }

    @FXML
    private void onCopyId() {
        Reservation r = vm.selectedProperty().get();
        if (r != null) {
            Fx.copy(r.reservationId());
        }
    }

    @FXML
    private void onCopyJson() {
        Reservation r = vm.selectedProperty().get();
        if (r != null) {
            Fx.copyJson(r);
        }
    }

    /** Focus target of the search shortcut: the tenant, since nothing lists without one. */
    public void focusSearch() {
        tenant.getEditor().requestFocus();
    }
}
