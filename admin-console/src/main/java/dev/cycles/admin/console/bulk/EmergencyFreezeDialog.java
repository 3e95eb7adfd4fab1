package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.model.BudgetLedger;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/** Emergency freeze: the tenant's ACTIVE budgets listed, a required reason, the tenant id typed; then the per-budget result. */
public final class EmergencyFreezeDialog {
    private EmergencyFreezeDialog() {
    }

    public static EmergencyFreezeViewModel show(Window owner, Ctx ctx, String tenantId, Runnable afterFreeze) {
        EmergencyFreezeViewModel vm = new EmergencyFreezeViewModel(ctx, tenantId);
        FormDialog d = new FormDialog(owner, "freeze-all", "Emergency freeze of tenant " + tenantId, "Freeze all");
        Label explain = new Label("Freezes every ACTIVE budget of " + tenantId + " now: new reservations and funding on them "
                + "are refused until each is unfrozen (Budgets screen). Frozen and closed budgets are left as they are.");
        explain.setWrapText(true);
        explain.getStyleClass().add("form-hint");
        Label count = new Label();
        count.setId("freeze-all-count");
        count.getStyleClass().add("detail-title");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.loadingProperty().get() ? "Reading the active budgets…"
                : vm.active().size() + " active " + (vm.active().size() == 1 ? "budget" : "budgets") + " will be frozen:",
                vm.loadingProperty(), vm.active()));
        ListView<BudgetLedger> list = new ListView<>(vm.active());
        list.setId("freeze-all-list");
        list.setPrefHeight(150);
        list.setMinHeight(80);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(BudgetLedger b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : b.scope() + "   (" + Amounts.unitLabel(b.unit()) + ", remaining "
                        + Amounts.format(b.remaining()) + ")");
            }
        });
        TextField reason = new TextField();
        reason.setId("freeze-all-reason");
        reason.setPromptText("required, e.g. runaway agent, suspected key leak");
        reason.textProperty().bindBidirectional(vm.reasonProperty());
        TextField typed = new TextField();
        typed.setId("freeze-all-typed");
        typed.setPromptText("type " + tenantId + " to confirm");
        typed.textProperty().bindBidirectional(vm.typedTenantProperty());
        d.wide(explain).wide(count).wide(list).row("Reason", reason).row("Tenant ID", typed)
                .validation(vm.problemProperty())
                .serverError(vm.serverErrorProperty())
                .disableOkWhen(vm.validProperty().not())
                .onSubmit(close -> vm.submit(res -> {
                    close.run();
                    afterFreeze.run();
                    BulkResultDialog.show(owner, res, vm.active().stream().collect(java.util.stream.Collectors.toMap(
                            BudgetLedger::ledgerId, BudgetLedger::scope, (a, b) -> a)));
                }));
        d.okButton().getStyleClass().add("danger");
        d.okButton().setDefaultButton(false);
        d.dialog().getDialogPane().setPrefWidth(680);
        d.dialog().getDialogPane().setMinWidth(660);
        d.show();
        vm.load();
        reason.requestFocus();
        return vm;
    }
}
