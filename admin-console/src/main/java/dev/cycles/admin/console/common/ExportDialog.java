package dev.cycles.admin.console.common;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;

/** Export of a whole list to CSV or JSON: format, file, progress bar, Cancel (stops the job, or closes). */
public final class ExportDialog<T> {
    private final FormDialog form;
    private final ExportJob<T> job;

    public ExportDialog(Window owner, Ctx ctx, Export.Spec<T> spec, String title, Path folder) {
        job = new ExportJob<>(ctx, spec, Platform::runLater);
        form = new FormDialog(owner, "export-dialog", title, "Export");
        ComboBox<Export.Format> format = new ComboBox<>(FXCollections.observableArrayList(Export.Format.values()));
        format.setId("export-format");
        format.setValue(Export.Format.CSV);
        format.setMaxWidth(Double.MAX_VALUE);
        TextField path = new TextField(folder.resolve(job.defaultFileName(Export.Format.CSV)).toString());
        path.setId("export-path");
        HBox.setHgrow(path, Priority.ALWAYS);
        format.valueProperty().addListener((o, a, f) -> {
            String p = path.getText();
            if (p.endsWith("." + a.extension)) {
                path.setText(p.substring(0, p.length() - a.extension.length()) + f.extension);
            }
        });
        Button browse = new Button("Browse…");
        browse.setId("export-browse");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(title);
            File current = new File(path.getText());
            if (current.getParentFile() != null && current.getParentFile().isDirectory()) {
                fc.setInitialDirectory(current.getParentFile());
            }
            fc.setInitialFileName(current.getName());
            File chosen = fc.showSaveDialog(form.dialog().getDialogPane().getScene().getWindow());
            if (chosen != null) {
                path.setText(chosen.getPath());
            }
        });
        Label hint = new Label("Every page of the current query is fetched (not just the rows loaded), with the screen's filters applied."
                + " CSV cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas.");
        hint.setWrapText(true);
        hint.getStyleClass().add("form-hint");
        ProgressBar bar = new ProgressBar(0);
        bar.setId("export-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(job.progressProperty());
        Label msg = new Label();
        msg.setId("export-message");
        msg.setWrapText(true);
        msg.textProperty().bind(job.messageProperty());
        HBox file = new HBox(8, path, browse);
        form.row("Format", format).row("File", file).row("", hint).wide(bar).wide(msg);
        form.okButton().setId("export-start");
        form.okButton().disableProperty().bind(job.runningProperty().or(path.textProperty().isEmpty()));
        Button cancel = (Button) form.dialog().getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("export-cancel");
        cancel.addEventFilter(ActionEvent.ACTION, e -> {
            if (job.runningProperty().get()) {
                e.consume(); // first Cancel stops the job; the dialog stays to say so
                job.cancel();
            }
        });
        form.dialog().setOnCloseRequest(e -> job.cancel());
        form.onSubmit(close -> job.start(Path.of(path.getText().trim()), format.getValue(), n -> {
            cancel.setText("Close");
            ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        }));
    }

    public ExportJob<T> job() {
        return job;
    }

    /** Opens the export of a list screen over the window holding {@code screen}, suggesting a file in the home folder. */
    public static <T> void open(javafx.scene.Node screen, Ctx ctx, Export.Spec<T> spec, String title) {
        new ExportDialog<>(screen.getScene().getWindow(), ctx, spec, title, Path.of(System.getProperty("user.home"))).show();
    }

    public void show() {
        form.show();
    }
}
