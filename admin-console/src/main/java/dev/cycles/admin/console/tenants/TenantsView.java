package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Badges;
import dev.cycles.admin.console.common.ConfirmDialog;
import dev.cycles.admin.console.common.ExportDialog;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import java.util.List;

/** Tenants screen controller: bindings and dialogs only; the logic is in {@link TenantsViewModel}. */
public final class TenantsView {
    private final TenantsViewModel vm;
    private final Parent root;

    @FXML private TextField search;
    @FXML private ComboBox<TenantStatus> status;
    @FXML private ComboBox<SortOption> sort;
    @FXML private CheckBox showClosed, tabShowClosed, tabShowRevoked;
    @FXML private javafx.scene.control.ComboBox<String> parent;
    @FXML private TableView<Tenant> table;
    @FXML private TableColumn<Tenant, String> colId, colName, colParent, colCreated, colOverage;
    @FXML private TableColumn<Tenant, TenantStatus> colStatus;
    @FXML private javafx.scene.layout.HBox closedBanner;
    @FXML private Button cascadeRerun;
    @FXML private Label closedText;
    @FXML private Label rollup, summary, detailTitle, detailStatus, detailFacts, budgetPlaceholder;
    @FXML private Button showBudgets, showKeys, loadMore, edit, suspend, reactivate, close, create;
    @FXML private VBox detail;
    @FXML private TableView<BudgetLedger> budgetTable;
    @FXML private TableColumn<BudgetLedger, String> bScope, bUnit, bStatus;
    @FXML private TableColumn<BudgetLedger, BudgetLedger> bAllocated, bRemaining;
    @FXML private TableView<ApiKey> keyTable;
    @FXML private TableColumn<ApiKey, String> kId, kName, kStatus, kPerms;
    @FXML private TableView<dev.cycles.admin.console.common.domain.PolicyRow> policyTable;
    @FXML private TableColumn<dev.cycles.admin.console.common.domain.PolicyRow, String> pName, pPattern, pStatus, pCaps;
    @FXML private TableColumn<dev.cycles.admin.console.common.domain.PolicyRow, Integer> pPriority;
    @FXML private Button activity, export, createPolicy, showPolicies, freezeAll;
    @FXML private javafx.scene.control.MenuButton bulk;
    @FXML private javafx.scene.control.Tab budgetsTab, keysTab, policiesTab;
    @FXML private javafx.scene.layout.FlowPane relationsBox;
    private java.util.function.Consumer<String> policiesOpener = id -> { };

