package dev.cycles.admin.console;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.cycles.admin.console.audit.AuditView;
import dev.cycles.admin.console.audit.AuditViewModel;
import dev.cycles.admin.console.budgets.BudgetsView;
import dev.cycles.admin.console.budgets.BudgetsViewModel;
import dev.cycles.admin.console.common.Access;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.EmptyState;
import dev.cycles.admin.console.common.TenantChoices;
import dev.cycles.admin.console.shell.WindowMemory;
import dev.cycles.admin.console.common.FxAsync;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.console.common.SavedFilters;
import dev.cycles.admin.console.common.SavedFiltersMenu;
import dev.cycles.admin.console.common.Settings;
import dev.cycles.admin.console.common.StatusModel;
import dev.cycles.admin.console.connection.ConnectionView;
import dev.cycles.admin.console.connection.ConnectionViewModel;
import dev.cycles.admin.console.connection.ProfileStore;
import dev.cycles.admin.console.events.EventsView;
import dev.cycles.admin.console.events.EventsViewModel;
import dev.cycles.admin.console.keys.ApiKeysView;
import dev.cycles.admin.console.keys.ApiKeysViewModel;
import dev.cycles.admin.console.overview.OverviewView;
import dev.cycles.admin.console.overview.OverviewViewModel;
import dev.cycles.admin.console.policies.PoliciesView;
import dev.cycles.admin.console.policies.PoliciesViewModel;
import dev.cycles.admin.console.reservations.ReservationsView;
import dev.cycles.admin.console.reservations.ReservationsViewModel;
import dev.cycles.admin.console.shell.MainWindow;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.console.tenants.TenantsView;
import dev.cycles.admin.console.tenants.TenantsViewModel;
import dev.cycles.admin.console.webhooks.WebhooksView;
import dev.cycles.admin.console.webhooks.WebhooksViewModel;
import dev.cycles.admin.server.Config;
import javafx.application.Application;
import javafx.scene.Scene;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Composition root of the console: one Ctx, one ViewModel and View per screen, the main window. */
public final class Console {
    private final FxAsync async = new FxAsync();
    private final StatusModel status = new StatusModel();
    /** Every call goes through ClearingAsync, so a success clears an older error of its screen. */
    private final Session session = new Session();
    private final Ctx ctx = new Ctx(session, new dev.cycles.admin.console.common.ClearingAsync(async, status, session), status);
    private final Settings settings;
    private final SavedFilters savedFilters;
    private final ConnectionViewModel connection;
    private final OverviewViewModel overview;
    private final TenantsViewModel tenants;
    private final ApiKeysViewModel keys;
    private final BudgetsViewModel budgets;
    private final PoliciesViewModel policies;
    private final ReservationsViewModel reservations;
    private final AuditViewModel audit;
    private final EventsViewModel events;
    private final WebhooksViewModel webhooks;
    private final MainWindow window;
    private final Scene scene;
    private boolean dark;
    private final WindowMemory memory;
    private final dev.cycles.admin.console.shell.IdleLock idleLock;
    private javafx.animation.Timeline idleTimer;
    private javafx.stage.Stage stage;

