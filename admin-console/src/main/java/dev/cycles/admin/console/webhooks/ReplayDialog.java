package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.FormDialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/** The replay window form; it stays open with the server's answer (how many events were queued). */
final class ReplayDialog {
    private ReplayDialog() {
    }

    static void show(Window owner, ReplayFormViewModel form, Runnable afterReplay) {
        FormDialog d = new FormDialog(owner, "replay-form", "Replay events to " + form.subscription().subscriptionId(), "Replay");
        Label explain = new Label("Events of the window that this subscription selects (its event types and categories) are "
                + "delivered again, oldest first, each as a new delivery. The server refuses a window holding more than "
                + "max events; replaying twice delivers twice.");
        explain.setWrapText(true);
        explain.getStyleClass().add("form-hint");
        TextField from = WebhookDialog.field("replay-from", form.fromProperty(), "2026-01-31 or 2026-01-31 14:30");
        TextField to = WebhookDialog.field("replay-to", form.toProperty(), "a date includes that day");
        TextField max = WebhookDialog.field("replay-max", form.maxEventsProperty(), "1-1000");
        max.setPrefColumnCount(6);
        Label result = new Label();
        result.setId("replay-result");
        result.setWrapText(true);
        result.getStyleClass().add("form-ok");
        result.textProperty().bind(form.resultProperty());
        result.managedProperty().bind(form.resultProperty().isNotEmpty());
        Label zone = new Label("Local times are in " + java.time.ZoneId.systemDefault().getId() + "; RFC 3339 with Z is UTC.");
        zone.getStyleClass().add("form-hint");
        d.wide(explain).row("From", from).row("To", to).wide(zone).row("Max events", new HBox(max)).wide(result)
                .validation(form.problemProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.submittingProperty().or(form.problemProperty().isNotEmpty()))
                .onSubmit(close -> form.submit());
        form.resultProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                afterReplay.run();
                ((javafx.scene.control.Button) d.dialog().getDialogPane().lookupButton(javafx.scene.control.ButtonType.CANCEL)).setText("Close");
                d.dialog().getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        d.dialog().getDialogPane().setPrefWidth(600);
        d.show();
        from.requestFocus();
    }
}