    public TenantsView(TenantsViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "TenantsView.fxml");
    }

    public Parent root() {
        return root;
    }

    public TenantsViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        budgetTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        keyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        search.textProperty().bindBidirectional(vm.searchProperty());
        status.getItems().add(null);
        status.getItems().addAll(TenantStatus.values());
        status.setConverter(Fx.enumOrAny("Any status"));
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        sort.getItems().setAll(TenantsViewModel.SORT_OPTIONS);
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        showClosed.selectedProperty().bindBidirectional(vm.showClosedProperty());
        // parent filter: root tenants only, or the children of a parent (typed, or one of the loaded parents)
        parent.valueProperty().bindBidirectional(vm.parentFilterProperty());
        parent.setTooltip(new javafx.scene.control.Tooltip("Root only: tenants without a parent. Or type a tenant ID: its children"));
        // choices are only ever added: replacing the items of a ComboBox clears the value picked from them
        vm.loadedTenants().addListener((javafx.collections.ListChangeListener<Tenant>) c -> addParentChoices());
        addParentChoices();
        // how many rows the box hides, so a closed/revoked one is never silently out of sight
        showClosed.textProperty().bind(javafx.beans.binding.Bindings.concat("Show closed (", vm.terminalCountProperty(), ")"));
        summary.textProperty().bind(vm.summaryProperty());
        rollup.textProperty().bind(vm.rollupProperty());
        ClosedTenantBanner banner = vm.closedBanner();
        closedBanner.visibleProperty().bind(banner.shownProperty());
        closedBanner.managedProperty().bind(banner.shownProperty());
        closedText.textProperty().bind(banner.textProperty());
        cascadeRerun.visibleProperty().bind(banner.incompleteProperty());
        cascadeRerun.managedProperty().bind(banner.incompleteProperty());
        banner.incompleteProperty().addListener((o, a, b) -> closedBanner.getStyleClass().setAll(b ? "closed-banner-warn" : "closed-banner"));
        rollup.setMinHeight(Label.USE_PREF_SIZE);
        search.setOnAction(e -> vm.refresh());
        loadMore.visibleProperty().bind(vm.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());

        SortedList<Tenant> sorted = new SortedList<>(vm.visibleTenants());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        dev.cycles.admin.console.common.EmptyState.install(table, vm.ctx(), new dev.cycles.admin.console.common.EmptyState.Spec("tenants",
                new javafx.beans.property.SimpleStringProperty("Create the first tenant with Create tenant (Ctrl+N); its budgets, keys and policies hang off it."),
                "Clear the search, choose Any status or tick Show closed.",
                Bindings.createBooleanBinding(() -> !vm.emptyText().startsWith("No tenants yet"), vm.summaryProperty(),
                        vm.searchProperty(), vm.statusFilterProperty()),
                vm::refresh, "Create tenant", this::onCreate));
        colId.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().tenantId()));
        colId.getStyleClass().add("mono-col");
        colName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        colParent.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().parentTenantId()));
        colStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        colStatus.setCellFactory(Badges.cell());
        colOverage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().defaultCommitOveragePolicy() == null ? "" : c.getValue().defaultCommitOveragePolicy().name()));
        colCreated.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Fx.dateTime(c.getValue().createdAt())));
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        TenantBulkMenu.fill(bulk, table, vm);
        TenantRelations rel = vm.relations();
        budgetsTab.textProperty().bind(Bindings.createStringBinding(() -> TenantRelations.tabText("Budgets", rel.budgetsProperty().get()), rel.budgetsProperty()));
        keysTab.textProperty().bind(Bindings.createStringBinding(() -> TenantRelations.tabText("API keys", rel.keysProperty().get()), rel.keysProperty()));
        policiesTab.textProperty().bind(Bindings.createStringBinding(() -> TenantRelations.tabText("Policies", rel.policiesProperty().get()), rel.policiesProperty()));
        rel.children().addListener((javafx.collections.ListChangeListener<String>) c -> showRelations());
        rel.parentProperty().addListener((o, a, b) -> showRelations());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        TenantMenus.list(table, vm, showBudgets, showKeys, showPolicies, edit, createPolicy, suspend, reactivate, close, freezeAll);
        TenantMenus.detail(budgetTable, keyTable, policyTable, vm);

        TerminalToggle.install(budgetTable, vm.selectedBudgets(), b -> b.status() == dev.cycles.admin.model.BudgetStatus.CLOSED,
                "Show closed", tabShowClosed);
        bScope.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().scope()));
        bUnit.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Amounts.unitLabel(c.getValue().unit())));
        bStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().name()));
        bStatus.setCellFactory(Badges.cell());
        bAllocated.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        bAllocated.setCellFactory(Fx.cell(b -> Amounts.format(b.allocated()), b -> Amounts.raw(b.unit(), b.allocated().amount()), true));
        bRemaining.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        bRemaining.setCellFactory(Fx.cell(b -> Amounts.format(b.remaining()), b -> Amounts.raw(b.unit(), b.remaining().amount()), true));
        budgetPlaceholder.textProperty().bind(Bindings.when(vm.detailNoteProperty().isEmpty())
                .then("No budgets").otherwise(vm.detailNoteProperty()));
        TerminalToggle.install(keyTable, vm.selectedKeys(), k -> k.status() != dev.cycles.admin.model.ApiKeyStatus.ACTIVE,
                "Show revoked / expired", tabShowRevoked);
        kId.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().keyId()));
        kName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        kStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().name()));
        kStatus.setCellFactory(Badges.cell());
        kPerms.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().permissions() == null ? ""
                : String.join(", ", c.getValue().permissions())));

        policyTable.setItems(vm.selectedPolicies());
        policyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().policy().name()));
        pPattern.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().policy().scopePattern()));
        pPattern.getStyleClass().add("mono-col");
        pPriority.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().policy().priority()));
        pStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().policy().status().name()));
        pStatus.setCellFactory(Badges.cell());
        pCaps.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                dev.cycles.admin.console.common.domain.PolicyQueries.capsSummary(c.getValue().policy())));
        vm.selectedProperty().addListener((o, a, t) -> {
            showDetail(t);
            if (t != null && table.getSelectionModel().getSelectedItem() != t) {
                table.getSelectionModel().select(t);
                table.scrollTo(t);
            }
        });
        showDetail(null);
    }

    private void showDetail(Tenant t) {
        boolean none = t == null;
        edit.setDisable(none || t.status() == TenantStatus.CLOSED);
        showBudgets.setDisable(none);
        showKeys.setDisable(none);
        activity.setDisable(none);
        createPolicy.setDisable(none || t.status() == TenantStatus.CLOSED);
        freezeAll.setDisable(none || t.status() == TenantStatus.CLOSED);
        showPolicies.setDisable(none);
        suspend.setDisable(none || t.status() != TenantStatus.ACTIVE);
        reactivate.setDisable(none || t.status() != TenantStatus.SUSPENDED);
        close.setDisable(none || t.status() == TenantStatus.CLOSED);
        if (none) {
            detailTitle.setText("Select a tenant to see its budgets and keys");
            detailStatus.setGraphic(null);
            detailFacts.setText("");
            return;
        }
        detailTitle.setText(t.name() + "  (" + t.tenantId() + ")");
        detailStatus.setGraphic(Badges.badge(t.status().name()));
        detailFacts.setText("Default overage: " + (t.defaultCommitOveragePolicy() == null ? "-" : t.defaultCommitOveragePolicy())
                + "   ·   Default reservation TTL: " + ms(t.defaultReservationTtlMs())
                + "   ·   Max reservation TTL: " + ms(t.maxReservationTtlMs())
                + "   ·   Created " + Fx.dateTime(t.createdAt()));
    }

    /** "Parent: [id]   Children: [a] [b] … +N more": each a link that opens that tenant. */
    private void showRelations() {
        TenantRelations rel = vm.relations();
        relationsBox.getChildren().clear();
        if (rel.parentProperty().get() != null) {
            relationsBox.getChildren().addAll(new Label("Parent:"), link("parent-link", rel.parentProperty().get()));
        }
        List<String> kids = rel.children();
        if (!kids.isEmpty()) {
            relationsBox.getChildren().add(new Label((rel.parentProperty().get() == null ? "" : "   ") + "Children (" + kids.size() + "):"));
            kids.stream().limit(TenantRelations.MAX_CHILD_LINKS).forEach(k -> relationsBox.getChildren().add(link("child-link-" + k, k)));
            if (kids.size() > TenantRelations.MAX_CHILD_LINKS) {
                relationsBox.getChildren().add(new Label("+" + (kids.size() - TenantRelations.MAX_CHILD_LINKS) + " more"));
            }
        }
        relationsBox.setVisible(!relationsBox.getChildren().isEmpty());
        relationsBox.setManaged(relationsBox.isVisible());
    }

    private javafx.scene.control.Hyperlink link(String id, String tenantId) {
        javafx.scene.control.Hyperlink l = new javafx.scene.control.Hyperlink(tenantId);
        l.setId(id);
        l.getStyleClass().add("mono");
        l.setOnAction(e -> vm.relations().open(tenantId));
        return l;
    }

    @FXML
    private void onFreezeAll() {
        TenantBulkMenu.freezeAll(table, vm);
    }

    private static String ms(Long v) {
        return v == null ? "-" : Amounts.format(dev.cycles.admin.model.UnitEnum.TOKENS, v) + " ms";
    }

    @FXML
    private void onShowBudgets() {
        vm.openBudgets(vm.selectedProperty().get());
    }

    @FXML
    private void onActivity() {
        vm.activity(vm.selectedProperty().get());
    }

    @FXML
    private void onExport() {
        ExportDialog.open(root, vm.ctx(), vm.exportSpec(), "Export tenants");
    }

    @FXML
    private void onCreatePolicy() {
        Tenant t = vm.selectedProperty().get();
        if (t != null) {
            vm.ctx().nav().createPolicy(t.tenantId(), root.getScene().getWindow(), vm::reloadDetail);
        }
    }

    @FXML
    private void onShowPolicies() {
        Tenant t = vm.selectedProperty().get();
        if (t != null) {
            policiesOpener.accept(t.tenantId());
        }
    }

    /** Where "Policies ›" goes (set by the shell). */
    public void setPoliciesOpener(java.util.function.Consumer<String> opener) {
        policiesOpener = opener;
    }

    public void focusSearch() {
        search.requestFocus();
    }

    public void create() {
        onCreate();
    }

    @FXML
    private void onShowKeys() {
        vm.openKeys(vm.selectedProperty().get());
    }

    @FXML
    private void onLoadMore() {
        vm.loadMore();
    }

    @FXML
    private void onCreate() {
        openForm(new TenantFormViewModel(vm.ctx(), null));
    }

    @FXML
    private void onEdit() {
        Tenant t = vm.selectedProperty().get();
        if (t != null) {
            openForm(new TenantFormViewModel(vm.ctx(), t));
        }
    }

    private void openForm(TenantFormViewModel form) {
        boolean edit = form.isEdit();
        FormDialog d = new FormDialog(root.getScene().getWindow(), "tenant-form",
                edit ? "Edit tenant " + form.tenantIdProperty().get() : "Create tenant", edit ? "Save" : "Create");
        TextField id = new TextField();
        id.setId("tenant-id");
        id.setPromptText("e.g. acme-corp");
        id.textProperty().bindBidirectional(form.tenantIdProperty());
        id.setDisable(edit);
        TextField name = new TextField();
        name.setId("tenant-name");
        name.setPromptText("Display name");
        name.textProperty().bindBidirectional(form.nameProperty());
        ComboBox<CommitOveragePolicy> policy = new ComboBox<>(FXCollections.observableArrayList(CommitOveragePolicy.values()));
        policy.getItems().add(0, null);
        policy.setId("tenant-policy");
        policy.setConverter(Fx.enumOrAny(edit ? "(unchanged)" : "Server default (ALLOW_IF_AVAILABLE)"));
        policy.valueProperty().bindBidirectional(form.overagePolicyProperty());
        policy.setMaxWidth(Double.MAX_VALUE);
        TextField ttl = new TextField();
        ttl.setId("tenant-ttl");
        ttl.setPromptText("1,000 - 86,400,000 (default 60,000)");
        ttl.textProperty().bindBidirectional(form.defaultTtlProperty());
        TextField maxTtl = new TextField();
        maxTtl.setId("tenant-max-ttl");
        maxTtl.setPromptText("1,000 - 86,400,000 (default 3,600,000)");
        maxTtl.textProperty().bindBidirectional(form.maxTtlProperty());
        d.row("Tenant ID", id);
        if (!edit) {
            Label hint = new Label("3-64 characters: lowercase letters, numbers and hyphens. Cannot be changed later.");
            hint.getStyleClass().add("form-hint");
            hint.setWrapText(true);
            d.row("", hint);
            javafx.scene.control.ComboBox<String> parent = dev.cycles.admin.console.common.TenantPicker.forForm(vm.ctx(),
                    form.parentIdProperty(), "tenant-parent", "optional parent tenant ID");
            d.row("Display name", name).row("Parent tenant", parent);
        } else {
            d.row("Display name", name);
        }
        Label ttlHint = new Label("Reservation time-to-live in milliseconds, 1,000 - 86,400,000; blank keeps the default.");
        ttlHint.getStyleClass().add("form-hint");
        ttlHint.setWrapText(true);
        d.row("Default overage", policy)
                .row("Default TTL (ms)", ttl)
                .row("Max TTL (ms)", maxTtl)
                .row("", ttlHint)
                .validation(form.validationMessageProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.validProperty().not().or(form.submittingProperty()))
                .onSubmit(closeIt -> form.submit(t -> {
                    closeIt.run();
                    vm.replace(t);
                    table.getSelectionModel().select(t);
                    vm.selectedProperty().set(t);
                }));
        d.show();
        (edit ? name : id).requestFocus();
    }

    @FXML
    private void onSuspend() {
        Tenant t = vm.selectedProperty().get();
        new ConfirmDialog(root.getScene().getWindow(), "confirm-suspend", "Suspend tenant " + t.tenantId() + "?",
                "Suspending '" + t.name() + "' blocks all API access for this tenant and its keys until it is reactivated.",
                "Suspend", true).show((r, done, failed) -> vm.suspend(t, done, failed));
    }

    @FXML
    private void onReactivate() {
        Tenant t = vm.selectedProperty().get();
        new ConfirmDialog(root.getScene().getWindow(), "confirm-reactivate", "Reactivate tenant " + t.tenantId() + "?",
                "Reactivating '" + t.name() + "' restores API access.", "Reactivate", false).show((r, done, failed) -> vm.reactivate(t, done, failed));
    }

    /** "Root only" and every loaded tenant that is a parent of a loaded one. */
    private void addParentChoices() {
        java.util.List<String> next = new java.util.ArrayList<>(java.util.List.of("", ParentFilter.ROOT));
        vm.loadedTenants().stream().map(Tenant::parentTenantId).filter(p -> p != null && !p.isBlank()).distinct().sorted().forEach(next::add);
        next.removeAll(parent.getItems());
        parent.getItems().addAll(next);
    }

    @FXML
    private void onRerunCascade() {
        Tenant t = vm.selectedProperty().get();
        new ConfirmDialog(root.getScene().getWindow(), "confirm-cascade", "Re-run the close cascade of " + t.tenantId() + "?",
                vm.closedBanner().rerunText(), "Re-run cascade", true).show((r, done, failed) -> vm.closedBanner().rerun(done, failed));
    }

    @FXML
    private void onClose() {
        Tenant t = vm.selectedProperty().get();
        new ConfirmDialog(root.getScene().getWindow(), "confirm-close", "Permanently close tenant " + t.tenantId() + "?",
                vm.closeWarning(t), "Close permanently", true)
                .requireTyping(t.tenantId())
                .show((r, done, failed) -> vm.close(t, done, failed));
    }
}
