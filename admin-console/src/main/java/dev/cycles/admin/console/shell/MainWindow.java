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
    private final Map<Screen, Runnable> searchers = new EnumMap<>(Screen.class);
    private final Map<Screen, Runnable> creators = new EnumMap<>(Screen.class);
    /** The capability Ctrl+N needs on a screen (set with the screen's gated "Create" button). */
    private final Map<Screen, dev.cycles.admin.console.common.Access.Cap> createGates = new EnumMap<>(Screen.class);
    private final Map<Screen, String> createWhat = new EnumMap<>(Screen.class);
    private final RefreshTracker tracker;
    private Runnable onTheme = () -> { };
    private java.util.function.Supplier<java.util.List<String>> jumpChoices = java.util.List::of;
    private Consumer<String> onJump = s -> { };
    private QuickJump quickJump;
    private final NavHistory history = new NavHistory();
    /** Re-applies a history entry's drill-down filter to its screen before Back/Forward shows it. */
    private java.util.function.BiConsumer<Screen, Map<String, String>> filterApplier = (s, f) -> { };
    private Runnable onDisconnect = () -> { };
    private dev.cycles.admin.console.common.Access access;
    private java.util.function.BooleanSupplier darkNow = () -> false;
    private Consumer<Boolean> onAutoRefresh = b -> { };
    private final Parent root;
    private Screen current;
    private Consumer<Screen> onShow = s -> { };

    @FXML private Region colourStrip;
    @FXML private Label connectionLabel, busyText, statusMessage, errorCode, errorMessage, requestId;
    @FXML private ProgressIndicator busy;
    @FXML private Button refresh, copyError, dismissError, theme, help, back, forward, disconnect;
    @FXML private ToggleButton navConnection, navOverview, navTenants, navBudgets, navReservations, navKeys, navPolicies, navAudit, navEvents, navWebhooks;
    @FXML private Label lastUpdated;
    @FXML private javafx.scene.control.CheckBox autoRefresh;
    @FXML private javafx.scene.control.TextField jump;
    @FXML private StackPane content;

    public MainWindow(Ctx ctx, ObservableIntegerValue inFlight) {
        this.ctx = ctx;
        this.inFlight = inFlight;
        this.tracker = new RefreshTracker(ctx.status(), java.time.LocalTime::now);
        tracker.setConnected(() -> ctx.session().clientProperty().get() != null);
        this.root = Views.load(this, "MainWindow.fxml");
    }

    public Parent root() {
        return root;
    }

    /** Every screen's view (for the divider memory). */
    public Map<Screen, Parent> screens() {
        return java.util.Collections.unmodifiableMap(screens);
    }

    public void add(Screen s, Parent view, Runnable refresh) {
        add(s, view, refresh, null, null);
    }

    /** A screen, what refreshes it, what focuses its search (Ctrl+F) and what opens its "new" form (Ctrl+N). */
    public void add(Screen s, Parent view, Runnable refresh, Runnable search, Runnable create) {
        screens.put(s, view);
        refreshers.put(s, refresh);
        if (search != null) {
            searchers.put(s, search);
        }
        if (create != null) {
            creators.put(s, create);
        }
    }

    /** Ctrl+N on this screen needs {@code cap} too (its Create button is gated the same way). */
    public void gateCreate(Screen s, dev.cycles.admin.console.common.Access.Cap cap, String what) {
        createGates.put(s, cap);
        createWhat.put(s, what);
    }

    /** Theme button: {@code toggle} switches, {@code isDark} tells the current one (for the icon and its accessible name). */
    public void setTheme(Runnable toggle, java.util.function.BooleanSupplier isDark) {
        onTheme = toggle;
        darkNow = isDark;
        themeIcon();
    }

    /** Quick jump: where the picker's entries come from and what Enter does with the text. */
    public void setJump(java.util.function.Supplier<java.util.List<String>> choices, Consumer<String> go) {
        jumpChoices = choices;
        onJump = go;
    }

    /** Auto-refresh: initial state and where a change is remembered. */
    public void setAutoRefresh(boolean on, Consumer<Boolean> remember) {
        autoRefresh.setSelected(on);
        onAutoRefresh = remember;
        tracker.setEnabled(on);
    }

    /** How often auto-refresh reloads the visible list (tests shorten it). */
    public void setAutoRefreshInterval(java.time.Duration d) {
        tracker.setInterval(d);
    }

    public javafx.beans.property.StringProperty lastUpdatedProperty() {
        return tracker.stampProperty();
    }

    /** The last-successful-refresh stamp, stale state and back-off. */
    public RefreshTracker refreshTracker() {
        return tracker;
    }

    private void autoTick() {
        if (current != null && current != Screen.CONNECTION && ctx.session().clientProperty().get() != null
                && inFlight.get() == 0 && !anyDialogOpen()) {
            runRefresh();
        }
    }

    private static boolean anyDialogOpen() {
        return javafx.stage.Window.getWindows().stream().anyMatch(w -> w instanceof javafx.stage.Stage st
                && st.getModality() != javafx.stage.Modality.NONE && st.isShowing());
    }

    private void runRefresh() {
        tracker.begin();
        refreshers.get(current).run();
        if (inFlight.get() == 0) {
            tracker.finished();
        }
    }

    /** Re-reads the theme for the button's icon and accessible name (after a change from elsewhere). */
    public void themeIcon() {
        boolean dark = darkNow.getAsBoolean();
        theme.setText(dark ? "\u2600" : "\u263E");
        String what = dark ? "Switch to the light theme" : "Switch to the dark theme";
        theme.setAccessibleText(what);
        theme.setTooltip(new Tooltip(what));
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
        // with amounts rewritten for reading, the tooltip keeps what the server actually said
        errorMessage.getTooltip().textProperty().bind(Bindings.when(ctx.status().rawMessageProperty().isEmpty())
                .then(ctx.status().errorMessageProperty())
                .otherwise(Bindings.concat(ctx.status().errorMessageProperty(), "\nServer said: ", ctx.status().rawMessageProperty())));
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {errorCode, requestId, copyError, dismissError}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        copyError.managedProperty().bind(copyError.visibleProperty());
        dismissError.managedProperty().bind(dismissError.visibleProperty());
        ToggleGroup g = new ToggleGroup();
        for (Screen s : Screen.values()) {
            ToggleButton b = navButton(s);
            b.setToggleGroup(g);
            b.setOnAction(e -> show(s));
        }
        lastUpdated.textProperty().bind(tracker.stampProperty());
        lastUpdated.setId("lastUpdated");
        lastUpdated.setTooltip(new Tooltip());
        lastUpdated.getTooltip().textProperty().bind(tracker.whyProperty());
        tracker.staleProperty().addListener((o, a, isStale) -> {
            lastUpdated.getStyleClass().remove("stale");
            if (isStale) {
                lastUpdated.getStyleClass().add("stale");
            }
        });
        tracker.setTick(this::autoTick);
        inFlight.addListener((o, a, n) -> {
            if (n.intValue() == 0) {
                // FxAsync counts a call done before its callback runs: judge the refresh after the
                // callback has recorded any error, and only if no follow-up call started meanwhile
                javafx.application.Platform.runLater(() -> {
                    if (inFlight.get() == 0) {
                        tracker.finished();
                    }
                });
            }
        });
        // a new client (another key after a 401, or a reconnect) resumes polling at the normal pace
        ctx.session().clientProperty().addListener((o, a, c) -> {
            if (c != null) {
                tracker.reconnected();
            } else {
                tracker.disconnected();
            }
        });
        autoRefresh.setTooltip(new Tooltip("Reload the visible list every 30 seconds"));
        autoRefresh.selectedProperty().addListener((o, a, on) -> {
            onAutoRefresh.accept(on);
            tracker.setEnabled(on);
        });
        help.setAccessibleText("Keyboard shortcuts");
        help.setTooltip(new Tooltip("Keyboard shortcuts (F1)"));
        busy.setAccessibleText("Working");
        jump.setAccessibleText("Jump to a tenant by ID or name, or to a screen");
        jump.setId("jump-editor");
        quickJump = new QuickJump(jump, this::doJump);
        java.util.List<QuickJump.Entry> entries = new java.util.ArrayList<>(navOrder().stream().map(s -> new QuickJump.Entry("Screen: "
                + navButton(s).getText() + "  (" + shortcutOf(s) + ")", () -> show(s))).toList());
        // the slash commands: picking one puts its word in the field for the argument
        SlashCommands.ALL.forEach(c -> entries.add(new QuickJump.Entry(c.label(), () -> quickJump.typeCommand(c.word()))));
        quickJump.setScreens(entries);
        // the tenant list is read when the field gets focus (Ctrl+K), so it is current and costs nothing otherwise
        jump.focusedProperty().addListener((o, a, focused) -> {
            if (focused) {
                loadJumpTenants();
            }
        });
        back.setId("back");
        forward.setId("forward");
        back.setAccessibleText("Back");
        forward.setAccessibleText("Forward");
        back.setTooltip(new Tooltip("Back to the previous screen and its filter (Alt+Left)"));
        forward.setTooltip(new Tooltip("Forward again (Alt+Right)"));
        back.disableProperty().bind(history.canBackProperty().not());
        forward.disableProperty().bind(history.canForwardProperty().not());
        disconnect.disableProperty().bind(ctx.session().clientProperty().isNull());
        disconnect.setTooltip(new Tooltip("Forget this connection: the lists empty and automatic refresh stops"));
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            }
        });
        refresh.disableProperty().bind(ctx.session().clientProperty().isNull());
        refresh.setTooltip(new Tooltip("Reload this screen (F5)"));
        content.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                var acc = scene.getAccelerators();
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F5), this::onRefresh);
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.R, javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::onRefresh);
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::focusSearch);
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.N, javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::createNew);
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.K, javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> {
                    jump.requestFocus();
                    quickJump.open();
                });
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.DIGIT0, javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> show(Screen.CONNECTION));
                java.util.List<Screen> order = navOrder();
                for (int i = 0; i < Math.min(9, order.size()); i++) {
                    Screen target = order.get(i);
                    acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.valueOf("DIGIT" + (i + 1)),
                            javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> show(target));
                }
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.LEFT, javafx.scene.input.KeyCombination.ALT_DOWN), this::onBack);
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.RIGHT, javafx.scene.input.KeyCombination.ALT_DOWN), this::onForward);
                // the mouse's back / forward buttons, as in a browser
                scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
                    if (e.getButton() == javafx.scene.input.MouseButton.BACK) {
                        onBack();
                        e.consume();
                    } else if (e.getButton() == javafx.scene.input.MouseButton.FORWARD) {
                        onForward();
                        e.consume();
                    }
                });
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F1), this::onHelp);
                acc.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCombination.SHORTCUT_DOWN, javafx.scene.input.KeyCombination.SHIFT_DOWN), this::onTheme);
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
        open(s, Map.of(), () -> { });
    }

    /**
     * Opens a screen as a drill-down: {@code apply} sets its filter, {@code filter} records it in
     * the history so Back/Forward can apply it again (through {@link #setFilterApplier}).
     */
    public void open(Screen s, Map<String, String> filter, Runnable apply) {
        if (access != null && !access.allows(capOf(s))) {
            ctx.status().info(access.why(capOf(s), "open " + navButton(s).getText()));
            navButton(current == null ? Screen.CONNECTION : current).setSelected(true);
            return;
        }
        apply.run();
        history.visit(s, filter);
        display(s);
    }

    /** Back/Forward and the drill-downs re-apply filters through this (the composition root knows the screens). */
    public void setFilterApplier(java.util.function.BiConsumer<Screen, Map<String, String>> applier) {
        filterApplier = applier;
    }

    public NavHistory history() {
        return history;
    }

    @FXML
    public void onBack() {
        history.back().ifPresent(this::revisit);
    }

    @FXML
    public void onForward() {
        history.forward().ifPresent(this::revisit);
    }

    private void revisit(NavHistory.Entry e) {
        if (!e.filter().isEmpty()) {
            filterApplier.accept(e.screen(), e.filter());
        }
        display(e.screen());
    }

    /** The screens Ctrl+1…9 switch to, in the navigation's order (Ctrl+0 is Connection). */
    public static java.util.List<Screen> navOrder() {
        return java.util.Arrays.stream(Screen.values()).filter(s -> s != Screen.CONNECTION).toList();
    }

    static String shortcutOf(Screen s) {
        int i = navOrder().indexOf(s);
        return s == Screen.CONNECTION ? "Ctrl+0" : i < 9 ? "Ctrl+" + (i + 1) : "";
    }

    /** Capability gating (fix 10): nav buttons of screens the key cannot view are gated, with the reason as tooltip. */
    public void setAccess(dev.cycles.admin.console.common.Access a) {
        access = a;
        for (Screen s : navOrder()) {
            a.gate(navButton(s), capOf(s), "open " + navButton(s).getText(), shortcutOf(s));
        }
    }

    /** Which introspect capability a screen needs. */
    public static dev.cycles.admin.console.common.Access.Cap capOf(Screen s) {
        return switch (s) {
            case OVERVIEW -> dev.cycles.admin.console.common.Access.Cap.VIEW_OVERVIEW;
            case BUDGETS -> dev.cycles.admin.console.common.Access.Cap.VIEW_BUDGETS;
            case RESERVATIONS -> dev.cycles.admin.console.common.Access.Cap.VIEW_RESERVATIONS;
            case KEYS -> dev.cycles.admin.console.common.Access.Cap.VIEW_API_KEYS;
            case POLICIES -> dev.cycles.admin.console.common.Access.Cap.VIEW_POLICIES;
            case AUDIT -> dev.cycles.admin.console.common.Access.Cap.VIEW_AUDIT;
            case EVENTS -> dev.cycles.admin.console.common.Access.Cap.VIEW_EVENTS;
            case WEBHOOKS -> dev.cycles.admin.console.common.Access.Cap.VIEW_WEBHOOKS;
            default -> dev.cycles.admin.console.common.Access.Cap.VIEW_TENANTS; // Tenants, and Connection is never gated
        };
    }

    public void setOnDisconnect(Runnable r) {
        onDisconnect = r;
    }

    @FXML
    private void onDisconnect() {
        onDisconnect.run();
    }

    private void loadJumpTenants() {
        if (ctx.session().clientProperty().get() == null) {
            return;
        }
        ctx.async().run("Load tenants for the quick jump", jumpChoices::get,
                labels -> quickJump.setTenants(labels.stream().map(l -> new QuickJump.Entry(l, () -> doJump(l))).toList()),
                e -> ctx.status().info("Quick jump lists screens only: " + e.getMessage()));
    }

    public QuickJump quickJump() {
        return quickJump;
    }

    private void display(Screen s) {
        current = s;
        ctx.status().setScreen(s.name());
        content.getChildren().setAll(screens.get(s));
        navButton(s).setSelected(true);
        onShow.accept(s);
        if (root.getScene() != null && root.getScene().getWindow() instanceof javafx.stage.Stage stage) {
            stage.setTitle("Cycles Admin · " + navButton(s).getText() + " · " + ctx.session().labelProperty().get());
        }
        if (s != Screen.CONNECTION && ctx.session().clientProperty().get() != null) {
            runRefresh();
        }
    }

    private ToggleButton navButton(Screen s) {
        return switch (s) {
            case CONNECTION -> navConnection;
            case OVERVIEW -> navOverview;
            case TENANTS -> navTenants;
            case BUDGETS -> navBudgets;
            case RESERVATIONS -> navReservations;
            case KEYS -> navKeys;
            case POLICIES -> navPolicies;
            case AUDIT -> navAudit;
            case EVENTS -> navEvents;
            case WEBHOOKS -> navWebhooks;
        };
    }

    private void doJump(String text) {
        if (text == null || text.isBlank() || ctx.session().clientProperty().get() == null) {
            return;
        }
        onJump.accept(text);
    }

    private void focusSearch() {
        Runnable r = searchers.get(current);
        if (r != null) {
            r.run();
        }
    }

    private void createNew() {
        Runnable r = creators.get(current);
        if (r != null && createGates.containsKey(current) && access != null && !access.allows(createGates.get(current))) {
            ctx.status().info(access.why(createGates.get(current), createWhat.get(current)));
            return;
        }
        if (r != null && ctx.session().clientProperty().get() != null) {
            r.run();
        }
    }

    @FXML
    private void onHelp() {
        ShortcutsHelp.show(root.getScene() == null ? null : root.getScene().getWindow(), ShortcutsHelp.ALL);
    }

    @FXML
    private void onTheme() {
        onTheme.run();
        themeIcon();
    }

    @FXML
    private void onRefresh() {
        if (current != null && current != Screen.CONNECTION) {
            ctx.status().clearError();
            runRefresh();
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
