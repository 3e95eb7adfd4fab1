package dev.cycles.admin.console.reservations;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.FormDialog;
import dev.cycles.admin.model.runtime.Balance;
import dev.cycles.admin.model.runtime.ReleaseResponse;
import dev.cycles.admin.model.runtime.Reservation;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.time.ZoneId;

/**
 * Force release: what will be released, a required reason, a red button; then a result dialog
 * with what went back and the balances the server reports after it. Kept apart from
 * {@link ReservationsView}, which is the list and its details.
 */
final class ForceReleaseDialog {
    private ForceReleaseDialog() {
    }

    /** {@code afterRelease} runs once the server released the reservation (the list re-reads it). */
    static void show(Window owner, Ctx ctx, Reservation r, Runnable afterRelease) {
        ForceReleaseFormViewModel form = new ForceReleaseFormViewModel(ctx, r);
        FormDialog d = new FormDialog(owner, "release-form", "Force release " + r.reservationId(), "Force release");
        d.row("Tenant", fact(r.subject() == null ? "" : r.subject().tenant()))
                .row("Scope", fact(r.scopePath()))
                .row("Holds", fact(ReservationDetails.amount(r.reserved()) + "  on " + count(r) + " budget(s)"))
                .row("Expires", fact(ReservationDetails.time(r.expiresAtMs(), ZoneId.systemDefault())));
        Label explain = new Label("The whole hold goes back to every affected budget now. The agent that made the "
                + "reservation can no longer commit it; its commit will be refused.");
        explain.setWrapText(true);
        explain.getStyleClass().add("form-hint");
        TextArea reason = new TextArea();
        reason.setId("release-reason");
        reason.setPromptText("required, kept in the audit log (e.g. agent crashed, hold stuck since 09:00)");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.textProperty().bindBidirectional(form.reasonProperty());
        d.wide(explain).row("Reason", reason)
                .validation(form.problemProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.submittingProperty().or(form.problemProperty().isNotEmpty()))
                .onSubmit(close -> form.submit(res -> {
                    close.run();
                    afterRelease.run();
                    showResult(owner, r, res);
                }));
        d.okButton().getStyleClass().add("danger");
        d.okButton().setDefaultButton(false); // Enter in the reason must not release by accident
        d.dialog().getDialogPane().setPrefWidth(620);
        d.show();
        reason.requestFocus();
        reason.end(); // the caret after the tag: the operator types why straight away
    }

    private static Label fact(String text) {
        Label l = new Label(text == null || text.isBlank() ? "-" : text);
        l.setWrapText(true);
        l.getStyleClass().add("mono");
        return l;
    }

    private static int count(Reservation r) {
        return r.affectedScopes() == null ? 0 : r.affectedScopes().size();
    }

    /** What the server did: released amount and each affected budget's figures after it. */
    static void showResult(Window owner, Reservation r, ReleaseResponse res) {
        Dialog<Void> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("Reservation released");
        d.setHeaderText("Released " + ReservationDetails.amount(res.released()) + " from " + r.reservationId());
        d.getDialogPane().setId("release-result");
        GridPane g = new GridPane();
        g.setHgap(18);
        g.setVgap(4);
        g.getStyleClass().add("preview");
        g.addRow(0, head("Budget"), head("Remaining"), head("Reserved"), head("Spent"), head("Debt"));
        int row = 1;
        if (res.balances() != null) {
            for (Balance b : res.balances()) {
                g.addRow(row++, cell(b.scopePath()), cell(ReservationDetails.amount(b.remaining())),
                        cell(ReservationDetails.amount(b.reserved())), cell(ReservationDetails.amount(b.spent())),
                        cell(ReservationDetails.amount(b.debt())));
            }
        }
        Label status = new Label("Status now " + res.status() + ". The audit log has the reason.");
        status.setId("release-result-status");
        VBox box = new VBox(10, status, g);
        box.setPadding(new Insets(12, 18, 6, 18));
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        ((Button) d.getDialogPane().lookupButton(ButtonType.CLOSE)).setId("release-result-close");
        d.getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        d.setResizable(true);
        d.show();
    }

    /** Figures are never cut: the dialog grows to fit them instead. */
    private static Label cell(String text) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static Label head(String text) {
        Label l = cell(text);
        l.getStyleClass().add("preview-head");
        return l;
    }
}
