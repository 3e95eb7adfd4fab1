package dev.cycles.admin.console.audit;

import dev.cycles.admin.console.common.domain.TimePreset;
import dev.cycles.admin.console.common.ExportDialog;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.AuditLogEntry;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;


/** Audit browser controller: bindings only. */
public final class AuditView {
    private final AuditViewModel vm;
    private final Parent root;

    @FXML private Label context, validation, summary;
    @FXML private ComboBox<TimePreset> preset;
    @FXML private ComboBox<SortOption> sort;
    @FXML private ComboBox<String> resourceType;
    @FXML private TextField from, to, tenant, keyId, operations, search, resourceId, statusMin, statusMax, traceId,
            errorCodes, errorCodesExcluded, requestId;
    @FXML private Button run, clear, failures, export, loadMore, eventsOfRequest;
    @FXML private TableView<AuditLogEntry> table;
    @FXML private TableColumn<AuditLogEntry, String> colTime, colTenant, colOperation, colResource, colError, colKey, colRequest;
    @FXML private TableColumn<AuditLogEntry, Integer> colStatus;
    @FXML private TextArea details;
    @FXML private TitledPane detailsPane;

    public AuditView(AuditViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "AuditView.fxml");
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        context.textProperty().bind(vm.contextProperty());
        context.visibleProperty().bind(vm.contextProperty().isNotEmpty());
        preset.getItems().setAll(TimePreset.values());
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        sort.getItems().setAll(AuditViewModel.SORT_OPTIONS);
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        resourceType.getItems().setAll("tenant", "api_key", "budget", "policy", "audit", "backup");
        resourceType.getEditor().textProperty().bindBidirectional(vm.resourceTypeProperty());
        resourceType.getEditor().setId("resourceType-editor");
        bind(from, vm.fromProperty());
        bind(to, vm.toProperty());
        from.disableProperty().bind(vm.presetProperty().isNotEqualTo(TimePreset.CUSTOM));
        to.disableProperty().bind(vm.presetProperty().isNotEqualTo(TimePreset.CUSTOM));
        bind(tenant, vm.tenantProperty());
        bind(keyId, vm.keyIdProperty());
        bind(operations, vm.operationsProperty());
        bind(search, vm.searchProperty());
        bind(resourceId, vm.resourceIdProperty());
        bind(statusMin, vm.statusMinProperty());
        bind(statusMax, vm.statusMaxProperty());
        bind(traceId, vm.traceIdProperty());
        bind(errorCodes, vm.errorCodesProperty());
        bind(errorCodesExcluded, vm.errorCodesExcludedProperty());
        bind(requestId, vm.requestIdProperty());
        validation.textProperty().bind(vm.validationProperty());
        validation.managedProperty().bind(vm.validationProperty().isNotEmpty());
        run.disableProperty().bind(vm.validationProperty().isNotEmpty());
        summary.textProperty().bind(vm.summaryProperty());
        loadMore.visibleProperty().bind(vm.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());

