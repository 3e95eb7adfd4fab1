package dev.cycles.admin.console.keys;

import dev.cycles.admin.console.common.Badges;
import dev.cycles.admin.console.common.ConfirmDialog;
import dev.cycles.admin.console.common.ExportDialog;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.SecretDialog;
import dev.cycles.admin.console.common.IsoDate;
import dev.cycles.admin.console.common.TenantPicker;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.Permission;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

import java.util.List;

/** API keys screen controller. */
public final class ApiKeysView {
    private final ApiKeysViewModel vm;
    private final Parent root;

    @FXML private TextField search;
    @FXML private ComboBox<String> tenant;
    @FXML private ComboBox<ApiKeyStatus> status;
    @FXML private CheckBox expiring, showRevoked;
    @FXML private TableView<ApiKey> table;
    @FXML private TableColumn<ApiKey, String> colId, colPrefix, colTenant, colName, colStatus, colScope, colCreated;
    @FXML private TableColumn<ApiKey, ApiKey> colPerms, colExpires;
    @FXML private Label summary;
    @FXML private Button loadMore, edit, revoke, copyId, copyJson, create, export, activity;

    public ApiKeysView(ApiKeysViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "ApiKeysView.fxml");
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TenantPicker.bind(tenant, vm.tenantChoices(), vm.tenantFilterProperty(), "tenant-editor", vm::refresh,
                t -> !t.equals(vm.queriedTenant()));
        search.textProperty().bindBidirectional(vm.searchProperty());
        status.getItems().add(null);
        status.getItems().addAll(ApiKeyStatus.values());
        status.setConverter(Fx.enumOrAny("Any status"));
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        expiring.selectedProperty().bindBidirectional(vm.expiringSoonProperty());
        showRevoked.selectedProperty().bindBidirectional(vm.showRevokedProperty());
        // how many rows the box hides, so a closed/revoked one is never silently out of sight
        showRevoked.textProperty().bind(javafx.beans.binding.Bindings.concat("Show revoked / expired (", vm.terminalCountProperty(), ")"));
        summary.textProperty().bind(vm.summaryProperty());
        loadMore.visibleProperty().bind(vm.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());

