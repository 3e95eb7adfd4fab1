package dev.cycles.admin.console;

import dev.cycles.admin.console.budgets.BudgetsView;
import dev.cycles.admin.console.budgets.BudgetsViewModel;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.FxAsync;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.console.common.StatusModel;
import dev.cycles.admin.console.connection.ConnectionView;
import dev.cycles.admin.console.connection.ConnectionViewModel;
import dev.cycles.admin.console.connection.ProfileStore;
import dev.cycles.admin.console.keys.ApiKeysView;
import dev.cycles.admin.console.keys.ApiKeysViewModel;
import dev.cycles.admin.console.shell.MainWindow;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.console.tenants.TenantsView;
import dev.cycles.admin.console.tenants.TenantsViewModel;
import dev.cycles.admin.server.Config;
import javafx.scene.Scene;

import java.nio.file.Path;
import java.util.Map;

/** Composition root of the console: one Ctx, one ViewModel and View per screen, the main window. */
public final class Console {
    private final FxAsync async = new FxAsync();
    private final Ctx ctx = new Ctx(new Session(), async, new StatusModel());
    private final ConnectionViewModel connection;
    private final TenantsViewModel tenants;
    private final ApiKeysViewModel keys;
    private final BudgetsViewModel budgets;
    private final MainWindow window;
    private final Scene scene;

    public Console(Path dataDir) {
        connection = new ConnectionViewModel(ctx, new ProfileStore(dataDir), dataDir.resolve("local-server"));
        tenants = new TenantsViewModel(ctx);
        keys = new ApiKeysViewModel(ctx);
        budgets = new BudgetsViewModel(ctx);
        window = new MainWindow(ctx, async.inFlightProperty());
        window.add(Screen.CONNECTION, new ConnectionView(connection).root(), () -> { });
        window.add(Screen.TENANTS, new TenantsView(tenants).root(), tenants::refresh);
        window.add(Screen.BUDGETS, new BudgetsView(budgets).root(), budgets::refresh);
        window.add(Screen.KEYS, new ApiKeysView(keys).root(), keys::refresh);
        connection.setOnConnected(() -> window.show(Screen.TENANTS));
        tenants.setOpeners(id -> {
            budgets.tenantFilterProperty().set(id);
            window.show(Screen.BUDGETS);
        }, id -> {
            keys.tenantFilterProperty().set(id);
            window.show(Screen.KEYS);
        });
        scene = new Scene(window.root(), 1280, 800);
        scene.getStylesheets().add(Console.class.getResource("console.css").toExternalForm());
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

    public ConnectionViewModel connection() {
        return connection;
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
}