    public Console(Path dataDir) {
        settings = new Settings(dataDir);
        savedFilters = new SavedFilters(dataDir);
        memory = new WindowMemory(settings);
        connection = new ConnectionViewModel(ctx, new ProfileStore(dataDir), dataDir.resolve("local-server"));
        overview = new OverviewViewModel(ctx);
        tenants = new TenantsViewModel(ctx);
        keys = new ApiKeysViewModel(ctx);
        budgets = new BudgetsViewModel(ctx);
        policies = new PoliciesViewModel(ctx);
        reservations = new ReservationsViewModel(ctx);
        audit = new AuditViewModel(ctx);
        events = new EventsViewModel(ctx);
        webhooks = new WebhooksViewModel(ctx);
        window = new MainWindow(ctx, async.inFlightProperty());
        TenantsView tenantsView = new TenantsView(tenants);
        BudgetsView budgetsView = new BudgetsView(budgets);
        ApiKeysView keysView = new ApiKeysView(keys);
        PoliciesView policiesView = new PoliciesView(policies);
        AuditView auditView = new AuditView(audit);
        EventsView eventsView = new EventsView(events);
        ReservationsView reservationsView = new ReservationsView(reservations);
        WebhooksView webhooksView = new WebhooksView(webhooks);
        window.add(Screen.CONNECTION, new ConnectionView(connection).root(), () -> { });
        window.add(Screen.OVERVIEW, new OverviewView(overview).root(), overview::refresh);
        window.add(Screen.TENANTS, tenantsView.root(), tenants::refresh, tenantsView::focusSearch, tenantsView::create);
        window.add(Screen.BUDGETS, budgetsView.root(), budgets::refresh, budgetsView::focusSearch, budgetsView::create);
        window.add(Screen.RESERVATIONS, reservationsView.root(), reservations::refresh, reservationsView::focusSearch, null);
        window.add(Screen.KEYS, keysView.root(), keys::refresh, keysView::focusSearch, keysView::create);
        window.add(Screen.POLICIES, policiesView.root(), policies::refresh, policiesView::focusSearch, policiesView::create);
        window.add(Screen.AUDIT, auditView.root(), audit::refresh, auditView::focusSearch, null);
        window.add(Screen.EVENTS, eventsView.root(), events::refresh, eventsView::focusSearch, null);
        window.add(Screen.WEBHOOKS, webhooksView.root(), webhooks::refresh, webhooksView::focusSearch, webhooksView::onCreate);
        connection.setOnConnected(() -> {
            settings.setLastConnection(connection.nameProperty().get(), connection.urlProperty().get());
            window.show(Screen.TENANTS);
        });
        // drill-downs go through the window, so Back/Forward know the screen and its filter
        window.setFilterApplier(this::applyFilter);
        tenants.setOpeners(id -> drill(Screen.BUDGETS, Map.of("tenant", id)), id -> drill(Screen.KEYS, Map.of("tenant", id)));
        tenantsView.setPoliciesOpener(id -> drill(Screen.POLICIES, Map.of("tenant", id)));
        Nav nav = ctx.nav();
        nav.setActivity((title, filter) -> {
            Map<String, String> f = new LinkedHashMap<>(filter);
            f.put("title", title);
            drill(Screen.AUDIT, f);
        });
        nav.setList((target, f) -> drill(Screen.valueOf(target.name()), f));
        nav.setTenant(id -> drill(Screen.TENANTS, Map.of("jump", id)));
        nav.setConnection(() -> window.show(Screen.CONNECTION));
        nav.setCreatePolicy((tenantId, owner, saved) -> PoliciesView.open(new dev.cycles.admin.console.policies.PolicyFormViewModel(ctx, null, tenantId),
                owner, javafx.collections.FXCollections.observableArrayList(tenantId), row -> saved.run()));
        window.setOnDisconnect(() -> dev.cycles.admin.console.connection.DisconnectConfirm.ask(
                window.root().getScene() == null ? null : window.root().getScene().getWindow(), connection));
        Access access = new Access(ctx);
        window.setAccess(access);
        gateCreate(access, Screen.TENANTS, tenantsView.root(), Access.Cap.MANAGE_TENANTS, "create tenants");
        gateCreate(access, Screen.BUDGETS, budgetsView.root(), Access.Cap.MANAGE_BUDGETS, "create budgets");
        gateCreate(access, Screen.KEYS, keysView.root(), Access.Cap.MANAGE_API_KEYS, "create API keys");
        gateCreate(access, Screen.POLICIES, policiesView.root(), Access.Cap.MANAGE_POLICIES, "create policies");
        gateCreate(access, Screen.WEBHOOKS, webhooksView.root(), Access.Cap.MANAGE_WEBHOOKS, "create webhooks");
        webhooksView.gate(access);
        savedFilters(tenantsView.root(), Screen.TENANTS, tenants::currentFilters);
        savedFilters(budgetsView.root(), Screen.BUDGETS, budgets::currentFilters);
        savedFilters(reservationsView.root(), Screen.RESERVATIONS, reservations::currentFilters);
        savedFilters(keysView.root(), Screen.KEYS, keys::currentFilters);
        savedFilters(policiesView.root(), Screen.POLICIES, policies::currentFilters);
        savedFilters(auditView.root(), Screen.AUDIT, audit::currentFilters);
        savedFilters(eventsView.root(), Screen.EVENTS, events::currentFilters);
        savedFilters(webhooksView.root(), Screen.WEBHOOKS, webhooks::currentFilters);
        window.setJump(() -> TenantChoices.allTenantLabels(ctx.session().client()), text -> {
            String problem = dev.cycles.admin.console.shell.SlashCommands.run(text, nav);
            if (problem == null) {
                nav.tenant(text);
            } else if (!problem.isEmpty()) {
                status.info(problem);
            }
        });
        window.setTheme(() -> setDark(!dark, true), () -> dark);
        window.setAutoRefresh(settings.autoRefresh(), settings::setAutoRefresh);
        window.refreshTracker().setOnUnauthorized(() -> dev.cycles.admin.console.connection.KeyPromptDialog.show(
                window.root().getScene() == null ? null : window.root().getScene().getWindow(), connection, ctx.session().client().baseUrl()));
        scene = new Scene(window.root(), 1280, 800);
        scene.getStylesheets().add(Console.class.getResource("console.css").toExternalForm());
        setDark(settings.darkTheme(), false);
        idleLock = new dev.cycles.admin.console.shell.IdleLock(System::currentTimeMillis, settings.idleLimit(), settings.sessionLimit());
        watchIdle();
    }