        SortedList<ApiKey> sorted = new SortedList<>(vm.visibleKeys());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        dev.cycles.admin.console.common.EmptyState.install(table, vm.ctx(), new dev.cycles.admin.console.common.EmptyState.Spec("API keys",
                new javafx.beans.property.SimpleStringProperty("Create the first key with Create API key (Ctrl+N); agents use it on the runtime API."),
                "Clear the filters (tenant, status, search, expiring soon) or tick Show revoked.",
                dev.cycles.admin.console.common.EmptyState.anySet(vm.tenantFilterProperty(), vm.statusFilterProperty(), vm.searchProperty(), vm.expiringSoonProperty()),
                vm::refresh, "Create API key", this::onCreate));
        colId.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().keyId()));
        colPrefix.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().keyPrefix() == null ? "" : c.getValue().keyPrefix() + "…"));
        colTenant.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().tenantId()));
        colName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        colStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().name()));
        colStatus.setCellFactory(Badges.cell());
        colPerms.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        // "N granted ›" opens the read-only permissions list (the tooltip keeps the quick look)
        colPerms.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(ApiKey k, boolean empty) {
                super.updateItem(k, empty);
                setText(null);
                if (empty || k == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(
                        (k.permissions() == null ? 0 : k.permissions().size()) + " granted ›");
                link.getStyleClass().add("perms-link");
                link.setOnAction(e -> PermissionsDialog.show(getScene().getWindow(), k));
                setGraphic(link);
                setTooltip(k.permissions() == null ? null : new javafx.scene.control.Tooltip(String.join("\n", k.permissions())));
            }
        });
        colScope.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().scopeFilter() == null
                || c.getValue().scopeFilter().isEmpty() ? "all scopes" : String.join(", ", c.getValue().scopeFilter())));
        // long scope filters end in "…"; the whole list is on hover
        colScope.setCellFactory(Fx.cell(s -> s, s -> s.replace(", ", "\n"), false));
        colCreated.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Fx.dateTime(c.getValue().createdAt())));
        colExpires.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        colExpires.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ApiKey k, boolean empty) {
                super.updateItem(k, empty);
                if (empty || k == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(k.expiresAt() == null ? "never" : Fx.dateTime(k.expiresAt()));
                setGraphic(vm.isExpiringSoon(k) ? Badges.badge("EXPIRING") : null);
                setTooltip(k.expiresAt() == null ? null : new Tooltip(k.expiresAt().toString()));
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, k) -> updateButtons(k));
        updateButtons(null);
        dev.cycles.admin.console.common.RowMenu.on(table).copyId(ApiKey::keyId).copyJson()
                .activity(vm::activity)
                .separator()
                .button("menu-edit", "Edit…", edit)
                .button("menu-revoke", "Revoke…", revoke);
    }

    private void updateButtons(ApiKey k) {
        boolean active = k != null && k.status() == ApiKeyStatus.ACTIVE;
        edit.setDisable(!active);
        revoke.setDisable(!active);
        copyId.setDisable(k == null);
        copyJson.setDisable(k == null);
        activity.setDisable(k == null);
    }

    @FXML
    private void onActivity() {
        vm.activity(vm.selectedProperty().get());
    }

    @FXML
    private void onExport() {
        ExportDialog.open(root, vm.ctx(), vm.exportSpec(), "Export API keys");
    }

    public void focusSearch() {
        search.requestFocus();
    }

    public void create() {
        onCreate();
    }

    @FXML
    private void onLoadMore() {
        vm.loadMore();
    }

    @FXML
    private void onCopy() {
        ApiKey k = vm.selectedProperty().get();
        if (k != null) {
            Fx.copy(k.keyId());
            vm.ctx().status().info("Copied " + k.keyId());
        }
    }

    @FXML
    private void onCopyJson() {
        ApiKey k = vm.selectedProperty().get();
        if (k != null) {
            Fx.copyJson(k);
            vm.ctx().status().info("Copied " + k.keyId() + " as JSON");
        }
    }

    @FXML
    private void onCreate() {
        String preset = vm.tenantFilterProperty().get();
        open(new ApiKeyFormViewModel(vm.ctx(), null, preset == null ? "" : preset.trim()));
    }

    @FXML
    private void onEdit() {
        ApiKey k = vm.selectedProperty().get();
        if (k != null) {
            open(new ApiKeyFormViewModel(vm.ctx(), k, null));
        }
    }

    /** Opens the create / edit form; public so the tenant detail can preset the tenant. */
    public void open(ApiKeyFormViewModel form) {
        boolean edit = form.isEdit();
        FormDialog d = new FormDialog(root.getScene().getWindow(), "key-form",
                edit ? "Edit API key" : "Create API key", edit ? "Save" : "Create key");
        javafx.scene.control.ComboBox<String> t = dev.cycles.admin.console.common.TenantPicker.forForm(vm.ctx(),
                form.tenantIdProperty(), "key-tenant", "tenant ID");
        t.setDisable(edit);
        TextField name = new TextField();
        name.setId("key-name");
        name.setPromptText("e.g. billing-service");
        name.textProperty().bindBidirectional(form.nameProperty());
        TextField scope = new TextField();
        scope.setId("key-scope");
        scope.setPromptText("optional, comma-separated: workspace:prod, agent:*");
        scope.textProperty().bindBidirectional(form.scopeFilterProperty());
        d.row("Tenant", t).row("Name", name).row("Scope filter", scope);
        if (!edit) {
            DatePicker expires = new DatePicker();
            expires.setId("key-expires");
            expires.setPromptText("server default (90 days)");
            expires.setEditable(true);
            IsoDate.install(expires, form.expiresTextProperty());
            expires.setMaxWidth(Double.MAX_VALUE);
            d.row("Expires at end of", expires);
        }
        javafx.scene.layout.GridPane groups = new javafx.scene.layout.GridPane();
        groups.setHgap(12);
        groups.setVgap(6);
        groups.getStyleClass().add("permission-picker");
        int row = 0;
        for (var entry : ApiKeyFormViewModel.GROUPS.entrySet()) {
            FlowPane flow = new FlowPane(14, 4);
            flow.setPrefWrapLength(440);
            for (Permission p : entry.getValue()) {
                CheckBox cb = new CheckBox(p.wire());
                cb.setId("perm-" + p.wire().replace(':', '-'));
                cb.selectedProperty().bindBidirectional(form.grantedProperty(p));
                flow.getChildren().add(cb);
            }
            Label group = new Label(entry.getKey());
            group.getStyleClass().add("section-title");
            group.setWrapText(true);
            group.setMinWidth(Label.USE_PREF_SIZE);
            if (entry.getKey().startsWith("Admin")) {
                TitledPane pane = new TitledPane("Show the " + entry.getValue().size() + " admin:* permissions", flow);
                pane.setExpanded(false);
                pane.setAnimated(false);
                pane.getStyleClass().add("dense");
                groups.add(group, 0, row);
                groups.add(pane, 1, row++);
            } else {
                groups.add(group, 0, row);
                groups.add(flow, 1, row++);
            }
        }
        Button defaults = new Button("Defaults");
        defaults.setOnAction(e -> form.selectDefaults());
        Button none = new Button("Clear all");
        none.setOnAction(e -> form.selectNone());
        Label diff = new Label();
        diff.setId("key-diff");
        diff.getStyleClass().add("mono");
        diff.textProperty().bind(form.diffProperty());
        diff.setWrapText(true);
        HBox actions = new HBox(8, new Label("Permissions"), defaults, none);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        d.wide(actions).wide(groups);
        if (edit) {
            d.wide(diff);
        }
        d.validation(form.validationProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.validProperty().not().or(form.submittingProperty()))
                .onSubmit(close -> form.submit(saved -> {
                    close.run();
                    vm.refresh();
                }, created -> {
                    close.run();
                    vm.created();
                    new SecretDialog(root.getScene().getWindow(), "API key created",
                            "Key " + created.keyId() + " for tenant " + created.tenantId()
                                    + ". Send it as the X-Cycles-API-Key header.",
                            form.secretProperty().get(), form::forgetSecret).show();
                }));
        d.dialog().getDialogPane().setPrefWidth(680);
        d.show();
        (edit ? name : t.getEditor().getText().isEmpty() ? t.getEditor() : name).requestFocus();
    }

    @FXML
    private void onRevoke() {
        ApiKey k = vm.selectedProperty().get();
        new ConfirmDialog(root.getScene().getWindow(), "confirm-revoke", "Revoke key " + k.keyId() + "?",
                "Revoking '" + k.name() + "' (tenant " + k.tenantId() + ") invalidates it immediately. "
                        + "This cannot be undone; reservations made with it can still be committed or released.",
                "Revoke key", true)
                .withReason("e.g. rotated, leaked, service retired", "")
                .show((reason, done, failed) -> vm.revoke(k, reason, done, failed));
    }

    public ApiKeysViewModel viewModel() {
        return vm;
    }

}
