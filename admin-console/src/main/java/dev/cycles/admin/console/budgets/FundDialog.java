package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.domain.FundingText;
import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.LedgerFigures;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;

import java.util.Locale;
import java.util.function.Function;

/**
 * The Fund dialog of the budgets screen: operation, amount, spent override, reason, and a
 * now/after preview of every figure. Kept apart from {@link BudgetsView}, which is the list and
 * its detail pane.
 */
final class FundDialog {
    private FundDialog() {
    }

    /** Shows the dialog for {@code b}; {@code afterFunding} runs once the server accepted the operation. */
    static void show(Window owner, Ctx ctx, BudgetLedger b, Runnable afterFunding) {
        FundViewModel form = new FundViewModel(ctx, b);
        FormDialog d = new FormDialog(owner, "fund-form", "Fund " + b.scope() + " (" + b.unit() + ")", "Apply");
        ComboBox<FundingOperation> op = new ComboBox<>(FXCollections.observableArrayList(FundingOperation.values()));
        op.setId("fund-operation");
        op.valueProperty().bindBidirectional(form.operationProperty());
        op.setMaxWidth(Double.MAX_VALUE);
        Label explain = new Label();
        explain.setWrapText(true);
        explain.getStyleClass().add("form-hint");
        explain.textProperty().bind(Bindings.createStringBinding(() -> FundingText.explain(form.operationProperty().get()),
                form.operationProperty()));
        TextField amount = new TextField();
        amount.setId("fund-amount");
        amount.setPromptText(Amounts.hint(b.unit()));
        amount.textProperty().bindBidirectional(form.amountProperty());
        TextField spent = new TextField();
        spent.setId("fund-spent");
        spent.setPromptText("blank = reset spent to 0");
        spent.textProperty().bindBidirectional(form.spentProperty());
        spent.disableProperty().bind(form.operationProperty().isNotEqualTo(FundingOperation.RESET_SPENT));
        TextField reason = new TextField();
        reason.setId("fund-reason");
        reason.setPromptText("optional, kept in the audit log");
        reason.textProperty().bindBidirectional(form.reasonProperty());
        GridPane preview = new GridPane();
        preview.setId("fund-preview");
        preview.setHgap(18);
        preview.setVgap(4);
        preview.getStyleClass().add("preview");
        Runnable redraw = () -> drawPreview(preview, form);
        form.afterProperty().addListener((o, x, y) -> redraw.run());
        redraw.run();
        d.row("Operation", op).row("", explain).row("Amount", amount).row("Spent override", spent).row("Reason", reason)
                .wide(preview)
                .validation(form.problemProperty())
                .serverError(form.serverErrorProperty(), form.serverErrorRawProperty())
                // a predicted refusal (or input that is not an amount) leaves nothing to apply
                .disableOkWhen(form.submittingProperty().or(form.validProperty().not()))
                .onSubmit(close -> form.submit(r -> {
                    close.run();
                    afterFunding.run();
                }));
        d.dialog().getDialogPane().setPrefWidth(640);
        form.operationProperty().addListener((o, x, opNow) -> {
            d.okButton().getStyleClass().remove("danger");
            d.okButton().setDefaultButton(opNow != FundingOperation.DEBIT);
            if (opNow == FundingOperation.DEBIT) {
                d.okButton().getStyleClass().add("danger");
            }
        });
        d.show();
        amount.requestFocus();
    }

    private static void drawPreview(GridPane g, FundViewModel form) {
        g.getChildren().clear();
        LedgerFigures before = form.before();
        LedgerFigures after = form.afterProperty().get();
        UnitEnum u = form.unit();
        g.addRow(0, head(""), rightHead("Now"), rightHead("After"));
        Function<LedgerFigures, Long> alloc = LedgerFigures::allocated;
        int r = 1;
        r = previewRow(g, r, "Allocated", u, before, after, alloc);
        r = previewRow(g, r, "Spent", u, before, after, LedgerFigures::spent);
        r = previewRow(g, r, "Reserved", u, before, after, LedgerFigures::reserved);
        r = previewRow(g, r, "Debt", u, before, after, LedgerFigures::debt);
        previewRow(g, r, "Remaining", u, before, after, LedgerFigures::remaining);
    }

    private static Node rightHead(String text) {
        StackPane p = new StackPane(head(text));
        StackPane.setAlignment(p.getChildren().get(0), Pos.CENTER_RIGHT);
        return p;
    }

    private static Node head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("preview-head");
        return l;
    }

    private static int previewRow(GridPane g, int row, String name, UnitEnum u, LedgerFigures before, LedgerFigures after,
                                  Function<LedgerFigures, Long> f) {
        Label now = new Label(Amounts.format(u, f.apply(before)));
        Label next = new Label(after == null ? "—" : Amounts.format(u, f.apply(after)));
        next.setId("preview-" + name.toLowerCase(Locale.ROOT));
        if (after != null && !f.apply(after).equals(f.apply(before))) {
            next.getStyleClass().add("changed");
        }
        if (after != null && f.apply(after) < 0) {
            next.getStyleClass().add("negative");
        }
        StackPane a = new StackPane(now);
        StackPane.setAlignment(now, Pos.CENTER_RIGHT);
        StackPane b = new StackPane(next);
        StackPane.setAlignment(next, Pos.CENTER_RIGHT);
        a.setMinWidth(140);
        b.setMinWidth(140);
        g.addRow(row, new Label(name), a, b);
        return row + 1;
    }
}
