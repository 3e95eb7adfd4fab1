package dev.cycles.admin.server;

import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.auth.AdminKey;
import dev.cycles.admin.server.audit.AuditStore;
import dev.cycles.admin.server.audit.RefusalSummaries;
import dev.cycles.admin.server.auth.FailureThrottle;
import dev.cycles.admin.server.backup.BackupService;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.http.Dispatcher;
import dev.cycles.admin.server.metrics.Metrics;
import dev.cycles.admin.server.http.JsonJettyFactory;
import dev.cycles.admin.server.webhook.SecretCipher;
import dev.cycles.admin.server.webhook.WebhookKeyCheck;
import dev.cycles.admin.server.webhook.UrlGuard;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.log.LogFormat;
import dev.cycles.admin.server.log.Logs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;
import spark.embeddedserver.EmbeddedServers;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/** The composition root: configuration in, a running server out. Tests start many per JVM. */
public final class AdminServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    static {
        EmbeddedServers.add(JsonJettyFactory.IDENTIFIER, new JsonJettyFactory());
    }

    /** Failures are counted, and refusals summarised, per window of this length. */
    static final long FAILURE_WINDOW_MILLIS = 60_000;

    private final Service http;
    private final Service runtime;
    private final Database db;
    private final AdminKeySource adminKey;
    private final RefusalSummaries refusals;
    private final ScheduledExecutorService housekeeping;
    private final BackupService backups;
    private final List<AutoCloseable> workers;

    private AdminServer(Service http, Service runtime, Database db, AdminKeySource adminKey, RefusalSummaries refusals,
                        ScheduledExecutorService housekeeping, BackupService backups, List<AutoCloseable> workers) {
        this.workers = workers;
        this.http = http;
        this.runtime = runtime;
        this.db = db;
        this.adminKey = adminKey;
        this.refusals = refusals;
        this.housekeeping = housekeeping;
        this.backups = backups;
    }

    public static AdminServer start(Config config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    public static AdminServer start(Config config, Clock clock) throws IOException {
        return start(config, clock, UrlGuard.AddressResolver.SYSTEM);
    }

    /** As {@link #start(Config, Clock)} with the name resolution webhook URLs are checked with (tests give names addresses). */
    public static AdminServer start(Config config, Clock clock, UrlGuard.AddressResolver resolver) throws IOException {
        Files.createDirectories(config.dataDir());
        // The database opens (and migrates) on a second thread, and both listeners start on threads
        // of their own, while this one reads the keys and builds the metrics registry and the
        // services: start-up waits for the longest of these, not their sum. A request that reaches
        // a listener before the services are wired waits for them.
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> open(config), AdminServer::daemon);
        CompletableFuture<Planes.Dispatchers> planes = new CompletableFuture<>();
        List<Listener> listeners = new java.util.ArrayList<>();
        listeners.add(ignite(config.bind(), config.port(), planes.thenApply(Planes.Dispatchers::admin)));
        if (config.runtimeEnabled()) {
            listeners.add(ignite(config.bind(), config.runtimePort(), planes.thenApply(Planes.Dispatchers::runtime)));
        }
        SecretCipher webhookSecrets;
        AdminKeySource key;
        Metrics metrics;
        try {
            webhookSecrets = SecretCipher.loadOrCreate(config.dataDir());
            key = AdminKeySource.resolve(config);
            metrics = new Metrics();
        } catch (IOException | RuntimeException e) {
            abandon(planes, listeners, e);
            opening.thenAccept(Database::close);
            throw e;
        }
        Database db;
        try {
            db = opened(opening, metrics);
        } catch (RuntimeException e) {
            abandon(planes, listeners, e);
            throw e;
        }
        List<AutoCloseable> workers = new java.util.ArrayList<>();
        try {
            WebhookKeyCheck.verify(db, webhookSecrets, config.dataDir());
            metrics.writerQueue(db::writeQueueDepth);
            metrics.databaseSize(db::sizeBytes);
            db.observeCommitBatches(metrics::commitBatch);
            RefusalSummaries refusals = new RefusalSummaries(db, new AuditStore(), clock, FAILURE_WINDOW_MILLIS);
            FailureThrottle throttle = new FailureThrottle(config.authFailureLimit(), FAILURE_WINDOW_MILLIS, clock);
            AuditTrail audit = new AuditTrail(db, new AuditStore(), clock);
            BackupService backups = new BackupService(db, audit, config.backupRetain(), clock);
            planes.complete(Planes.wire(db, clock, audit, backups, new AdminKey(key.key()), throttle, refusals, webhookSecrets,
                    new UrlGuard(resolver), workers, metrics));
            Service http = listeners.get(0).await();
            Service runtime = config.runtimeEnabled() ? listeners.get(1).await() : null;
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "housekeeping");
                t.setDaemon(true);
                return t;
            });
            housekeeping.scheduleWithFixedDelay(refusals::flush, 2, 2, TimeUnit.SECONDS);
            workers.add(metrics);
            return new AdminServer(http, runtime, db, key, refusals, housekeeping, backups, workers);
        } catch (IOException | RuntimeException e) {
            abandon(planes, listeners, e);
            closeAll(workers);
            metrics.close();
            db.close();
            throw e;
        }
    }

    /** Start-up failed: requests already waiting for the planes get a 500, and the listeners close. */
    private static void abandon(CompletableFuture<Planes.Dispatchers> planes, List<Listener> listeners, Exception why) {
        planes.completeExceptionally(why);
        for (Listener l : listeners) {
            // Spark's stop() does nothing to a listener still starting, which would then bind its port for good
            l.service().awaitInitialization();
            l.service().stop();
            l.service().awaitStop();
        }
    }

    /** Connections each of the PostgreSQL pools (reads, writes) may open; several servers share max_connections. */
    public static final int POSTGRES_POOL_SIZE = 16;

    /** PostgreSQL when DATABASE_URL names one, else the SQLite file in the data folder. */
    private static Database open(Config config) {
        return config.onPostgres()
                ? Database.postgres(config.databaseUrl(), POSTGRES_POOL_SIZE, config.durability())
                : Database.sqlite(config.databaseFile(), 4, config.durability());
    }

    /** The opened database, or the reason it could not be opened (the metrics registry is closed then). */
    private static Database opened(CompletableFuture<Database> opening, Metrics metrics) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            metrics.close();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "open-database");
        t.setDaemon(true);
        t.start();
    }

    /** An HTTP listener that is starting; {@link #await} waits for it to listen or reports why it cannot. */
    private record Listener(Service service, String bind, int port, AtomicReference<Exception> failure) {
        Service await() throws IOException {
            service.awaitInitialization();
            if (failure.get() != null) {
                service.stop();
                throw new IOException("cannot listen on " + bind + ":" + port + ": " + failure.get().getMessage(), failure.get());
            }
            return service;
        }
    }

    /** Starts one HTTP listener (Jetty starts on a thread of its own) for the dispatcher {@code plane} will hold. */
    private static Listener ignite(String bind, int port, CompletableFuture<Dispatcher> plane) {
        Service http = Service.ignite();
        http.embeddedServerIdentifier(JsonJettyFactory.IDENTIFIER);
        http.ipAddress(bind);
        http.port(port);
        http.threadPool(64, 8, 60_000);
        AtomicReference<Exception> failure = new AtomicReference<>();
        http.initExceptionHandler(failure::set);
        Dispatcher.serve(http, plane);
        return new Listener(http, bind, port, failure);
    }

    public int port() {
        return http.port();
    }

    /** The runtime plane's port, or -1 when it is turned off. */
    public int runtimePort() {
        return runtime == null ? -1 : runtime.port();
    }

    public Database database() {
        return db;
    }

    public AdminKeySource adminKey() {
        return adminKey;
    }

    public BackupService backups() {
        return backups;
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.stop();
            runtime.awaitStop();
        }
        http.stop();
        http.awaitStop();
        closeAll(workers);
        housekeeping.shutdownNow();
        refusals.flush();
        db.close();
    }

    private static void closeAll(List<AutoCloseable> workers) {
        for (AutoCloseable w : workers) {
            try {
                w.close();
            } catch (Exception ignored) {
                // shutting down; the rows stay queued for the next start
            }
        }
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(Config.HELP);
            return;
        }
        if (args.length > 0 && args[0].equals("backup")) {
            System.exit(BackupCommand.run(args));
        }
        // Building the JSON mapper loads about 500 classes; on a second core it overlaps with
        // logging, the database and the listeners instead of following them.
        Thread warm = new Thread(Json::mapper, "warm-json");
        warm.setDaemon(true);
        warm.start();
        // Chosen first, so that even a configuration error is reported in the format asked for.
        Logs.use(LogFormat.requested(System.getenv(), args));
        try {
            Config config = Config.from(System.getenv(), args);
            Logs.use(config.logFormat());
            Logs.requests(config.logRequests());
            AdminServer server = start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
            List<String> banner = new StartupBanner(VERSION, config, server.port(), server.runtimePort(), server.adminKey()).lines();
            if (config.logFormat() == LogFormat.JSON) {
                startupLog().atInfo().addKeyValue("version", VERSION).addKeyValue("admin_port", server.port())
                        .addKeyValue("runtime_port", server.runtimePort()).addKeyValue("durability", config.durability().label())
                        .addKeyValue("database", StartupBanner.database(config))
                        .addKeyValue("admin_key_source", server.adminKey().description())
                        .log(String.join(" | ", banner.stream().map(l -> l.strip().replaceAll("\\s{2,}", " ")).toList()));
            } else {
                banner.forEach(System.out::println);
            }
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail(1, "Cycles Admin could not start: " + e.getMessage());
        }
    }

    private static Logger startupLog() {
        return LoggerFactory.getLogger(AdminServer.class);
    }

    /** Start-up failed: the reason on stderr (text) or as an ERROR line (json), and the exit code. */
    private static void fail(int exitCode, String message) {
        if (Logs.format() == LogFormat.JSON) {
            startupLog().atError().addKeyValue("exit_code", exitCode).log(message);
        } else {
            System.err.println(message);
        }
        System.exit(exitCode);
    }
}
