package dev.cycles.admin.console.connection;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.local.LocalServer;
import dev.cycles.admin.model.AuthIntrospectResponse;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Connection screen: saved profiles (name, URL, colour), the admin key (memory only unless the user
 * ticks "save key"), Connect (checked with GET /v1/auth/introspect) and local mode.
 */
public final class ConnectionViewModel {
    public static final String LOCAL_COLOUR = "#2da44e";

    private final Ctx ctx;
    private final ProfileStore store;
    private final Path localDataDir;
    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("http://127.0.0.1:7979");
    private final StringProperty colour = new SimpleStringProperty("#0969da");
    private final StringProperty adminKey = new SimpleStringProperty("");
    private final BooleanProperty saveKey = new SimpleBooleanProperty(false);
    private final StringProperty result = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty connecting = new SimpleBooleanProperty(false);
    private LocalServer local;
    private Runnable onConnected = () -> { };

    public ConnectionViewModel(Ctx ctx, ProfileStore store, Path localDataDir) {
        this.ctx = ctx;
        this.store = store;
        this.localDataDir = localDataDir;
        profiles.setAll(store.load());
        selected.addListener((o, a, p) -> {
            if (p != null) {
                name.set(p.name());
                url.set(p.url());
                colour.set(p.colour() == null ? "#0969da" : p.colour());
                adminKey.set(p.adminKey() == null ? "" : p.adminKey());
                saveKey.set(p.adminKey() != null);
            }
        });
    }

    public void setOnConnected(Runnable r) {
        onConnected = r;
    }

    /** True when nothing was ever configured: the console then starts in local mode. */
    public boolean firstStart() {
        return !store.exists();
    }

    public void connect() {
        if (connecting.get()) {
            return;
        }
        String u = url.get() == null ? "" : url.get().trim();
        String key = adminKey.get() == null ? "" : adminKey.get().trim();
        String label = name.get() == null ? "" : name.get().trim();
        String hex = colour.get();
        error.set("");
        result.set("");
        if (u.isEmpty() || key.isEmpty()) {
            error.set(u.isEmpty() ? "Enter the server URL" : "Enter the admin key (X-Admin-API-Key)");
            return;
        }
        connecting.set(true);
        ctx.async().run("Connect to " + u, () -> {
            AdminClient c = new AdminClient(u, key);
            AuthIntrospectResponse r = c.introspect();
            String server;
            try {
                var h = c.health();
                server = "Cycles Admin server " + h.getOrDefault("version", "?") + ", database " + h.getOrDefault("database", "?");
            } catch (RuntimeException e) {
                server = "server version unknown (no /health)";
            }
            return new Object[] {c, r, server};
        }, pair -> {
            connecting.set(false);
            AdminClient c = (AdminClient) pair[0];
            AuthIntrospectResponse r = (AuthIntrospectResponse) pair[1];
            if (!"admin".equals(r.authType())) {
                error.set("That key is a tenant key (tenant " + r.tenantId() + "); the console needs the admin key");
                return;
            }
            ctx.session().connect(c, label, hex);
            result.set("Connected to " + c.baseUrl() + " as admin: " + pair[2]);
            ctx.status().clearError();
            ctx.status().info("Connected to " + ctx.session().labelProperty().get());
            onConnected.run();
        }, e -> {
            connecting.set(false);
            error.set(e.code() + ": " + e.getMessage());
            ctx.status().error("Connect to " + u, e);
        });
    }

    /** Saves (or replaces, by name) the current fields as a profile; the key only when asked. */
    public void saveProfile() {
        String n = name.get() == null ? "" : name.get().trim();
        if (n.isEmpty()) {
            error.set("Give the profile a name, e.g. Production");
            return;
        }
        Profile p = new Profile(n, url.get().trim(), colour.get(), saveKey.get() ? adminKey.get() : null);
        List<Profile> next = new ArrayList<>(profiles);
        next.removeIf(x -> x.name().equals(n));
        next.add(p);
        persist(next);
        String keyInMemory = adminKey.get();
        boolean save = saveKey.get();
        selected.set(p);
        adminKey.set(keyInMemory);
        saveKey.set(save);
        result.set("Saved profile '" + n + "'" + (saveKey.get() ? " with its admin key" : " (admin key not saved)"));
    }

    public void deleteProfile() {
        Profile p = selected.get();
        if (p == null) {
            return;
        }
        List<Profile> next = new ArrayList<>(profiles);
        next.remove(p);
        persist(next);
        selected.set(null);
    }

    private void persist(List<Profile> next) {
        try {
            store.save(next);
            profiles.setAll(next);
        } catch (IOException e) {
            error.set("Cannot save profiles to " + store.file() + ": " + e.getMessage());
        }
    }

    /** Starts (once) the embedded server and connects to it. */
    public void startLocal() {
        if (connecting.get()) {
            return;
        }
        connecting.set(true);
        error.set("");
        ctx.async().run("Start local server", () -> {
            synchronized (this) {
                if (local == null) {
                    try {
                        local = LocalServer.start(localDataDir);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return local;
            }
        }, l -> {
            connecting.set(false);
            name.set(Profile.LOCAL_NAME);
            url.set(l.url());
            colour.set(LOCAL_COLOUR);
            adminKey.set(l.adminKey());
            saveKey.set(false);
            if (profiles.stream().noneMatch(Profile::isLocal)) {
                List<Profile> next = new ArrayList<>(profiles);
                next.add(0, new Profile(Profile.LOCAL_NAME, "(embedded, started on demand)", LOCAL_COLOUR, null));
                persist(next);
            }
            connect();
            result.set("Local server running at " + l.url() + " over " + l.dataDir());
        }, e -> {
            connecting.set(false);
            error.set(e.code() + ": " + e.getMessage());
            ctx.status().error("Start local server", e);
        });
    }

    /** Picking the local profile starts local mode rather than dialling its placeholder URL. */
    public void connectSelected() {
        Profile p = selected.get();
        if (p != null && p.isLocal()) {
            startLocal();
        } else {
            connect();
        }
    }

    public void shutdown() {
        synchronized (this) {
            if (local != null) {
                local.close();
                local = null;
            }
        }
    }

    public ObservableList<Profile> profiles() {
        return profiles;
    }

    public ObjectProperty<Profile> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty colourProperty() {
        return colour;
    }

    public StringProperty adminKeyProperty() {
        return adminKey;
    }

    public BooleanProperty saveKeyProperty() {
        return saveKey;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty connectingProperty() {
        return connecting;
    }
}
