package dev.cycles.admin.console;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.cycles.admin.console.audit.AuditView;
import dev.cycles.admin.console.audit.AuditViewModel;
import dev.cycles.admin.console.budgets.BudgetsView;
import dev.cycles.admin.console.budgets.BudgetsViewModel;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.FxAsync;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.Session;
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
import dev.cycles.admin.server.Config;
import javafx.application.Application;
import javafx.scene.Scene;

import java.nio.file.Path;
import java.util.Map;

/** Composition root of the console: one Ctx, one ViewModel and View per screen, the main window. */
public final class Console {
    private final FxAsync async = new FxAsync();
    private final StatusModel status = new StatusModel();
    /** Every call goes through ClearingAsync, so a success clears an older error of its screen. */
    private final Ctx ctx = new Ctx(new Session(), new dev.cycles.admin.console.common.ClearingAsync(async, status), status);
    private final Settings settings;
    private final ConnectionViewModel connection;
    private final OverviewViewModel overview;
    private final TenantsViewModel tenants;
    private final ApiKeysViewModel keys;
    private final BudgetsViewModel budgets;
    private final PoliciesViewModel policies;
    private final ReservationsViewModel reservations;
    private final AuditViewModel audit;
    private final EventsViewModel events;
    private final MainWindow window;
    private final Scene scene;
    private boolean dark;

    public Console(Path dataDir) {
        settings = new Settings(dataDir);
        connection = new ConnectionViewModel(ctx, new ProfileStore(dataDir), dataDir.resolve("local-server"));
        overview = new OverviewViewModel(ctx);
        tenants = new TenantsViewModel(ctx);
        keys = new ApiKeysViewModel(ctx);
        budgets = new BudgetsViewModel(ctx);
        policies = new PoliciesViewModel(ctx);
        reservations = new ReservationsViewModel(ctx);
        audit = new AuditViewModel(ctx);
        events = new EventsViewModel(ctx);
        window = new MainWindow(ctx, async.inFlightProperty());
        TenantsView tenantsView = new TenantsView(tenants);
        BudgetsView budgetsView = new BudgetsView(budgets);
        ApiKeysView keysView = new ApiKeysView(keys);
        PoliciesView policiesView = new PoliciesView(policies);
        AuditView auditView = new AuditView(audit);
        EventsView eventsView = new EventsView(events);
        ReservationsView reservationsView = new ReservationsView(reservations);
        window.add(Screen.CONNECTION, new ConnectionView(connection).root(), () -> { });
        window.add(Screen.OVERVIEW, new OverviewView(overview).root(), overview::refresh);
        window.add(Screen.TENANTS, tenantsView.root(), tenants::refresh, tenantsView::focusSearch, tenantsView::create);
        window.add(Screen.BUDGETS, budgetsView.root(), budgets::refresh, budgetsView::focusSearch, budgetsView::create);
        window.add(Screen.RESERVATIONS, reservationsView.root(), reservations::refresh, reservationsView::focusSearch, null);
        window.add(Screen.KEYS, keysView.root(), keys::refresh, keysView::focusSearch, keysView::create);
        window.add(Screen.POLICIES, policiesView.root(), policies::refresh, policiesView::focusSearch, policiesView::create);
        window.add(Screen.AUDIT, auditView.root(), audit::refresh, auditView::focusSearch, null);
        window.add(Screen.EVENTS, eventsView.root(), events::refresh, eventsView::focusSearch, null);
        connection.setOnConnected(() -> window.show(Screen.TENANTS));
        tenants.setOpeners(id -> {
            budgets.applyFilters(Map.of("tenant", id));
            window.show(Screen.BUDGETS);
        }, id -> {
            keys.applyFilters(Map.of("tenant", id));
            window.show(Screen.KEYS);
        });
        tenantsView.setPoliciesOpener(id -> {
            policies.tenantFilterProperty().set(id);
            window.show(Screen.POLICIES);
        });
        Nav nav = ctx.nav();
        nav.setActivity((title, filter) -> {
            audit.showActivity(title, filter);
            window.show(Screen.AUDIT);
        });
        nav.setList((target, f) -> {
            switch (target) {
                case BUDGETS -> {
                    budgets.applyFilters(f);
                    window.show(Screen.BUDGETS);
                }
                case KEYS -> {
                    keys.applyFilters(f);
                    window.show(Screen.KEYS);
                }
                case RESERVATIONS -> {
                    reservations.tenantProperty().set(f.getOrDefault("tenant", ""));
                    window.show(Screen.RESERVATIONS);
                }
                case TENANTS -> {
                    tenants.applyFilters(f);
                    window.show(Screen.TENANTS);
                }
                case POLICIES -> {
                    policies.tenantFilterProperty().set(f.getOrDefault("tenant", ""));
                    window.show(Screen.POLICIES);
                }
                case AUDIT -> {
                    audit.showActivity(f.containsKey("status_min") ? "Failed requests" : "", f);
                    window.show(Screen.AUDIT);
                }
                case EVENTS -> {
                    Map<String, String> filter = new java.util.LinkedHashMap<>(f);
                    String title = filter.remove("title");
                    events.showFiltered(title, filter);
                    window.show(Screen.EVENTS);
                }
                case WEBHOOKS -> {
                    // the webhooks screen is wired here when it exists (failing subscriptions: filter failing=true)
                }
            }
        });
        nav.setTenant(id -> {
            window.show(Screen.TENANTS);
            tenants.jump(id);
        });
        window.setJump(tenants::jumpChoices, nav::tenant);
        window.setTheme(() -> setDark(!dark, true), () -> dark);
        window.setAutoRefresh(settings.autoRefresh(), settings::setAutoRefresh);
        window.refreshTracker().setOnUnauthorized(() -> dev.cycles.admin.console.connection.KeyPromptDialog.show(
                window.root().getScene() == null ? null : window.root().getScene().getWindow(), connection, ctx.session().client().baseUrl()));
        scene = new Scene(window.root(), 1280, 800);
        scene.getStylesheets().add(Console.class.getResource("console.css").toExternalForm());
        setDark(settings.darkTheme(), false);
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
        }
    }

    public void shutdown() {
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
}
