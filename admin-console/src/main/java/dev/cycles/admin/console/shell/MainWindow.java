package dev.cycles.admin.console.shell;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Fx;
import dev.cycles.admin.console.common.Views;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableIntegerValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** Main window: header with the connection colour, navigation, content, status line with the last error. */
public final class MainWindow {
    private final Ctx ctx;
    private final ObservableIntegerValue inFlight;
    private final Map<Screen, Parent> screens = new EnumMap<>(Screen.class);
    private final Map<Screen, Runnable> refreshers = new EnumMap<>(Screen.class);
    private final Parent root;
    private Screen current;
    private Consumer<Screen> onShow = s -> { };

    @FXML private Region colourStrip;
    @FXML private Label connectionLabel, busyText, statusMessage, errorCode, errorMessage, requestId;
    @FXML private ProgressIndicator busy;
    @FXML private Button refresh, copyError, dismissError;
    @FXML private ToggleButton navConnection, navTenants, navBudgets, navKeys;
    @FXML private StackPane content;

    public MainWindow(Ctx ctx, ObservableIntegerValue inFlight) {
        this.ctx = ctx;
        this.inFlight = inFlight;
        this.root = Views.load(this, "MainWindow.fxml");
    }

    public Parent root() {
        return root;
    }

    public void add(Screen s, Parent view, Runnable refresh) {
        screens.put(s, view);
        refreshers.put(s, refresh);
    }

    @FXML
    private void initialize() {
        colourStrip.styleProperty().bind(Bindings.concat("-fx-background-color: ", ctx.session().colourProperty(), ";"));
        connectionLabel.textProperty().bind(ctx.session().labelProperty());
        connectionLabel.styleProperty().bind(Bindings.concat("-fx-border-color: ", ctx.session().colourProperty(), ";"));
        busy.visibleProperty().bind(Bindings.greaterThan(inFlight, 0));
        busyText.textProperty().bind(Bindings.when(Bindings.greaterThan(inFlight, 0))
                .then(Bindings.concat("Working… (", inFlight, ")")).otherwise(""));
        statusMessage.textProperty().bind(ctx.status().messageProperty());
        errorCode.textProperty().bind(ctx.status().errorCodeProperty());
        errorCode.visibleProperty().bind(ctx.status().errorCodeProperty().isNotEmpty());
        errorCode.managedProperty().bind(errorCode.visibleProperty());
        errorMessage.textProperty().bind(ctx.status().errorMessageProperty());
        requestId.textProperty().bind(Bindings.when(ctx.status().requestIdProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("request_id ", ctx.status().requestIdProperty())));
        copyError.visibleProperty().bind(ctx.status().errorCodeProperty().isNotEmpty());
        dismissError.visibleProperty().bind(ctx.status().errorCodeProperty().isNotEmpty());
        errorMessage.setTooltip(new Tooltip());
        errorMessage.getTooltip().textProperty().bind(ctx.status().errorMessageProperty());
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {errorCode, requestId, copyError, dismissError}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        copyError.managedProperty().bind(copyError.visibleProperty());
        dismissError.managedProperty().bind(dismissError.visibleProperty());
        ToggleGroup g = new ToggleGroup();
        for (ToggleButton b : new ToggleButton[] {navConnection, navTenants, navBudgets, navKeys}) {
            b.setToggleGroup(g);
        }
        navConnection.setOnAction(e -> show(Screen.CONNECTION));
        navTenants.setOnAction(e -> show(Screen.TENANTS));
        navBudgets.setOnAction(e -> show(Screen.BUDGETS));
        navKeys.setOnAction(e -> show(Screen.KEYS));
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            }
        });
        refresh.disableProperty().bind(ctx.session().clientProperty().isNull());
        refresh.setTooltip(new Tooltip("Reload this screen (F5)"));
        content.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F5), this::onRefresh);
            }
        });
    }

    public void setOnShow(Consumer<Screen> c) {
        onShow = c;
    }

    public Screen current() {
        return current;
    }

    public void show(Screen s) {
        current = s;
        content.getChildren().setAll(screens.get(s));
        navButton(s).setSelected(true);
        onShow.accept(s);
        if (root.getScene() != null && root.getScene().getWindow() instanceof javafx.stage.Stage stage) {
            stage.setTitle("Cycles Admin · " + navButton(s).getText() + " · " + ctx.session().labelProperty().get());
        }
        if (s != Screen.CONNECTION && ctx.session().clientProperty().get() != null) {
            refreshers.get(s).run();
        }
    }

    private ToggleButton navButton(Screen s) {
        return switch (s) {
            case CONNECTION -> navConnection;
            case TENANTS -> navTenants;
            case BUDGETS -> navBudgets;
            case KEYS -> navKeys;
        };
    }

    @FXML
    private void onRefresh() {
        if (current != null && current != Screen.CONNECTION) {
            ctx.status().clearError();
            refreshers.get(current).run();
        }
    }

    @FXML
    private void onCopyError() {
        Fx.copy(ctx.status().errorText());
        ctx.status().info("Error copied to the clipboard");
    }

    @FXML
    private void onDismiss() {
        ctx.status().clearError();
    }
}
