package dev.cycles.admin.console.connection;

import dev.cycles.admin.console.common.Views;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.Locale;

/** Connection screen controller. */
public final class ConnectionView {
    private final ConnectionViewModel vm;
    private final Parent root;

    @FXML private ListView<Profile> profiles;
    @FXML private TextField name, url, runtimeUrl;
    @FXML private PasswordField key;
    @FXML private ColorPicker colour;
    @FXML private CheckBox saveKey;
    @FXML private Button connect, save, delete, local, disconnectHere;
    @FXML private Label result, error;
    @FXML private ProgressIndicator spinner;

    public ConnectionView(ConnectionViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "ConnectionView.fxml");
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        profiles.setItems(vm.profiles());
        profiles.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Profile p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(p.name() + (p.isLocal() ? "" : "\n" + p.url()));
                Rectangle swatch = new Rectangle(10, 28, Color.web(p.colour() == null ? "#888888" : p.colour()));
                setGraphic(swatch);
            }
        });
        profiles.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> vm.selectedProperty().set(p));
        profiles.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.connectSelected();
            }
        });
        name.textProperty().bindBidirectional(vm.nameProperty());
        url.textProperty().bindBidirectional(vm.urlProperty());
        key.textProperty().bindBidirectional(vm.adminKeyProperty());
        runtimeUrl.textProperty().bindBidirectional(vm.runtimeUrlProperty());
        runtimeUrl.promptTextProperty().bind(javafx.beans.binding.Bindings.concat(vm.runtimeDefaultProperty(), "  (default: same host, port 7878)"));
        saveKey.selectedProperty().bindBidirectional(vm.saveKeyProperty());
        colour.setValue(Color.web(vm.colourProperty().get()));
        colour.valueProperty().addListener((o, a, c) -> vm.colourProperty().set(hex(c)));
        vm.colourProperty().addListener((o, a, h) -> colour.setValue(Color.web(h)));
        result.textProperty().bind(vm.resultProperty());
        error.textProperty().bind(vm.errorProperty());
        spinner.visibleProperty().bind(vm.connectingProperty());
        // locked after repeated rejected keys: the button counts down ("Locked (12 s)") and stays disabled
        connect.disableProperty().bind(vm.connectingProperty().or(vm.lockSecondsProperty().greaterThan(0)));
        connect.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.lockSecondsProperty().get() > 0 ? "Locked (" + vm.lockSecondsProperty().get() + " s)" : "Connect",
                vm.lockSecondsProperty()));
        javafx.animation.Timeline countdown = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> vm.tick()));
        countdown.setCycleCount(javafx.animation.Animation.INDEFINITE);
        vm.lockSecondsProperty().addListener((o, a, n) -> {
            if (n.longValue() > 0) {
                countdown.play();
            } else {
                countdown.stop();
            }
        });
        local.disableProperty().bind(vm.connectingProperty());
        disconnectHere.disableProperty().bind(vm.connectedProperty().not());
        delete.disableProperty().bind(profiles.getSelectionModel().selectedItemProperty().isNull());
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    @FXML
    private void onConnect() {
        Profile p = vm.selectedProperty().get();
        if (p != null && p.isLocal() && p.name().equals(vm.nameProperty().get()) && !vm.urlProperty().get().startsWith("http")) {
            vm.startLocal();
        } else {
            vm.connect();
        }
    }

    @FXML
    private void onSave() {
        vm.saveProfile();
    }

    @FXML
    private void onDelete() {
        vm.deleteProfile();
    }

    @FXML
    private void onDisconnect() {
        DisconnectConfirm.ask(root.getScene().getWindow(), vm);
    }

    @FXML
    private void onLocal() {
        vm.startLocal();
    }
}
