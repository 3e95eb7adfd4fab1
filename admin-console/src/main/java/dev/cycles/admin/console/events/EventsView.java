package dev.cycles.admin.console.events;

import dev.cycles.admin.console.common.domain.TimePreset;
import dev.cycles.admin.console.common.ExportDialog;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.TenantPicker;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventTypes;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;

/** Event browser controller: bindings, and the live tail's timer (it polls only while the screen is shown). */
public final class EventsView {
    private final EventsViewModel vm;
    private final Parent root;
    private final Timeline tail = new Timeline();

    @FXML private Label context, validation, summary, liveState;
    @FXML private ComboBox<TimePreset> preset;
    @FXML private ComboBox<SortOption> sort;
    @FXML private ComboBox<String> eventType, category, tenant;
    @FXML private TextField from, to, scope, requestId, traceId, correlationId, search;
    @FXML private ToggleButton live;
    @FXML private Button run, clear, export, loadMore, auditOfRequest, copyJson;
    @FXML private TableView<Event> table;
    @FXML private TableColumn<Event, String> colTime, colType, colTenant, colScope, colActor, colRequest;
    @FXML private TextArea details;
    @FXML private TitledPane detailsPane;

    public EventsView(EventsViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "EventsView.fxml");
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
        sort.getItems().setAll(EventsViewModel.SORT_OPTIONS);
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        eventType.getItems().setAll(EventTypes.ALL);
        eventType.getEditor().textProperty().bindBidirectional(vm.eventTypeProperty());
        eventType.getEditor().setId("eventType-editor");
        runOnEnterOrPick(eventType);
        category.getItems().setAll(EventTypes.CATEGORIES);
        category.getEditor().textProperty().bindBidirectional(vm.categoryProperty());
        category.getEditor().setId("category-editor");
        runOnEnterOrPick(category);
        TenantPicker.bind(tenant, vm.tenantChoices(), vm.tenantProperty(), "event-tenant", vm::refresh,
                t -> !t.equals(vm.queriedTenant()));
        bind(from, vm.fromProperty());
        bind(to, vm.toProperty());
        from.disableProperty().bind(vm.presetProperty().isNotEqualTo(TimePreset.CUSTOM));
        to.disableProperty().bind(vm.presetProperty().isNotEqualTo(TimePreset.CUSTOM));
        bind(scope, vm.scopeProperty());
        bind(requestId, vm.requestIdProperty());
        bind(traceId, vm.traceIdProperty());
        bind(correlationId, vm.correlationIdProperty());
        bind(search, vm.searchProperty());
        validation.textProperty().bind(vm.validationProperty());
        validation.managedProperty().bind(vm.validationProperty().isNotEmpty());
        run.disableProperty().bind(vm.validationProperty().isNotEmpty());
        summary.textProperty().bind(vm.summaryProperty());
        loadMore.visibleProperty().bind(vm.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());

        live.selectedProperty().bindBidirectional(vm.liveProperty());
        liveState.textProperty().bind(vm.liveStateProperty());
        liveState.setTooltip(new Tooltip());
        liveState.getTooltip().textProperty().bind(vm.liveStateProperty());
        vm.liveStateProperty().addListener((o, a, b) -> {
            liveState.getStyleClass().removeAll("form-error", "muted");
            liveState.getStyleClass().add(b.startsWith("Live tail stopped") ? "form-error" : "muted");
        });
        live.setTooltip(new Tooltip("Poll for new events and add them at the top (newest first)"));
        tail.setCycleCount(Timeline.INDEFINITE);
        vm.liveProperty().addListener((o, a, on) -> {
            tail.stop();
            if (on) {
                tail.getKeyFrames().setAll(new KeyFrame(javafx.util.Duration.millis(Math.max(50, vm.tailInterval().toMillis())), e -> {
                    if (root.getScene() != null) { // only while the screen is shown
                        vm.pollNew();
                    }
                }));
                tail.playFromStart();
            }
        });