        table.setItems(vm.rows());
        dev.cycles.admin.console.common.EmptyState.install(table, vm.ctx(), new dev.cycles.admin.console.common.EmptyState.Spec("audit entries",
                new javafx.beans.property.SimpleStringProperty("Every admin request is logged here; widen the time range to All if nothing happened lately."),
                "Widen the time range or Clear the filters.",
                dev.cycles.admin.console.common.EmptyState.anySet(vm.tenantProperty(), vm.keyIdProperty(), vm.operationsProperty(), vm.resourceTypeProperty(),
                        vm.resourceIdProperty(), vm.statusMinProperty(), vm.statusMaxProperty(), vm.errorCodesProperty(),
                        vm.errorCodesExcludedProperty(), vm.traceIdProperty(), vm.requestIdProperty(), vm.searchProperty(),
                        vm.fromProperty(), vm.toProperty()),
                vm::refresh, null, null));
        colTime.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Fx.dateTimeSeconds(c.getValue().timestamp())));
        colTenant.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().tenantId()));
        colOperation.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().operation()));
        colResource.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                (c.getValue().resourceType() == null ? "" : c.getValue().resourceType())
                        + (c.getValue().resourceId() == null ? "" : "  " + c.getValue().resourceId())));
        colStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        colStatus.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                Label l = new Label(s.toString());
                l.getStyleClass().addAll("badge", s >= 500 ? "badge-danger" : s >= 400 ? "badge-warn" : "badge-ok");
                setGraphic(l);
            }
        });
        colError.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().errorCode()));
        colKey.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().keyId()));
        colRequest.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().requestId()));
        colRequest.getStyleClass().add("mono-col");
        colResource.setCellFactory(Fx.cell(s -> s, s -> s, false));
        for (TableColumn<AuditLogEntry, ?> c : java.util.List.of(colTime, colTenant, colStatus)) {
            c.setMinWidth(c.getPrefWidth());
        }
        // at 1024 px the acting key gives way (it is in the details and a filter)
        table.widthProperty().addListener((o, a, w) -> colKey.setVisible(w.doubleValue() > 1000));
        colRequest.setCellFactory(Fx.cell(s -> s, s -> s, false));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        table.setRowFactory(tv -> {
            var row = new javafx.scene.control.TableRow<AuditLogEntry>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    detailsPane.setExpanded(!detailsPane.isExpanded());
                }
            });
            return row;
        });
        details.textProperty().bind(vm.detailsProperty());
        details.setPromptText("Select an entry to see its IP, user agent and metadata (double-click a row to expand or collapse).");
        eventsOfRequest.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            AuditLogEntry e = vm.selectedProperty().get();
            return e == null || e.requestId() == null || e.requestId().isBlank();
        }, vm.selectedProperty()));
        eventsOfRequest.setTooltip(new Tooltip("Events the selected request caused (budget, tenant, key, policy changes)"));
        // an audit row's entity is its resource (or, for tenant-wide calls, its tenant)
        dev.cycles.admin.console.common.RowMenu.on(table).copyId(AuditLogEntry::logId).copyJson()
                .activity(vm.ctx(), e -> "Activity of " + (e.resourceId() != null ? e.resourceType() + " " + e.resourceId() : "tenant " + e.tenantId()),
                        e -> e.resourceId() != null && !e.resourceId().isBlank()
                                ? java.util.Map.of("resource_type", e.resourceType() == null ? "" : e.resourceType(), "resource_id", e.resourceId())
                                : e.tenantId() != null && !e.tenantId().isBlank() ? java.util.Map.of("tenant_id", e.tenantId()) : null)
                .button("menu-events", "Events of this request", eventsOfRequest);
        failures.setTooltip(new Tooltip("Status 400 and above"));
        loadMore.setTooltip(new Tooltip("Fetch the next page"));
    }

    private void bind(TextField f, javafx.beans.property.StringProperty p) {
        f.textProperty().bindBidirectional(p);
        f.setOnAction(e -> vm.refresh());
    }

    @FXML
    private void onRun() {
        vm.contextProperty().set("");
        vm.refresh();
    }

    @FXML
    private void onClear() {
        vm.clearFilters();
        vm.refresh();
    }

    @FXML
    private void onFailures() {
        vm.statusMinProperty().set("400");
        vm.statusMaxProperty().set("");
        vm.refresh();
    }

    @FXML
    private void onEventsOfRequest() {
        AuditLogEntry e = vm.selectedProperty().get();
        if (e != null) {
            vm.ctx().nav().eventsOfRequest(e.requestId());
        }
    }

    @FXML
    private void onLoadMore() {
        vm.loadMore();
    }

    @FXML
    private void onExport() {
        ExportDialog.open(root, vm.ctx(), vm.exportSpec(), "Export audit log");
    }

    /** Focus target of the search shortcut. */
    public void focusSearch() {
        search.requestFocus();
    }
}
