package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.domain.BudgetUtilization;
import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Badges;
import dev.cycles.admin.console.common.ConfirmDialog;
import dev.cycles.admin.console.common.ExportDialog;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.SortOption;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;

import java.util.Locale;

/** Budgets screen controller. */
public final class BudgetsView {
    private final BudgetsViewModel vm;
    private final Parent root;

    @FXML private TextField tenant, scopePrefix;
    @FXML private ComboBox<BudgetStatus> status;
    @FXML private ComboBox<UnitEnum> unit;
    @FXML private ComboBox<SortOption> sort;
    @FXML private CheckBox overLimit, hasDebt, showClosed;
    @FXML private TextField utilMin, utilMax;
    @FXML private Label utilProblem;
    @FXML private TableView<BudgetLedger> table;
    @FXML private TableColumn<BudgetLedger, String> colTenant, colUnit, colStatus, colOverage;
    @FXML private TableColumn<BudgetLedger, BudgetLedger> colScope, colUtil, colRemaining, colDebt;
    @FXML private Label summary, detailScope, utilText, detailFacts;
    @FXML private HBox detailBadges;
    @FXML private javafx.scene.layout.FlowPane figures;
    @FXML private ProgressBar utilBar;
    @FXML private GridPane bars;
    @FXML private javafx.scene.control.MenuButton bulk;
    @FXML private Button loadMore, fund, edit, freeze, unfreeze, copyScope, copyJson, create, export, activity, events;