    /** Key presses and clicks keep the session; a session left alone locks (IdleLock), checked every 15 s. */
    private void watchIdle() {
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> idleLock.input());
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> idleLock.input());
        session.clientProperty().addListener((o, a, c) -> {
            if (c != null) {
                idleLock.sessionStarted();
            } else {
                idleLock.sessionEnded();
            }
        });
        idleTimer = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(15), e -> lockIfIdle()));
        idleTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        idleTimer.play();
    }

    /** Locks now if the session was left alone too long: the lists empty and the admin key is asked for again. */
    public void lockIfIdle() {
        String why = idleLock.check();
        if (why.isEmpty()) {
            return;
        }
        Screen was = window.current();
        connection.lock();
        // after the key the operator is back on the screen they left, not on the connect default
        dev.cycles.admin.console.connection.KeyPromptDialog.askAfterLock(
                window.root().getScene() == null ? null : window.root().getScene().getWindow(), connection, why,
                () -> window.show(was));
    }

    public dev.cycles.admin.console.shell.IdleLock idleLock() {
        return idleLock;
    }

    /** Opens a screen with a drill-down filter, recorded in the Back/Forward history. */
    private void drill(Screen s, Map<String, String> f) {
        window.open(s, f, () -> applyFilter(s, f));
    }

    /** Sets a screen's filters from a drill-down (or a history entry); the window then shows and refreshes it. */
    private void applyFilter(Screen s, Map<String, String> f) {
        switch (s) {
            case BUDGETS -> budgets.applyFilters(f);
            case KEYS -> keys.applyFilters(f);
            case RESERVATIONS -> reservations.applyFilters(f);
            case TENANTS -> {
                if (f.containsKey("jump")) {
                    // after the screen's own refresh has started, as a jump from the header always did
                    javafx.application.Platform.runLater(() -> tenants.jump(f.get("jump")));
                } else {
                    tenants.applyFilters(f);
                }
            }
            case POLICIES -> policies.applyFilters(f);
            case AUDIT -> {
                Map<String, String> filter = new LinkedHashMap<>(f);
                String title = filter.remove("title");
                audit.showActivity(title != null ? title : filter.containsKey("status_min") ? "Failed requests" : "", filter);
            }
            case EVENTS -> {
                Map<String, String> filter = new LinkedHashMap<>(f);
                String title = filter.remove("title");
                events.showFiltered(title, filter);
            }
            case WEBHOOKS -> webhooks.applyFilters(f);
            default -> { }
        }
    }

    /** A screen's "Saved filters" menu; applying a saved set is a drill-down (Back returns to the filters before). */
    private void savedFilters(javafx.scene.Parent root, Screen s, java.util.function.Supplier<Map<String, String>> current) {
        SavedFiltersMenu.attach(root, savedFilters, s.name().toLowerCase(java.util.Locale.ROOT), current, (name, f) -> {
            Map<String, String> filter = new LinkedHashMap<>(f);
            if (s == Screen.AUDIT || s == Screen.EVENTS) {
                filter.put("title", "Saved filter: " + name);
            }
            drill(s, filter);
        }, status);
    }

    /** The webhooks list's filters (its view model has no currentFilters yet; its properties are public). */
    private void gateCreate(Access access, Screen s, javafx.scene.Parent root, Access.Cap cap, String what) {
        if (root.lookup("#create") instanceof javafx.scene.control.Control c) {
            access.gate(c, cap, what, "Ctrl+N");
        }
        // the empty list's own "Create …" button (a table placeholder is not in the scene graph until shown)
        if (find(root, "table") instanceof javafx.scene.control.TableView<?> t && t.getPlaceholder() instanceof javafx.scene.layout.VBox box
                && EmptyState.createButton(box) != null) {
            access.gate(EmptyState.createButton(box), cap, what, null);
        }
        window.gateCreate(s, cap, what);
    }

    /** Node.lookup, but also into split panes' items (not children until the pane is first shown). */
    private static javafx.scene.Node find(javafx.scene.Node n, String id) {
        if (id.equals(n.getId())) {
            return n;
        }
        java.util.List<? extends javafx.scene.Node> kids = n instanceof javafx.scene.control.SplitPane sp ? sp.getItems()
                : n instanceof javafx.scene.Parent p ? p.getChildrenUnmodifiable() : java.util.List.of();
        for (javafx.scene.Node k : kids) {
            javafx.scene.Node hit = find(k, id);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /**
     * The window the console lives in: its remembered place, size and dividers are restored, and
     * stored again when it closes (see {@link #shutdown}).
     */
    public void attach(javafx.stage.Stage stage) {
        this.stage = stage;
        memory.restore(stage);
        memory.splits(window.screens());
    }

    /** Light (AtlantaFX Primer Light) or dark (Primer Dark); {@code remember} stores the choice for the next start. */
    public void setDark(boolean on, boolean remember) {
        dark = on;
        Application.setUserAgentStylesheet(on ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        if (remember) {
            settings.setDarkTheme(on);
        }
        if (window != null) {
            window.themeIcon();
        }
    }

    public boolean isDark() {
        return dark;
    }

    /** The console's own folder: -Dcycles.console.dataDir, else the per-user data folder. */
    public static Path defaultDataDir() {
        String override = System.getProperty("cycles.console.dataDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Config.defaultDataDir(Map.copyOf(System.getenv())).resolve("console");
    }

    /** Local mode on a first start (nothing configured), otherwise the connection screen. */
    public void start() {
        window.show(Screen.CONNECTION);
        if (connection.firstStart()) {
            connection.startLocal();
        } else if (connection.resume(settings.lastProfile(), settings.lastUrl())) {
            javafx.application.Platform.runLater(() -> dev.cycles.admin.console.connection.KeyPromptDialog.askOnStart(
                    window.root().getScene() == null ? null : window.root().getScene().getWindow(), connection));
        }
    }

    public void shutdown() {
        idleTimer.stop();
        if (stage != null) {
            memory.remember(stage);
            settings.save();
        }
        connection.shutdown();
        async.shutdown();
    }

    public Scene scene() {
        return scene;
    }

    public Ctx ctx() {
        return ctx;
    }

    public MainWindow window() {
        return window;
    }

    public SavedFilters savedFilters() {
        return savedFilters;
    }

    public Settings settings() {
        return settings;
    }

    public ConnectionViewModel connection() {
        return connection;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public TenantsViewModel tenants() {
        return tenants;
    }

    public ApiKeysViewModel keys() {
        return keys;
    }

    public BudgetsViewModel budgets() {
        return budgets;
    }

    public PoliciesViewModel policies() {
        return policies;
    }

    public ReservationsViewModel reservations() {
        return reservations;
    }

    public AuditViewModel audit() {
        return audit;
    }

    public EventsViewModel events() {
        return events;
    }

    public WebhooksViewModel webhooks() {
        return webhooks;
    }
}