        table.setItems(vm.rows());
        dev.cycles.admin.console.common.EmptyState.install(table, vm.ctx(), new dev.cycles.admin.console.common.EmptyState.Spec("events",
                new javafx.beans.property.SimpleStringProperty("Events appear as budgets, reservations and tenants change; widen the time range if nothing happened lately."),
                "Widen the time range or Clear the filters.",
                dev.cycles.admin.console.common.EmptyState.anySet(vm.eventTypeProperty(), vm.categoryProperty(), vm.scopeProperty(), vm.tenantProperty(),
                        vm.correlationIdProperty(), vm.traceIdProperty(), vm.requestIdProperty(), vm.searchProperty(),
                        vm.fromProperty(), vm.toProperty()),
                vm::refresh, null, null));
        colTime.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Fx.dateTimeSeconds(c.getValue().timestamp())));
        colType.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().eventType()));
        colTenant.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().tenantId()));
        colScope.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().scope()));
        colActor.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().actor() == null ? "" : c.getValue().actor().type()));
        colRequest.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().requestId()));
        colRequest.getStyleClass().add("mono-col");
        colType.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colScope.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colActor.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colRequest.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colTime.setMinWidth(colTime.getPrefWidth());
        // the selection is the VM's: the live tail inserts rows above it, and a reload keeps it
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> reselect(b));
        vm.rows().addListener((javafx.collections.ListChangeListener<Event>) c ->
                javafx.application.Platform.runLater(() -> reselect(vm.selectedProperty().get())));
        table.setRowFactory(tv -> {
            var row = new javafx.scene.control.TableRow<Event>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    detailsPane.setExpanded(!detailsPane.isExpanded());
                }
            });
            return row;
        });
        details.textProperty().bind(vm.detailsProperty());
        details.setPromptText("Select an event to see its envelope (actor, source, request and trace IDs) and its payload.");
        auditOfRequest.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            Event e = vm.selectedProperty().get();
            return e == null || e.requestId() == null || e.requestId().isBlank();
        }, vm.selectedProperty()));
        auditOfRequest.setTooltip(new Tooltip("Audit log entries of the request that caused this event"));
        copyJson.disableProperty().bind(vm.selectedProperty().isNull());
        dev.cycles.admin.console.common.RowMenu.on(table).copyId(Event::eventId).copyJson()
                .button("menu-activity", "Activity (audit of this request)", auditOfRequest)
                .events(vm.ctx(), e -> "Request " + e.requestId(),
                        e -> e.requestId() == null || e.requestId().isBlank() ? null : java.util.Map.of("request_id", e.requestId()));
        loadMore.setTooltip(new Tooltip("Fetch the next page"));
    }

    /** An editable filter box: Enter in its editor, or picking an entry, runs the query. */
    private void runOnEnterOrPick(ComboBox<String> box) {
        box.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                javafx.application.Platform.runLater(vm::refresh); // after the box committed the text
            }
        });
        box.valueProperty().addListener((o, a, b) -> {
            if (b != null && box.isShowing()) {
                javafx.application.Platform.runLater(vm::refresh);
            }
        });
    }

    private void reselect(Event e) {
        if (e == null) {
            table.getSelectionModel().clearSelection();
        } else if (table.getSelectionModel().getSelectedItem() != e) {
            table.getSelectionModel().select(e);
        }
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
    private void onLoadMore() {
        vm.loadMore();
    }

    @FXML
    private void onExport() {
        ExportDialog.open(root, vm.ctx(), vm.exportSpec(), "Export events");
    }

    @FXML
    private void onAuditOfRequest() {
        vm.openAuditOfRequest();
    }

    @FXML
    private void onCopyJson() {
        if (vm.selectedProperty().get() != null) {
            Fx.copyJson(vm.selectedProperty().get());
        }
    }

    /** Focus target of the search shortcut. */
    public void focusSearch() {
        search.requestFocus();
    }
}
