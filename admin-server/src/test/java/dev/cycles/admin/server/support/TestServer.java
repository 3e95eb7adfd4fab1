package dev.cycles.admin.server.support;

import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.DatabaseUrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A real server on a free loopback port over a fresh database, for one test class: a SQLite file
 * in its data folder, or, when the system property {@code cycles.test.store} is
 * {@code postgresql}, a new database of its own on the test JVM's {@link PostgresCluster}.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_KEY = "test-admin-key";
    public static final String STORE_PROPERTY = "cycles.test.store";

    /**
     * Each data folder's PostgreSQL database: a server restarted over the same folder finds the
     * same data, as it would in the folder's SQLite file.
     */
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    private final Path dir;
    private final AdminServer server;
    private final java.net.http.HttpClient client = Api.newClient();

    private TestServer(Path dir, AdminServer server) {
        this.dir = dir;
        this.server = server;
    }

    /** True when this test run's servers keep their data in PostgreSQL. */
    public static boolean onPostgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty(STORE_PROPERTY, "sqlite"));
    }

    /**
     * {@code config} on this run's store: unchanged on SQLite; on PostgreSQL, with the database of
     * its data folder (created the first time a folder is seen). For tests that start servers
     * without this class.
     */
    public static Config onTestStore(Config config) {
        if (!onPostgres() || config.databaseUrl() != null) {
            return config;
        }
        return config.withDatabaseUrl(DatabaseUrl.parse(databaseUrl(config.dataDir())));
    }

    /** The DATABASE_URL of {@code dataDir}'s PostgreSQL database, made the first time the folder is seen. */
    public static String databaseUrl(Path dataDir) {
        return DATABASES.computeIfAbsent(dataDir.toAbsolutePath().normalize(), k -> PostgresCluster.shared().newDatabaseUrl());
    }

    /** Drops the PostgreSQL database of {@code dataDir}, if it has one (the folder is being deleted). */
    public static void forgetDatabase(Path dataDir) {
        String url = DATABASES.remove(dataDir.toAbsolutePath().normalize());
        if (url != null) {
            PostgresCluster.shared().dropDatabase(DatabaseUrl.parse(url).database());
        }
    }

    public static TestServer start() {
        try {
            Path dir = Files.createTempDirectory("cycles-admin-test");
            return start(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tests send many wrong keys on purpose, so the per-address throttle is set high here; the
     * throttle has its own test with a low limit.
     */
    public static TestServer start(Path dataDir) {
        return start(new Config(ADMIN_KEY, 0, "127.0.0.1", dataDir).withAuthFailureLimit(1_000_000));
    }

    public static TestServer start(Config config) {
        return start(config, java.time.Clock.systemUTC());
    }

    /** A server on {@code dataDir} whose time is {@code clock} (a {@link MutableClock} to move time by hand). */
    public static TestServer start(Path dataDir, java.time.Clock clock) {
        return start(new Config(ADMIN_KEY, 0, "127.0.0.1", dataDir).withAuthFailureLimit(1_000_000), clock);
    }

    /** A server on a fresh folder whose time is {@code clock}. */
    public static TestServer start(java.time.Clock clock) {
        try {
            return start(Files.createTempDirectory("cycles-admin-test"), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Webhook URLs are resolved by {@link TestResolver}: no DNS needed. */
    public static TestServer start(Config config, java.time.Clock clock) {
        try {
            AdminServer server = AdminServer.start(onTestStore(config), clock, TestResolver.INSTANCE);
            return new TestServer(config.dataDir(), server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** The runtime plane (reserve, commit, ...) of the same server. */
    public String runtimeUrl() {
        return "http://127.0.0.1:" + server.runtimePort();
    }

    public int runtimePort() {
        return server.runtimePort();
    }

    /** A runtime-plane client with a tenant key; answers are checked against the runtime documents. */
    public Api runtime(String secret) {
        return new Api(client, runtimeUrl(), "X-Cycles-API-Key", secret, true, Api.Contract.RUNTIME);
    }

    /** A runtime-plane client with the admin key (list, get and release only). */
    public Api runtimeAdmin() {
        return new Api(client, runtimeUrl(), "X-Admin-API-Key", ADMIN_KEY, true, Api.Contract.RUNTIME);
    }

    /** A runtime-plane client with no key (the public paths: evidence, documentation, health). */
    public Api runtimeAnonymous() {
        return new Api(client, runtimeUrl(), "X-Cycles-API-Key", null, true, Api.Contract.RUNTIME);
    }

    public Path dataDir() {
        return dir;
    }

    public Database db() {
        return server.database();
    }

    /** The running server itself, for tests that need a hook into one of its parts. */
    public AdminServer app() {
        return server;
    }

    /** A client with the admin key. */
    public Api admin() {
        return new Api(client, baseUrl(), "X-Admin-API-Key", ADMIN_KEY, true);
    }

    /** A client with a tenant key. */
    public Api tenant(String secret) {
        return new Api(client, baseUrl(), "X-Cycles-API-Key", secret, true);
    }

    /** A client with no key at all. */
    public Api anonymous() {
        return new Api(client, baseUrl(), "X-Admin-API-Key", null, true);
    }

    /** Stops the server and keeps the data folder (for restart tests). */
    public void stop() {
        server.close();
    }

    @Override
    public void close() {
        server.close();
        deleteTree(dir);
    }

    /** Deletes {@code dir}, and on PostgreSQL the database that belonged to it. */
    public static void deleteTree(Path dir) {
        forgetDatabase(dir);
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp folder; nothing to recover
        }
    }
}
