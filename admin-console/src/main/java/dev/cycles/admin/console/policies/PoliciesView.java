package dev.cycles.admin.console.policies;

import dev.cycles.admin.console.common.domain.PolicyQueries;
import dev.cycles.admin.console.common.domain.PolicyRow;
import dev.cycles.admin.console.common.Badges;
import dev.cycles.admin.console.common.ExportDialog;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.TenantPicker;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.PolicyStatus;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;


/** Policies screen controller: bindings only. */
public final class PoliciesView {
    private final PoliciesViewModel vm;
    private final Parent root;

    @FXML private ComboBox<String> tenant;
    @FXML private TextField search;
    @FXML private ComboBox<PolicyStatus> status;
    @FXML private TableView<PolicyRow> table;
    @FXML private TableColumn<PolicyRow, String> colTenant, colName, colPattern, colStatus, colCaps, colWindow;
    @FXML private TableColumn<PolicyRow, Integer> colPriority;
    @FXML private Label summary;
    @FXML private Button create, edit, activity, export, copyJson;

    public PoliciesView(PoliciesViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "PoliciesView.fxml");
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TenantPicker.bind(tenant, vm.tenantPicker(), vm.tenantFilterProperty(), "policy-tenant-filter", vm::refresh, t -> true);
        search.textProperty().bindBidirectional(vm.searchProperty());
        status.getItems().add(null);
        status.getItems().addAll(PolicyStatus.values());
        status.setConverter(Fx.enumOrAny("Any status"));
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        summary.textProperty().bind(vm.summaryProperty());
        javafx.collections.transformation.SortedList<PolicyRow> sorted = new javafx.collections.transformation.SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        dev.cycles.admin.console.common.EmptyState.install(table, vm.ctx(), new dev.cycles.admin.console.common.EmptyState.Spec("policies",
                javafx.beans.binding.Bindings.when(vm.tenantFilterProperty().isEmpty())
                        .then("Policies are listed per tenant: choose a tenant above.")
                        .otherwise("This tenant has no policies yet. Create one with Create policy (Ctrl+N)."),
                "Choose Any status, clear the search, or choose another tenant.",
                dev.cycles.admin.console.common.EmptyState.anySet(vm.statusFilterProperty(), vm.searchProperty()),
                vm::refresh, "Create policy", this::onCreate));
        colTenant.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().tenantId()));
        colName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().policy().name()));
        colPattern.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().policy().scopePattern()));
        colPattern.getStyleClass().add("mono-col");
        colPattern.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colPriority.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().policy().priority()));
        colPriority.setStyle("-fx-alignment: CENTER-RIGHT;");
        colStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(vm.state(c.getValue().policy())));
        colStatus.setCellFactory(Badges.cell());
        colCaps.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(PolicyQueries.capsSummary(c.getValue().policy())));
        colCaps.setCellFactory(Fx.cell(s -> s, s -> s, false));
        colWindow.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(PoliciesViewModel.window(c.getValue().policy())));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> buttons());
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && vm.selectedProperty().get() != null) {
                onEdit();
            }
        });
        buttons();
        activity.setTooltip(new Tooltip("Audit entries of the selected policy"));
        dev.cycles.admin.console.common.RowMenu.on(table).copyId(r -> r.policy().policyId()).copyJson(PolicyRow::policy)
                .activity(vm::activity)
                .separator()
                .button("menu-edit", "Edit…", edit);
    }

    private void buttons() {
        boolean none = vm.selectedProperty().get() == null;
        edit.setDisable(none);
        activity.setDisable(none);
        copyJson.setDisable(none);
    }

    @FXML
    private void onCreate() {
        open(new PolicyFormViewModel(vm.ctx(), null, vm.tenantFilterProperty().get()), root.getScene().getWindow(),
                vm.tenantChoices(), vm::replace);
    }

    @FXML
    private void onEdit() {
        PolicyRow r = vm.selectedProperty().get();
        if (r != null) {
            open(new PolicyFormViewModel(vm.ctx(), r, null), root.getScene().getWindow(), vm.tenantChoices(), vm::replace);
        }
    }

    @FXML
    private void onActivity() {
        vm.activity(vm.selectedProperty().get());
    }

    @FXML
    private void onCopyJson() {
        PolicyRow r = vm.selectedProperty().get();
        if (r != null) {
            Fx.copyJson(r.policy());
            vm.ctx().status().info("Copied policy " + r.policy().policyId() + " as JSON");
        }
    }

    @FXML
    private void onExport() {
        ExportDialog.open(root, vm.ctx(), vm.exportSpec(), "Export policies");
    }

    public void focusSearch() {
        search.requestFocus();
    }

    public void create() {
        onCreate();
    }

    private static TextField field(String id, String prompt, StringProperty p, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        if (width > 0) {
            f.setPrefWidth(width);
        }
        HBox.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    private static HBox line(javafx.scene.Node... nodes) {
        HBox h = new HBox(8, nodes);
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }

    private static Label unit(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /** The create / edit form; also opened from the tenant detail. */
    public static void open(PolicyFormViewModel form, Window owner, ObservableList<String> tenants,
                            java.util.function.Consumer<PolicyRow> saved) {
        boolean edit = form.isEdit();
        FormDialog d = new FormDialog(owner, "policy-form", edit ? "Edit policy " + form.nameProperty().get() : "Create policy",
                edit ? "Save" : "Create policy");
        ComboBox<String> t = new ComboBox<>(tenants);
        t.setEditable(true);
        t.setId("policy-tenant");
        t.getEditor().setId("policy-tenant-editor");
        t.getEditor().textProperty().bindBidirectional(form.tenantIdProperty());
        t.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                form.tenantIdProperty().set(b);
            }
        });
        t.setMaxWidth(Double.MAX_VALUE);
        t.setDisable(edit);
        d.row("Tenant", t)
                .row("Name", field("policy-name", "e.g. prod-agents-cap", form.nameProperty(), 0))
                .row("Description", field("policy-description", "optional", form.descriptionProperty(), 0));
        HBox levels = new HBox(6);
        for (String kind : PolicyFormViewModel.LEVELS) {
            TextField f = field("policy-" + kind, kind, form.levelIdProperty(kind), 96);
            f.setTooltip(new Tooltip(kind + " id, or * for any " + kind + " (only in the last filled level)"));
            f.setDisable(edit);
            levels.getChildren().add(f);
        }
        CheckBox beneath = new CheckBox("and everything beneath it (/*)");
        beneath.setId("policy-descendants");
        beneath.selectedProperty().bindBidirectional(form.descendantsProperty());
        beneath.setDisable(edit);
        Label pattern = new Label();
        pattern.setId("policy-pattern");
        pattern.getStyleClass().addAll("mono", "figure");
        pattern.textProperty().bind(form.patternProperty());
        Label matchSummary = new Label();
        matchSummary.setId("policy-match-summary");
        matchSummary.getStyleClass().add("form-hint");
        matchSummary.textProperty().bind(form.matchSummaryProperty());
        ListView<String> matches = new ListView<>(form.matches());
        matches.setId("policy-matches");
        matches.setPrefHeight(96);
        matches.getStyleClass().add("mono");
        matches.setPlaceholder(new Label("No existing budget matches this pattern"));
        Label hint = new Label(edit ? "The scope pattern cannot be changed after creation."
                : "Fill levels from the top; put * as the id of the last level for \"any\", or tick \"everything beneath\".");
        hint.setWrapText(true);
        hint.getStyleClass().add("form-hint");
        d.row("Scope levels", levels).row("", line(beneath)).row("", hint).row("Pattern", pattern)
                .row("Matches", new VBox(4, matchSummary, matches));
        ComboBox<CommitOveragePolicy> overage = new ComboBox<>(FXCollections.observableArrayList(CommitOveragePolicy.values()));
        overage.getItems().add(0, null);
        overage.setId("policy-overage");
        overage.setConverter(Fx.enumOrAny("Not set (budget / tenant default)"));
        overage.valueProperty().bindBidirectional(form.overageProperty());
        overage.setMaxWidth(Double.MAX_VALUE);
        d.row("Priority", line(field("policy-priority", "0; higher wins", form.priorityProperty(), 110), unit("Overage"), overage))
                .row("Caps", line(unit("max tokens"), field("policy-max-tokens", "none", form.maxTokensProperty(), 0),
                        unit("max steps"), field("policy-max-steps", "none", form.maxStepsProperty(), 0),
                        unit("cooldown ms"), field("policy-cooldown", "none", form.cooldownMsProperty(), 0)))
                .row("Tools", line(unit("allow"), field("policy-allow", "any tool, e.g. search, fetch", form.allowToolsProperty(), 0),
                        unit("deny"), field("policy-deny", "none, e.g. shell", form.denyToolsProperty(), 0)))
                .row("Rate limits", line(field("policy-rpm", "no limit", form.reservationsPerMinuteProperty(), 0), unit("reservations / min"),
                        field("policy-cpm", "no limit", form.commitsPerMinuteProperty(), 0), unit("commits / min")))
                .row("TTL override", line(unit("default ms"), field("policy-ttl", "tenant's", form.defaultTtlProperty(), 0),
                        unit("max ms"), field("policy-max-ttl", "tenant's", form.maxTtlProperty(), 0),
                        unit("extensions"), field("policy-max-ext", "tenant's", form.maxExtensionsProperty(), 0)))
                .row("Effective", line(unit("from"), field("policy-from", "now (2026-01-31 or 2026-01-31 14:30)", form.effectiveFromProperty(), 0),
                        unit("until"), field("policy-until", "no end", form.effectiveUntilProperty(), 0)));
        if (edit) {
            ComboBox<PolicyStatus> st = new ComboBox<>(FXCollections.observableArrayList(PolicyStatus.values()));
            st.setId("policy-status");
            st.valueProperty().bindBidirectional(form.statusProperty());
            d.row("Status", st);
        }
        d.validation(form.validationProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.validProperty().not().or(form.submittingProperty()))
                .onSubmit(close -> form.submit(row -> {
                    close.run();
                    saved.accept(row);
                }));
        d.dialog().getDialogPane().setPrefWidth(820);
        d.dialog().getDialogPane().setMinWidth(820);
        form.loadBudgets();
        d.show();
        (edit ? d.okButton() : t.getEditor().getText().isEmpty() ? t : (javafx.scene.Node) d.dialog().getDialogPane().lookup("#policy-name")).requestFocus();
    }
}
