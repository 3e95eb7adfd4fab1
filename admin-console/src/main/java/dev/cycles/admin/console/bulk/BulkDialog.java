package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

import java.util.Set;

/**
 * The bulk-action dialog shared by tenants, budgets and webhooks: action (and amount), the preview
 * of exactly what will be touched with the server's count, the typed count that unlocks Apply,
 * and, after Apply, {@link BulkResultDialog} with every row's outcome. A count mismatch stays in
 * this dialog with "Preview again".
 */
public final class BulkDialog {
    /** Actions that cannot be undone get the red button. */
    private static final Set<String> DESTRUCTIVE = Set.of("CLOSE", "DELETE", "DEBIT", "RESET", "RESET_SPENT");

    private BulkDialog() {
    }

    /** Opens the dialog and starts the preview; {@code afterApply} runs once the server answered (the list re-reads). */
    public static BulkFormViewModel show(Window owner, Ctx ctx, BulkTarget target, String action, Runnable afterApply) {
        BulkFormViewModel vm = new BulkFormViewModel(ctx, target, action);
        FormDialog d = new FormDialog(owner, "bulk-form", "Bulk action on " + target.scopeText(), "Apply");
        ComboBox<String> actions = new ComboBox<>(FXCollections.observableArrayList(target.actions()));
        actions.setId("bulk-action");
        actions.valueProperty().bindBidirectional(vm.actionProperty());
        Label explain = new Label();
        explain.setWrapText(true);
        explain.getStyleClass().add("form-hint");
        explain.textProperty().bind(Bindings.createStringBinding(() -> target.explain(vm.actionProperty().get()), vm.actionProperty()));
        d.row("Action", actions).wide(explain);
        if (target.needsAmount(vm.actionProperty().get())) {
            TextField amount = new TextField();
            amount.setId("bulk-amount");
            amount.textProperty().bindBidirectional(vm.amountProperty());
            amount.promptTextProperty().bind(Bindings.createStringBinding(() -> {
                UnitEnum u = vm.unit();
                return u == null ? "amount in the budgets' unit" : Amounts.hint(u) + " (" + Amounts.unitLabel(u) + ")";
            }, vm.countProperty()));
            d.row("Amount (each)", amount);
        }
        if (target.hasReason(vm.actionProperty().get())) {
            TextField reason = new TextField();
            reason.setId("bulk-reason");
            reason.setPromptText("optional, kept in the audit log");
            reason.textProperty().bindBidirectional(vm.reasonProperty());
            d.row("Reason", reason);
        }
        Label count = new Label();
        count.setId("bulk-count");
        count.setWrapText(true);
        count.getStyleClass().add("detail-title");
        count.textProperty().bind(Bindings.createStringBinding(() -> countText(vm), vm.countProperty(), vm.previewingProperty()));
        Button again = new Button("Preview again");
        again.setId("bulk-repreview");
        again.setMinWidth(Button.USE_PREF_SIZE);
        again.disableProperty().bind(vm.previewingProperty());
        again.setOnAction(e -> vm.preview());
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, count, gap, again);
        head.setAlignment(Pos.CENTER_LEFT);
        ListView<BulkRow> preview = new ListView<>(vm.rows());
        preview.setId("bulk-preview");
        preview.setPrefHeight(170);
        preview.setMinHeight(90);
        preview.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(BulkRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.line());
            }
        });
        Label mismatch = new Label();
        mismatch.setId("bulk-mismatch");
        mismatch.setWrapText(true);
        mismatch.getStyleClass().add("form-error");
        mismatch.textProperty().bind(vm.mismatchProperty());
        mismatch.visibleProperty().bind(vm.mismatchProperty().isNotEmpty());
        mismatch.managedProperty().bind(mismatch.visibleProperty());
        Label refusals = new Label();
        refusals.setId("bulk-refusals");
        refusals.setWrapText(true);
        refusals.getStyleClass().add("form-error");
        refusals.textProperty().bind(vm.refusalsProperty());
        refusals.visibleProperty().bind(vm.refusalsProperty().isNotEmpty());
        refusals.managedProperty().bind(refusals.visibleProperty());
        TextField typed = new TextField();
        typed.setId("bulk-typed");
        typed.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.countProperty().get() < 0 ? ""
                : "type " + vm.countProperty().get() + " to confirm", vm.countProperty()));
        typed.textProperty().bindBidirectional(vm.typedCountProperty());
        d.wide(head).wide(preview).wide(mismatch).wide(refusals).row("Confirm count", typed)
                .validation(vm.problemProperty())
                .serverError(vm.serverErrorProperty())
                .disableOkWhen(vm.validProperty().not())
                .onSubmit(close -> vm.submit(res -> {
                    close.run();
                    afterApply.run();
                    BulkResultDialog.show(owner, res, BulkResultDialog.names(vm.rows()));
                }));
        d.okButton().setDefaultButton(false); // Enter in the count must not apply by accident
        // the dialog grows when the mismatch line appears instead of drawing it over the preview
        javafx.beans.value.ChangeListener<String> grow = (o, a, b) -> {
            if (d.dialog().getDialogPane().getScene() != null) {
                d.dialog().getDialogPane().getScene().getWindow().sizeToScene();
            }
        };
        vm.mismatchProperty().addListener(grow);
        vm.refusalsProperty().addListener(grow);
        vm.actionProperty().addListener((o, a, b) -> danger(d.okButton(), b));
        danger(d.okButton(), vm.actionProperty().get());
        d.dialog().getDialogPane().setPrefWidth(760);
        d.dialog().getDialogPane().setMinWidth(740); // a budget's scope and balance fit on one preview line
        d.show();
        vm.preview();
        typed.requestFocus();
        return vm;
    }

    private static void danger(Button ok, String action) {
        ok.getStyleClass().remove("danger");
        if (DESTRUCTIVE.contains(action)) {
            ok.getStyleClass().add("danger");
        }
    }

    private static String countText(BulkFormViewModel vm) {
        if (vm.previewingProperty().get()) {
            return "Reading the current set from the server…";
        }
        long n = vm.countProperty().get();
        String noun = vm.target().noun();
        if (n < 0) {
            return "No preview yet";
        }
        if (n > BulkTarget.MAX_ROWS) {
            return "More than " + BulkTarget.MAX_ROWS + " " + noun + " match";
        }
        return "This will touch exactly " + n + " " + (n == 1 ? noun.substring(0, noun.length() - 1) : noun) + ":";
    }
}
