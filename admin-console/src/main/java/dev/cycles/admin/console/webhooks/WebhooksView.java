package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.ConfirmDialog;
import dev.cycles.admin.console.common.ExportDialog;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.SecretDialog;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.TenantPicker;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.model.WebhookDelivery;
import dev.cycles.admin.model.WebhookDeliveryStatus;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.VBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Webhooks screen controller: bindings and dialogs. The table allows several rows to be selected
 * ({@link #selectedRows()}, for bulk actions); the details, actions and deliveries follow the
 * focused row.
 */
public final class WebhooksView {
    private final WebhooksViewModel vm;
    private final UrlCheck urlCheck;
    private final Parent root;

    @FXML private ComboBox<String> tenant, eventType;
    @FXML private ComboBox<WebhookStatus> status;
    @FXML private ComboBox<SortOption> sort;
    @FXML private ComboBox<WebhookDeliveryStatus> deliveryStatus;
    @FXML private TextField search;
    @FXML private Button export, security, create, clear, run, loadMore, edit, pause, test, replay, rotate, events, activity, delete;
    @FXML private Button deliveryEvent, deliveryActivity, deliveryExport, deliveryReload, deliveryMore;
    @FXML private CheckBox failingOnly, showDisabled;
    @FXML private MenuButton bulk;
    @FXML private VBox deliveriesBox;
    @FXML private Label summary, detailTitle, testResult, deliverySummary;
    @FXML private TableView<WebhookSubscription> table;
    @FXML private TableColumn<WebhookSubscription, String> colStatus, colUrl, colTenant, colEvents, colFailures, colSuccess, colFailure;
    @FXML private TableView<WebhookDelivery> deliveryTable;
    @FXML private TableColumn<WebhookDelivery, String> dColStatus, dColHttp, dColTries, dColType, dColError, dColTime;
    @FXML private TextArea details, deliveryDetails;
    @FXML private TabPane tabs;
    @FXML private Tab tabDeliveries;

    public WebhooksView(WebhooksViewModel vm) {
        this(vm, UrlCheck.system());
    }

    public WebhooksView(WebhooksViewModel vm, UrlCheck urlCheck) {
        this.vm = vm;
        this.urlCheck = urlCheck;
        this.root = Views.load(this, "WebhooksView.fxml");
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        TenantPicker.bind(tenant, vm.tenantChoices(), vm.tenantProperty(), "webhook-tenant-filter", vm::refresh,
                t -> !t.equals(vm.queriedTenant()));
        tenant.setPromptText("all tenants");
        tenant.setTooltip(new Tooltip("A tenant, or " + WebhooksViewModel.SYSTEM_WIDE + " for the system-wide subscriptions"));
        status.getItems().add(null);
        status.getItems().addAll(WebhookStatus.values());
        status.setConverter(Fx.enumOrAny("Any status"));
        status.valueProperty().bindBidirectional(vm.statusProperty());
        sort.getItems().setAll(WebhooksViewModel.SORT_OPTIONS);
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setOnAction(e -> vm.refresh());
        eventType.getItems().setAll(EventTypes.ALL);
        eventType.getEditor().textProperty().bindBidirectional(vm.eventTypeProperty());
        eventType.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.eventTypeProperty().set(b);
                vm.refresh();
            }
        });
        summary.textProperty().bind(vm.summaryProperty());
        loadMore.visibleProperty().bind(vm.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());
        failingOnly.selectedProperty().bindBidirectional(vm.failingOnlyProperty());
        failingOnly.setTooltip(new Tooltip("Only subscriptions whose last deliveries failed (failures in a row > 0)"));
        showDisabled.selectedProperty().bindBidirectional(vm.showDisabledProperty());
        showDisabled.textProperty().bind(Bindings.createStringBinding(() -> "Show disabled (" + vm.disabledCountProperty().get() + ")",
                vm.disabledCountProperty()));
        showDisabled.setTooltip(new Tooltip("DISABLED subscriptions (turned off by the server after failing) are hidden unless ticked"));
        search.setTooltip(new Tooltip("Without *: part of the URL or ID, searched by the server. With *: a pattern over URL, name "
                + "and ID of the loaded rows, e.g. https://*.example.com/*"));
        columns();
        SortedList<WebhookSubscription> sorted = new SortedList<>(vm.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        WebhookBulkMenu.fill(bulk, table, vm);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> showSelected(b));
        details.textProperty().bind(Bindings.createStringBinding(() -> WebhookDetails.text(vm.selectedProperty().get()), vm.selectedProperty()));
        details.setPromptText("Select a subscription to see its URL, owner, event types, retry policy and times.");
        testResult.textProperty().bind(vm.testResultProperty());
        testResult.managedProperty().bind(vm.testResultProperty().isNotEmpty());
        testResult.setId("test-result");
        vm.testResultProperty().addListener((o, a, b) -> {
            testResult.getStyleClass().removeAll("form-ok", "form-error");
            testResult.getStyleClass().add(b.startsWith("Test passed") ? "form-ok" : b.startsWith("Sending") ? "muted" : "form-error");
        });
        deliveries();
        security.setTooltip(new Tooltip("Where webhook URLs may point: blocked ranges, allowed URL patterns, http"));
        activity.setTooltip(new Tooltip("Audit entries of this subscription"));
        events.setTooltip(new Tooltip("Events about this subscription (created, updated, paused, ...)"));
        test.setTooltip(new Tooltip("Send a signed system.webhook_test event now and show the answer"));
        replay.setTooltip(new Tooltip("Deliver the events of a time window again"));
        WebhooksGuards.emptyStates(vm, table, deliveryTable, this::onCreate);
        showSelected(null);
    }

    /** Greys the write actions for a key without manage_webhooks (Create is gated by the shell). */
    public void gate(dev.cycles.admin.console.common.Access access) {
        WebhooksGuards.gate(access, List.of(edit, pause, test, replay, rotate, delete, bulk, security));
    }

    private void columns() {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        colStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(WebhookDetails.health(c.getValue())));
        colStatus.setCellFactory(col -> WebhookCells.badge());
        colUrl.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().url()));
        colUrl.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colTenant.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(WebhookDetails.owner(c.getValue())));
        colEvents.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(WebhookDetails.events(c.getValue())));
        colEvents.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colFailures.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(WebhookDetails.failures(c.getValue())));
        colFailures.setCellFactory(Fx.cell(s -> s, s -> "Failed deliveries in a row / the count that disables the subscription", true));
        colSuccess.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Fx.dateTime(c.getValue().lastSuccessAt())));
        colFailure.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Fx.dateTime(c.getValue().lastFailureAt())));
        // at 1024 px the last-success time gives way first: failures are what an operator acts on
        table.widthProperty().addListener((o, a, w) -> colSuccess.setVisible(w.doubleValue() > 900));
        for (TableColumn<WebhookSubscription, String> c : List.of(colStatus, colFailures)) {
            c.setMinWidth(c.getPrefWidth());
        }
        table.setRowFactory(tv -> {
            TableRow<WebhookSubscription> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    onEdit();
                }
            });
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(rowMenu()));
            return row;
        });
    }

    private ContextMenu rowMenu() {
        ContextMenu m = new ContextMenu();
        m.getItems().addAll(item("Edit…", this::onEdit), item("Pause / resume", this::onPauseResume), item("Send test", this::onTest),
                item("Deliveries", () -> tabs.getSelectionModel().select(tabDeliveries)), item("Replay…", this::onReplay),
                item("Rotate secret…", this::onRotate), item("Events", this::onEvents), item("Activity", this::onActivity),
                item("Copy JSON", this::onCopyJson), new SeparatorMenuItem(), item("Delete…", this::onDelete));
        return m;
    }

    private static MenuItem item(String text, Runnable r) {
        MenuItem i = new MenuItem(text);
        i.setOnAction(e -> r.run());
        return i;
    }

    private void deliveries() {
        DeliveriesViewModel d = vm.deliveries();
        deliveryStatus.getItems().add(null);
        deliveryStatus.getItems().addAll(WebhookDeliveryStatus.values());
        deliveryStatus.setConverter(Fx.enumOrAny("Any status"));
        deliveryStatus.valueProperty().bindBidirectional(d.statusProperty());
        deliverySummary.textProperty().bind(d.summaryProperty());
        deliveryMore.visibleProperty().bind(d.hasMoreProperty());
        deliveryMore.managedProperty().bind(deliveryMore.visibleProperty());
        deliveriesBox.getChildren().add(1, new DeliveryStatsBar(d).root());
        DeliveriesTab.table(d, deliveryTable, WebhookCells::badge, dColStatus, dColHttp, dColTries, dColType, dColError, dColTime);
        deliveryDetails.textProperty().bind(Bindings.createStringBinding(() -> DeliveriesViewModel.details(d.selectedProperty().get()),
                d.selectedProperty()));
        deliveryDetails.setPromptText("Select a delivery: its event, attempts, last HTTP answer, error and times.");
        deliveryEvent.disableProperty().bind(d.selectedProperty().isNull());
        deliveryExport.disableProperty().bind(d.subscriptionProperty().isNull());
        deliveryActivity.disableProperty().bind(d.subscriptionProperty().isNull());
        deliveryReload.disableProperty().bind(d.subscriptionProperty().isNull());
        deliveryEvent.setTooltip(new Tooltip("Open the event this delivery carried in the Events screen"));
        deliveryExport.setTooltip(new Tooltip("Every delivery of this subscription (all pages, the status filter applied) to CSV or JSON"));
    }

    private void showSelected(WebhookSubscription w) {
        boolean none = w == null;
        for (Button b : List.of(edit, pause, test, replay, rotate, events, activity, delete)) {
            b.setDisable(none);
        }
        pause.setText(none ? "Pause" : WebhookDetails.pauseLabel(w));
        detailTitle.setText(none ? "No subscription selected" : w.name() != null && !w.name().isBlank() ? w.name() : w.subscriptionId());
        if (!none && table.getSelectionModel().getSelectedItem() != w && !table.getSelectionModel().getSelectedItems().contains(w)) {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(w);
        }
    }

    /** Every selected row (for bulk actions); the details follow the focused one. */
    public ObservableList<WebhookSubscription> selectedRows() {
        return table.getSelectionModel().getSelectedItems();
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private WebhookSubscription selected() {
        return vm.selectedProperty().get();
    }

    /** Opens the create form (also Ctrl+N). */
    @FXML
    public void onCreate() {
        WebhookFormViewModel form = new WebhookFormViewModel(vm.ctx(), urlCheck, null);
        String t = vm.tenantProperty().get();
        if (t != null && !t.isBlank() && !WebhooksViewModel.SYSTEM_WIDE.equals(t.trim())) {
            form.tenantProperty().set(t.trim());
        }
        WebhookDialog.show(window(), form, created -> {
            vm.replace(created.subscription());
            new SecretDialog(window(), "Webhook created", "Subscription " + created.subscription().subscriptionId()
                    + ". The receiver checks the X-Cycles-Signature header (HMAC-SHA256 of the body) with this signing secret.",
                    created.signingSecret(), () -> { }).show();
        }, vm::replace);
    }

    @FXML
    private void onEdit() {
        WebhookSubscription w = selected();
        if (w != null) {
            WebhookDialog.show(window(), new WebhookFormViewModel(vm.ctx(), urlCheck, w), c -> { }, vm::replace);
        }
    }

    @FXML
    private void onPauseResume() {
        WebhookSubscription w = selected();
        if (w == null) {
            return;
        }
        boolean pausing = w.status() == WebhookStatus.ACTIVE;
        String label = WebhookDetails.pauseLabel(w);
        int failures = w.consecutiveFailures() == null ? 0 : w.consecutiveFailures();
        String message = pausing
                ? "While paused, events for " + w.url() + " are silently dropped; they are not delivered later (use Replay for that)."
                : "Deliveries to " + w.url() + " start again with the next event and the failure count is reset to 0"
                + (failures > 0 ? " (now " + failures + " in a row)" : "") + ". Events of the "
                + (w.status() == WebhookStatus.DISABLED ? "disabled" : "paused") + " time are not delivered retroactively."
                + (w.status() == WebhookStatus.DISABLED ? " Check the receiver first (Send test): the server disabled it after "
                + failures + " failed deliveries in a row." : "");
        new ConfirmDialog(window(), "confirm-status", label + " webhook " + w.subscriptionId() + "?", message, label, pausing)
                .show((reason, done, failed) -> vm.setStatus(w, pausing ? WebhookStatus.PAUSED : WebhookStatus.ACTIVE, done, failed));
    }

    @FXML
    private void onTest() {
        WebhookSubscription w = selected();
        if (w != null) {
            vm.test(w);
        }
    }

    @FXML
    private void onReplay() {
        WebhookSubscription w = selected();
        if (w != null) {
            ReplayDialog.show(window(), new ReplayFormViewModel(vm.ctx(), w, ZoneId.systemDefault()), () -> vm.deliveries().reload());
        }
    }

    @FXML
    private void onRotate() {
        WebhookSubscription w = selected();
        if (w == null) {
            return;
        }
        new ConfirmDialog(window(), "confirm-rotate", "Rotate the signing secret of " + w.subscriptionId() + "?",
                "A new secret signs every delivery from now on; the receiver must be given it, or it will reject the signatures. "
                        + "The new secret is shown once.", "Rotate secret", true)
                .show((reason, done, failed) -> vm.rotateSecret(w, secret -> {
                    done.run();
                    new SecretDialog(window(), "New signing secret", "Subscription " + w.subscriptionId()
                            + " now signs deliveries with this secret.", secret, () -> { }).show();
                }, failed));
    }

    @FXML
    private void onDelete() {
        WebhookSubscription w = selected();
        if (w == null) {
            return;
        }
        new ConfirmDialog(window(), "confirm-delete", "Delete webhook " + w.subscriptionId() + "?",
                "The subscription to " + w.url() + " (" + WebhookDetails.owner(w) + ") is removed and its pending deliveries are "
                        + "cancelled. This cannot be undone.", "Delete webhook", true)
                .requireTyping(w.subscriptionId())
                .show((reason, done, failed) -> vm.delete(w, done, failed));
    }

    @FXML
    private void onEvents() {
        WebhookSubscription w = selected();
        if (w != null) {
            // the correlation ids of webhook.* events carry the subscription id (webhook_create:<id>, ...)
            vm.ctx().nav().list(Nav.Target.EVENTS, Map.of("search", w.subscriptionId(), "title", "Webhook " + w.subscriptionId()));
        }
    }

    @FXML
    private void onActivity() {
        WebhookSubscription w = selected();
        if (w != null) {
            vm.ctx().nav().activity("Webhook " + w.subscriptionId(), Map.of("resource_type", "webhook", "resource_id", w.subscriptionId()));
        }
    }

    private void onCopyJson() {
        if (selected() != null) {
            Fx.copyJson(selected());
        }
    }

    @FXML
    private void onSecurity() {
        SecurityDialog.show(window(), new SecurityFormViewModel(vm.ctx()));
    }

    @FXML
    private void onRun() {
        vm.refresh();
    }

    @FXML
    private void onClear() {
        vm.failingOnlyProperty().set(false);
        vm.tenantProperty().set("");
        vm.searchProperty().set("");
        vm.eventTypeProperty().set("");
        eventType.setValue(null);
        if (vm.statusProperty().get() != null) {
            vm.statusProperty().set(null); // refreshes
        } else {
            vm.refresh();
        }
    }

    @FXML
    private void onLoadMore() {
        vm.loadMore();
    }

    @FXML
    private void onDeliveryEvent() {
        vm.deliveries().openEvent();
    }

    @FXML
    private void onDeliveryExport() {
        var spec = vm.deliveries().exportSpec();
        if (spec != null) {
            ExportDialog.open(root, vm.ctx(), spec, "Export deliveries of " + vm.deliveries().subscriptionProperty().get().subscriptionId());
        }
    }

    @FXML
    private void onExport() {
        ExportDialog.open(root, vm.ctx(), vm.exportSpec(), "Export webhooks (tenant IDs and endpoint URLs; never signing secrets)");
    }

    @FXML
    private void onDeliveryReload() {
        vm.deliveries().reload();
    }

    @FXML
    private void onDeliveryMore() {
        vm.deliveries().loadMore();
    }

    /** Focus target of the search shortcut. */
    public void focusSearch() {
        search.requestFocus();
    }
}