    public BudgetsView(BudgetsViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "BudgetsView.fxml");
    }

    public Parent root() {
        return root;
    }

    public BudgetsViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tenant.textProperty().bindBidirectional(vm.tenantFilterProperty());
        tenant.setOnAction(e -> vm.refresh());
        scopePrefix.textProperty().bindBidirectional(vm.scopePrefixProperty());
        scopePrefix.setOnAction(e -> vm.refresh());
        status.getItems().add(null);
        status.getItems().addAll(BudgetStatus.values());
        status.setConverter(Fx.enumOrAny("Any status"));
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        unit.getItems().add(null);
        unit.getItems().addAll(UnitEnum.values());
        unit.setConverter(Fx.enumOrAny("Any unit"));
        unit.valueProperty().bindBidirectional(vm.unitFilterProperty());
        sort.getItems().setAll(BudgetsViewModel.SORT_OPTIONS);
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        overLimit.selectedProperty().bindBidirectional(vm.overLimitOnlyProperty());
        hasDebt.selectedProperty().bindBidirectional(vm.hasDebtOnlyProperty());
        utilMin.textProperty().bindBidirectional(vm.utilMinProperty());
        utilMax.textProperty().bindBidirectional(vm.utilMaxProperty());
        utilProblem.textProperty().bind(vm.utilProblemProperty());
        showClosed.selectedProperty().bindBidirectional(vm.showClosedProperty());
        // how many rows the box hides, so a closed/revoked one is never silently out of sight
        showClosed.textProperty().bind(javafx.beans.binding.Bindings.concat("Show closed (", vm.terminalCountProperty(), ")"));
        summary.textProperty().bind(vm.summaryProperty());
        loadMore.visibleProperty().bind(vm.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());

        SortedList<BudgetLedger> sorted = new SortedList<>(vm.visibleBudgets());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        BudgetBulkMenu.fill(bulk, table, vm);
        dev.cycles.admin.console.common.EmptyState.install(table, vm.ctx(), new dev.cycles.admin.console.common.EmptyState.Spec("budgets",
                new javafx.beans.property.SimpleStringProperty("Create the first budget with Create budget (Ctrl+N): a tenant, a scope and an allocation."),
                "Clear the filters (tenant, scope prefix, unit, status, over limit, in debt) or tick Show closed.",
                dev.cycles.admin.console.common.EmptyState.anySet(vm.tenantFilterProperty(), vm.scopePrefixProperty(), vm.unitFilterProperty(), vm.statusFilterProperty(),
                        vm.overLimitOnlyProperty(), vm.hasDebtOnlyProperty()),
                vm::refresh, "Create budget", this::onCreate));
        colTenant.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().tenantId()));
        colScope.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        colScope.setComparator((a, b) -> a.scope().compareTo(b.scope()));
        colScope.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(BudgetLedger b, boolean empty) {
                super.updateItem(b, empty);
                if (empty || b == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setText(b.scope());
                setTooltip(new Tooltip(b.scope()));
                HBox badges = new HBox(4);
                if (Boolean.TRUE.equals(b.isOverLimit())) {
                    badges.getChildren().add(Badges.badge("OVER"));
                }
                if (BudgetsViewModel.hasDebt(b)) {
                    badges.getChildren().add(Badges.badge("DEBT"));
                }
                setGraphic(badges.getChildren().isEmpty() ? null : badges);
                setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            }
        });
        colUnit.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Amounts.unitLabel(c.getValue().unit())));
        colStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().name()));
        colStatus.setCellFactory(Badges.cell());
        colOverage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().commitOveragePolicy() == null
                ? "Inherit" : c.getValue().commitOveragePolicy().name()));
        colUtil.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        colUtil.setComparator((a, b) -> Double.compare(BudgetUtilization.of(a), BudgetUtilization.of(b)));
        colUtil.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(BudgetLedger b, boolean empty) {
                super.updateItem(b, empty);
                if (empty || b == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                double u = BudgetUtilization.of(b);
                ProgressBar bar = new ProgressBar(Math.min(1, u));
                bar.setPrefWidth(70);
                bar.getStyleClass().add("util-" + BudgetUtilization.band(u));
                Label pct = new Label(String.format(Locale.US, "%.0f%%", u * 100));
                pct.setMinWidth(40);
                HBox box = new HBox(6, bar, pct);
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
                setText(null);
                setTooltip(new Tooltip("spent " + Amounts.format(b.spent()) + " of allocated " + Amounts.format(b.allocated())));
            }
        });
        colRemaining.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        colRemaining.setComparator((a, b) -> Long.compare(a.remaining().amount(), b.remaining().amount()));
        colRemaining.setCellFactory(Fx.cell(b -> Amounts.format(b.remaining()), b -> Amounts.raw(b.unit(), b.remaining().amount()), true));
        colDebt.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        colDebt.setComparator((a, b) -> Long.compare(a.debt() == null ? 0 : a.debt().amount(), b.debt() == null ? 0 : b.debt().amount()));
        colDebt.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(BudgetLedger b, boolean empty) {
                super.updateItem(b, empty);
                getStyleClass().remove("negative");
                if (empty || b == null || b.debt() == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(Amounts.format(b.debt()));
                setTooltip(new Tooltip(Amounts.raw(b.unit(), b.debt().amount())));
                setStyle("-fx-alignment: CENTER-RIGHT;");
                if (BudgetsViewModel.hasDebt(b)) {
                    getStyleClass().add("negative");
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> showDetail(b));
        showDetail(null);
        dev.cycles.admin.console.common.RowMenu.on(table).copyId(BudgetLedger::ledgerId).copyJson()
                .activity(vm::activity)
                .events(vm.ctx(), b -> "Events of budget " + b.scope(), dev.cycles.admin.console.common.domain.ActivityLinks::budgetEvents)
                .button("menu-copy-scope", "Copy scope", copyScope)
                .separator()
                .button("menu-fund", "Fund…", fund)
                .button("menu-edit", "Edit…", edit)
                .button("menu-freeze", "Freeze…", freeze)
                .button("menu-unfreeze", "Unfreeze…", unfreeze);
    }

    private void showDetail(BudgetLedger b) {
        figures.getChildren().clear();
        detailBadges.getChildren().clear();
        LedgerBars.draw(bars, b);
        boolean none = b == null;
        fund.setDisable(none || b.status() != BudgetStatus.ACTIVE);
        edit.setDisable(none || b.status() == BudgetStatus.CLOSED);
        freeze.setDisable(none || b.status() != BudgetStatus.ACTIVE);
        unfreeze.setDisable(none || b.status() != BudgetStatus.FROZEN);
        copyScope.setDisable(none);
        copyJson.setDisable(none);
        activity.setDisable(none);
        events.setDisable(none);
        if (none) {
            detailScope.setText("Select a budget to see every balance figure");
            utilBar.setProgress(0);
            utilText.setText("");
            detailFacts.setText("");
            return;
        }
        detailScope.setText(b.scope());
        detailScope.setTooltip(new Tooltip(b.scope()));
        detailBadges.getChildren().addAll(Badges.badge(b.status().name()), Badges.badge(b.unit().name()));
        if (Boolean.TRUE.equals(b.isOverLimit())) {
            detailBadges.getChildren().add(Badges.badge("OVER LIMIT"));
        }
        if (BudgetsViewModel.hasDebt(b)) {
            detailBadges.getChildren().add(Badges.badge("DEBT"));
        }
        figure(0, "Allocated", b.unit(), b.allocated().amount(), "fig-allocated");
        figure(1, "Remaining", b.unit(), b.remaining().amount(), "fig-remaining");
        figure(2, "Reserved", b.unit(), val(b.reserved()), "fig-reserved");
        figure(3, "Spent", b.unit(), val(b.spent()), "fig-spent");
        figure(4, "Debt", b.unit(), val(b.debt()), "fig-debt");
        figure(5, "Overdraft limit", b.unit(), val(b.overdraftLimit()), "fig-overdraft");
        double u = BudgetUtilization.of(b);
        utilBar.setProgress(Math.min(1, u));
        utilBar.getStyleClass().removeIf(s -> s.startsWith("util-"));
        utilBar.getStyleClass().add("util-" + BudgetUtilization.band(u));
        utilText.setText(String.format(Locale.US, "%.1f%% utilized", u * 100));
        detailFacts.setText("Tenant " + b.tenantId() + "  ·  Overage: "
                + (b.commitOveragePolicy() == null ? "Inherit from tenant" : b.commitOveragePolicy())
                + "\nUpdated " + Fx.dateTime(b.updatedAt()) + "  ·  Created " + Fx.dateTime(b.createdAt()));
    }

    private static long val(dev.cycles.admin.model.Amount a) {
        return a == null || a.amount() == null ? 0 : a.amount();
    }

    /**
     * Six figures, three to a line when there is room and fewer when the pane is narrow (a fixed
     * grid made the detail pane scroll sideways at 1024 px); the raw stored value is on hover.
     */
    private void figure(int index, String name, UnitEnum unit, long value, String id) {
        Label l = new Label(name);
        l.getStyleClass().add("muted");
        Label v = new Label(Amounts.formatWithUnit(unit, value));
        v.setId(id);
        v.getStyleClass().add("figure");
        if ((name.equals("Debt") && value > 0) || (name.equals("Remaining") && value < 0)) {
            v.getStyleClass().add("negative");
        }
        v.setTooltip(new Tooltip(Amounts.raw(unit, value)));
        l.setMinWidth(105);
        l.setPrefWidth(105);
        v.setMinWidth(Label.USE_PREF_SIZE);
        HBox pair = new HBox(8, l, v);
        pair.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        pair.setPrefWidth(270);
        pair.setMinWidth(Region.USE_PREF_SIZE);
        figures.getChildren().add(pair);
    }

    @FXML
    private void onActivity() {
        vm.activity(vm.selectedProperty().get());
    }

    @FXML
    private void onEvents() {
        vm.events(vm.selectedProperty().get());
    }

    @FXML
    private void onExport() {
        ExportDialog.open(root, vm.ctx(), vm.exportSpec(), "Export budgets");
    }

    public void focusSearch() {
        scopePrefix.requestFocus();
    }

    public void create() {
        onCreate();
    }

    @FXML
    private void onLoadMore() {
        vm.loadMore();
    }

    @FXML
    private void onCopyJson() {
        BudgetLedger b = vm.selectedProperty().get();
        if (b != null) {
            Fx.copyJson(b);
            vm.ctx().status().info("Copied " + b.scope() + " as JSON");
        }
    }

    @FXML
    private void onCopyScope() {
        BudgetLedger b = vm.selectedProperty().get();
        if (b != null) {
            Fx.copy(b.scope());
            vm.ctx().status().info("Copied " + b.scope());
        }
    }

    private static ComboBox<CommitOveragePolicy> policyBox(String nullLabel) {
        ComboBox<CommitOveragePolicy> p = new ComboBox<>(FXCollections.observableArrayList(CommitOveragePolicy.values()));
        p.getItems().add(0, null);
        p.setConverter(Fx.enumOrAny(nullLabel));
        p.setMaxWidth(Double.MAX_VALUE);
        return p;
    }

    @FXML
    private void onCreate() {
        BudgetCreateViewModel form = new BudgetCreateViewModel(vm.ctx(), vm.tenantFilterProperty().get());
        FormDialog d = new FormDialog(root.getScene().getWindow(), "budget-form", "Create budget", "Create budget");
        ComboBox<String> t = dev.cycles.admin.console.common.TenantPicker.forForm(vm.ctx(), form.tenantIdProperty(), "budget-tenant", "tenant ID");
        d.row("Tenant", t);
        for (String kind : BudgetCreateViewModel.LEVELS) {
            TextField f = new TextField();
            f.setId("budget-" + kind);
            f.setPromptText("optional " + kind + " id");
            f.textProperty().bindBidirectional(form.levelIdProperty(kind));
            d.row("  " + kind, f);
        }
        Label preview = new Label();
        preview.setId("budget-scope-preview");
        preview.getStyleClass().add("mono");
        preview.setWrapText(true);
        preview.textProperty().bind(form.scopePreviewProperty());
        d.row("Will create as", preview);
        ComboBox<UnitEnum> u = new ComboBox<>(FXCollections.observableArrayList(UnitEnum.values()));
        u.setId("budget-unit");
        u.valueProperty().bindBidirectional(form.unitProperty());
        u.setMaxWidth(Double.MAX_VALUE);
        TextField alloc = new TextField();
        alloc.setId("budget-allocated");
        alloc.promptTextProperty().bind(Bindings.createStringBinding(() -> Amounts.hint(form.unitProperty().get()), form.unitProperty()));
        alloc.textProperty().bindBidirectional(form.allocatedProperty());
        TextField od = new TextField();
        od.setId("budget-overdraft");
        od.setPromptText("optional; 0 or blank = no overdraft");
        od.textProperty().bindBidirectional(form.overdraftProperty());
        ComboBox<CommitOveragePolicy> p = policyBox("Inherit from tenant");
        p.setId("budget-policy");
        p.valueProperty().bindBidirectional(form.policyProperty());
        d.row("Unit", u).row("Initial allocation", alloc).row("Overdraft limit", od).row("Commit overage", p)
                .validation(form.validationProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.validProperty().not().or(form.submittingProperty()))
                .onSubmit(close -> form.submit(l -> {
                    close.run();
                    vm.replace(l);
                    table.getSelectionModel().select(l);
                }));
        d.show();
        (t.getEditor().getText().isEmpty() ? t.getEditor() : alloc).requestFocus();
    }

    @FXML
    private void onEdit() {
        BudgetLedger b = vm.selectedProperty().get();
        BudgetEditViewModel form = new BudgetEditViewModel(vm.ctx(), b);
        FormDialog d = new FormDialog(root.getScene().getWindow(), "budget-edit", "Edit budget " + b.scope(), "Save");
        TextField od = new TextField();
        od.setId("budget-edit-overdraft");
        od.textProperty().bindBidirectional(form.overdraftProperty());
        ComboBox<CommitOveragePolicy> p = policyBox("Inherit from tenant");
        p.setId("budget-edit-policy");
        p.valueProperty().bindBidirectional(form.policyProperty());
        d.row("Overdraft limit", od).row("Commit overage", p)
                .validation(form.validationProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.validProperty().not().or(form.submittingProperty()))
                .onSubmit(close -> form.submit(l -> {
                    close.run();
                    vm.replace(l);
                }));
        d.show();
    }

    @FXML
    private void onFund() {
        BudgetLedger b = vm.selectedProperty().get();
        FundDialog.show(root.getScene().getWindow(), vm.ctx(), b, () -> vm.reload(b));
    }

    @FXML
    private void onFreeze() {
        BudgetLedger b = vm.selectedProperty().get();
        new ConfirmDialog(root.getScene().getWindow(), "confirm-freeze", "Freeze " + b.scope() + "?",
                "Freezing immediately blocks all reservations, commits and fund operations against scope '"
                        + b.scope() + "' (" + b.unit() + "). This can be reversed with Unfreeze.", "Freeze", true)
                .withReason("e.g. incident INC-123", "")
                .show((reason, done, failed) -> vm.freeze(b, reason, done, failed));
    }

    @FXML
    private void onUnfreeze() {
        BudgetLedger b = vm.selectedProperty().get();
        new ConfirmDialog(root.getScene().getWindow(), "confirm-unfreeze", "Unfreeze " + b.scope() + "?",
                "Unfreezing lets reservations, commits and fund operations against '" + b.scope() + "' run again.",
                "Unfreeze", false)
                .withReason("e.g. incident resolved", "")
                .show((reason, done, failed) -> vm.unfreeze(b, reason, done, failed));
    }
}
