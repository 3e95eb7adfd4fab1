package dev.cycles.admin.console.connection;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.client.RuntimeClient;
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
    /** The runtime plane's URL as typed; blank means the default, shown as the field's prompt. */
    private final StringProperty runtimeUrl = new SimpleStringProperty("");
    private final javafx.beans.binding.StringBinding runtimeDefault = javafx.beans.binding.Bindings.createStringBinding(
            () -> RuntimeClient.defaultUrl(url.get()), url);
    private final BooleanProperty saveKey = new SimpleBooleanProperty(false);
    private final StringProperty result = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty connecting = new SimpleBooleanProperty(false);
    private final ConnectLockout lockout;
    /** Seconds left of a lock after repeated rejected keys (the Connect button counts it down). */
    private final javafx.beans.property.LongProperty lockSeconds = new javafx.beans.property.SimpleLongProperty(0);
    private LocalServer local;
    private Runnable onConnected = () -> { };

    public ConnectionViewModel(Ctx ctx, ProfileStore store, Path localDataDir) {
        this(ctx, store, localDataDir, System::currentTimeMillis);
    }

    /** With the clock the key lockout counts on (tests pass their own). */
    public ConnectionViewModel(Ctx ctx, ProfileStore store, Path localDataDir, java.util.function.LongSupplier clock) {
        this.lockout = new ConnectLockout(clock);
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
                runtimeUrl.set(p.runtimeUrl() == null ? "" : p.runtimeUrl());
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
        connect(problem -> { });
    }

    /** Connect; {@code done} gets "" once connected, else the reason (also shown on the screen). */
    public void connect(java.util.function.Consumer<String> done) {
        if (connecting.get()) {
            done.accept("Already connecting");
            return;
        }
        String u = url.get() == null ? "" : url.get().trim();
        String key = adminKey.get() == null ? "" : adminKey.get().trim();
        String label = name.get() == null ? "" : name.get().trim();
        String hex = colour.get();
        String rt = effectiveRuntimeUrl();
        error.set("");
        result.set("");
        if (u.isEmpty() || key.isEmpty()) {
            error.set(u.isEmpty() ? "Enter the server URL" : "Enter the admin key (X-Admin-API-Key)");
            done.accept(error.get());
            return;
        }
        if (locked()) {
            done.accept(error.get());
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
            RuntimeClient runtime = c.runtimeClient(rt);
            String runtimeNote;
            try {
                runtime.ping();
                runtimeNote = "runtime API at " + runtime.baseUrl();
            } catch (RuntimeException e) {
                // not fatal: every admin screen works; only Reservations needs the runtime plane
                runtimeNote = "runtime API not reachable at " + runtime.baseUrl() + " (Reservations will not load)";
            }
            return new Object[] {c, r, server + "; " + runtimeNote, runtime};
        }, pair -> {
            connecting.set(false);
            AdminClient c = (AdminClient) pair[0];
            AuthIntrospectResponse r = (AuthIntrospectResponse) pair[1];
            if (!"admin".equals(r.authType())) {
                rejected();
                error.set("That key is a tenant key (tenant " + r.tenantId() + "); the console needs the admin key" + lockNote());
                done.accept(error.get());
                return;
            }
            accepted();
            ctx.session().connect(c, (RuntimeClient) pair[3], label, hex);
            ctx.session().accessProperty().set(r);
            result.set("Connected to " + c.baseUrl() + " as admin: " + pair[2]);
            ctx.status().clearError();
            ctx.status().info("Connected to " + ctx.session().labelProperty().get());
            onConnected.run();
            done.accept("");
        }, e -> {
            connecting.set(false);
            if (ConnectLockout.keyRejected(e)) {
                rejected();
            }
            error.set(e.code() + ": " + e.getMessage() + lockNote());
            ctx.status().error("Connect to " + u, e);
            done.accept(error.get());
        });
    }

    /** The startup prompt's answer: connect to the prefilled server with this key (kept in memory only). */
    public void connectWithKey(String key, java.util.function.Consumer<String> done) {
        adminKey.set(key == null ? "" : key.trim());
        connect(done);
    }

    /**
     * On start: the last connection again. A saved profile with its key (or local mode) connects
     * at once; otherwise the fields are prefilled and this returns true: the caller asks for the
     * key ({@link KeyPromptDialog#askOnStart}), since the key is saved only when the operator chose to.
     */
    public boolean resume(String profileName, String lastUrl) {
        Profile p = profiles.stream().filter(x -> x.name().equals(profileName)).findFirst().orElse(null);
        if (p != null) {
            selected.set(p);
            if (p.isLocal()) {
                startLocal();
                return false;
            }
            if (p.adminKey() != null && !p.adminKey().isBlank()) {
                connect();
                return false;
            }
            return true;
        }
        if (lastUrl == null || lastUrl.isBlank()) {
            return false;
        }
        name.set(profileName == null ? "" : profileName);
        url.set(lastUrl);
        adminKey.set("");
        return true;
    }

    /** What Disconnect will do, in words, for its confirmation. */
    public String disconnectText() {
        var c = ctx.session().clientProperty().get();
        Profile p = selected.get();
        boolean keySaved = p != null && p.adminKey() != null;
        String label = ctx.session().labelProperty().get();
        boolean named = c != null && label != null && !label.contains(c.baseUrl()) && !c.baseUrl().contains(label);
        return "Leave " + label + (named ? " (" + c.baseUrl() + ")" : "")
                + ". The lists empty and automatic refresh stops"
                + (keySaved ? "; the admin key stays saved with the profile." : "; the admin key is forgotten and must be entered again.");
    }

    /** Forgets the session (Disconnect). The key typed for it is dropped too, unless saved with the profile. */
    public void disconnect() {
        if (ctx.session().clientProperty().get() == null) {
            return;
        }
        String was = ctx.session().labelProperty().get();
        ctx.session().disconnect();
        Profile p = selected.get();
        if (p == null || p.adminKey() == null) {
            adminKey.set("");
        }
        result.set("Disconnected from " + was);
        error.set("");
        ctx.status().clearError();
        ctx.status().info("Disconnected from " + was);
    }

    /** The idle lock: like Disconnect, but the key is forgotten even when the profile saved it (it is asked again). */
    public void lock() {
        if (ctx.session().clientProperty().get() == null) {
            return;
        }
        ctx.session().disconnect();
        adminKey.set("");
        result.set("Locked: enter the admin key to connect again");
        ctx.status().info("Session locked");
    }

    /** Saves (or replaces, by name) the current fields as a profile; the key only when asked. */
    public void saveProfile() {
        String n = name.get() == null ? "" : name.get().trim();
        if (n.isEmpty()) {
            error.set("Give the profile a name, e.g. Production");
            return;
        }
        String rt = runtimeUrl.get() == null || runtimeUrl.get().isBlank() ? null : runtimeUrl.get().trim();
        Profile p = new Profile(n, url.get().trim(), colour.get(), saveKey.get() ? adminKey.get() : null, rt);
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
            runtimeUrl.set(l.runtimeUrl());
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

    /** The runtime URL connect uses: the typed one, else the default derived from the server URL. */
    public String effectiveRuntimeUrl() {
        String typed = runtimeUrl.get() == null ? "" : runtimeUrl.get().trim();
        return typed.isEmpty() ? runtimeDefault.get() : typed;
    }

    /**
     * After a 401 on a connected session: the same server with another admin key. On success the
     * session switches to it and {@code onDone} gets ""; otherwise the reason, and nothing changes.
     */
    public void reconnectWithKey(String key, java.util.function.Consumer<String> onDone) {
        var current = ctx.session().clientProperty().get();
        var rt = ctx.session().runtimeProperty().get();
        if (current == null || key == null || key.isBlank()) {
            onDone.accept("Enter the admin key");
            return;
        }
        if (locked()) {
            onDone.accept(error.get());
            return;
        }
        String u = current.baseUrl();
        String rtUrl = rt == null ? RuntimeClient.defaultUrl(u) : rt.baseUrl();
        ctx.async().run("Reconnect to " + u, () -> {
            AdminClient c = new AdminClient(u, key.trim());
            AuthIntrospectResponse r = c.introspect();
            if (!"admin".equals(r.authType())) {
                throw new dev.cycles.admin.console.client.AdminApiException("NOT_ADMIN",
                        "That key is a tenant key (tenant " + r.tenantId() + "); the console needs the admin key", null);
            }
            return new Object[] {c, r};
        }, pair -> {
            AdminClient c = (AdminClient) pair[0];
            accepted();
            adminKey.set(key.trim());
            ctx.session().connect(c, c.runtimeClient(rtUrl), name.get(), ctx.session().colourProperty().get());
            ctx.session().accessProperty().set((AuthIntrospectResponse) pair[1]);
            ctx.status().clearError();
            ctx.status().info("Reconnected to " + u + " with the new admin key");
            onDone.accept("");
        }, e -> {
            if (ConnectLockout.keyRejected(e)) {
                rejected();
            }
            onDone.accept(e.code() + ": " + e.getMessage() + lockNote());
        });
    }

    private void rejected() {
        lockout.rejected();
        tick();
    }

    private void accepted() {
        lockout.accepted();
        tick();
    }

    /** True (with the reason in the error line) while the lock after repeated rejected keys lasts. */
    private boolean locked() {
        tick();
        String why = lockout.lockedMessage();
        if (!why.isEmpty()) {
            error.set(why);
        }
        return !why.isEmpty();
    }

    private String lockNote() {
        tick();
        return lockout.note();
    }

    /** Re-reads the lock's remaining seconds (the view calls it every second while locked). */
    public void tick() {
        lockSeconds.set(lockout.remainingSeconds());
    }

    public javafx.beans.property.LongProperty lockSecondsProperty() {
        return lockSeconds;
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

    public StringProperty runtimeUrlProperty() {
        return runtimeUrl;
    }

    public javafx.beans.binding.StringBinding runtimeDefaultProperty() {
        return runtimeDefault;
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

    /** True while a session exists (the Disconnect buttons). */
    public javafx.beans.binding.BooleanBinding connectedProperty() {
        return ctx.session().clientProperty().isNotNull();
    }

    public BooleanProperty connectingProperty() {
        return connecting;
    }
}
