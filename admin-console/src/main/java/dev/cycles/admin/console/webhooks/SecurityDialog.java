package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.FormDialog;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** View and edit the webhook security config (SSRF guard of every webhook URL). */
final class SecurityDialog {
    private SecurityDialog() {
    }

    static void show(Window owner, SecurityFormViewModel form) {
        FormDialog d = new FormDialog(owner, "security-form", "Webhook security config", "Save");
        Label explain = new Label("Every webhook URL is checked against these rules on create and update, and again before each "
                + "delivery. Changes apply to later creates and updates; existing subscriptions are not re-checked. "
                + "0.0.0.0/8, 169.254.0.0/16 (cloud metadata), multicast and fe80::/10 are always blocked.");
        explain.setWrapText(true);
        explain.getStyleClass().add("form-hint");
        TextArea blocked = area("security-blocked", "one CIDR range a line, e.g. 10.0.0.0/8");
        blocked.textProperty().bindBidirectional(form.blockedProperty());
        blocked.setPrefRowCount(8); // the seven default ranges fit without scrolling
        TextArea patterns = area("security-patterns", "empty = any URL; else one glob a line, e.g. https://hooks.example.com/*");
        patterns.textProperty().bindBidirectional(form.patternsProperty());
        CheckBox http = new CheckBox("Allow http (not https) webhook URLs");
        http.setId("security-allow-http");
        http.selectedProperty().bindBidirectional(form.allowHttpProperty());
        Button defaults = new Button("Restore defaults");
        defaults.setId("security-defaults");
        defaults.setOnAction(e -> form.defaults());
        for (var n : new javafx.scene.Node[] {blocked, patterns, http, defaults}) {
            n.disableProperty().bind(form.loadedProperty().not());
        }
        d.wide(explain).row("Blocked ranges", blocked).row("Allowed URLs", patterns).row("", http).row("", defaults)
                .validation(form.problemProperty())
                .serverError(form.serverErrorProperty())
                .disableOkWhen(form.submittingProperty().or(form.loadedProperty().not()))
                .onSubmit(close -> form.submit(saved -> close.run()));
        d.dialog().getDialogPane().setPrefWidth(640);
        form.load();
        d.show();
    }

    private static TextArea area(String id, String prompt) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setPrefRowCount(5);
        a.getStyleClass().add("mono");
        return a;
    }
}
