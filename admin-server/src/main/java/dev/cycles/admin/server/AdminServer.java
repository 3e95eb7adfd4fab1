package dev.cycles.admin.server;

import dev.cycles.admin.server.apikey.ApiKeyHandlers;
import dev.cycles.admin.server.apikey.ApiKeyService;
import dev.cycles.admin.server.apikey.ApiKeyStore;
import dev.cycles.admin.server.auth.TenantKeyAuthenticator;
import dev.cycles.admin.server.core.AdminWrites;
import dev.cycles.admin.server.ledger.TenantRules;
import dev.cycles.admin.server.audit.AuditHandlers;
import dev.cycles.admin.server.audit.AuditLogStore;
import dev.cycles.admin.server.audit.AuditQueryService;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.auth.AdminKey;
import dev.cycles.admin.server.audit.AuditStore;
import dev.cycles.admin.server.audit.RefusalSummaries;
import dev.cycles.admin.server.auth.FailureThrottle;
import dev.cycles.admin.server.auth.AuthHandlers;
import dev.cycles.admin.server.backup.BackupHandlers;
import dev.cycles.admin.server.backup.BackupService;
import dev.cycles.admin.server.budget.BudgetBulkService;
import dev.cycles.admin.server.budget.BudgetHandlers;
import dev.cycles.admin.server.bulk.BulkRunner;
import dev.cycles.admin.server.budget.BudgetService;
import dev.cycles.admin.server.budget.BudgetStore;
import dev.cycles.admin.server.budget.FundingService;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.docs.DocsHandlers;
import dev.cycles.admin.server.evidence.EvidenceHandlers;
import dev.cycles.admin.server.event.EventHandlers;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.event.EventQueryService;
import dev.cycles.admin.server.event.EventStore;
import dev.cycles.admin.server.auth.Authenticator;
import dev.cycles.admin.server.http.Dispatcher;
import dev.cycles.admin.server.http.Plane;
import dev.cycles.admin.server.ledger.IdempotencyStore;
import dev.cycles.admin.server.http.Route;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.ledger.LedgerSignals;
import dev.cycles.admin.server.reservation.BalanceQueries;
import dev.cycles.admin.server.reservation.ExpirySweeper;
import dev.cycles.admin.server.reservation.ReservationCascade;
import dev.cycles.admin.server.reservation.ReservationEvents;
import dev.cycles.admin.server.reservation.ReservationHandlers;
import dev.cycles.admin.server.reservation.ReservationQueries;
import dev.cycles.admin.server.reservation.ReservationService;
import dev.cycles.admin.server.reservation.ReservationStore;
import dev.cycles.admin.server.reservation.RuntimeReadHandlers;
import dev.cycles.admin.server.reservation.SettlementService;
import dev.cycles.admin.server.health.HealthHandler;
import dev.cycles.admin.server.health.MetricsHandler;
import dev.cycles.admin.server.metrics.Metrics;
import dev.cycles.admin.server.http.JsonJettyFactory;
import dev.cycles.admin.server.AdminRoutes;
import dev.cycles.admin.server.overview.OverviewHandlers;
import dev.cycles.admin.server.overview.OverviewService;
import dev.cycles.admin.server.overview.OverviewStore;
import dev.cycles.admin.server.policy.PolicyHandlers;
import dev.cycles.admin.server.policy.PolicyService;
import dev.cycles.admin.server.policy.PolicyStore;
import dev.cycles.admin.server.usage.UsageEventService;
import dev.cycles.admin.server.usage.UsageEventStore;
import dev.cycles.admin.server.usage.UsageHandlers;
import dev.cycles.admin.server.tenant.TenantBulkService;
import dev.cycles.admin.server.tenant.TenantHandlers;
import dev.cycles.admin.server.tenant.TenantService;
import dev.cycles.admin.server.tenant.TenantStore;
import dev.cycles.admin.server.webhook.DeliveryWorker;
import dev.cycles.admin.server.webhook.SecretCipher;
import dev.cycles.admin.server.webhook.WebhookKeyCheck;
import dev.cycles.admin.server.webhook.WebhookOutbox;
import dev.cycles.admin.server.webhook.WebhookSender;
import dev.cycles.admin.server.webhook.UrlGuard;
import dev.cycles.admin.server.webhook.WebhookBulkService;
import dev.cycles.admin.server.webhook.WebhookDeliveryService;
import dev.cycles.admin.server.webhook.WebhookHandlers;
import dev.cycles.admin.server.webhook.WebhookService;
import dev.cycles.admin.server.webhook.WebhookStore;
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
    /** How often holds past their grace period are returned; reads treat them as expired at once anyway. */
    static final long EXPIRY_SWEEP_MILLIS = 1_000;

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
        CompletableFuture<Planes> planes = new CompletableFuture<>();
        List<Listener> listeners = new java.util.ArrayList<>();
        listeners.add(ignite(config.bind(), config.port(), planes.thenApply(Planes::admin)));
        if (config.runtimeEnabled()) {
            listeners.add(ignite(config.bind(), config.runtimePort(), planes.thenApply(Planes::runtime)));
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
            planes.complete(wire(db, clock, audit, backups, new AdminKey(key.key()), throttle, refusals, webhookSecrets,
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
    private static void abandon(CompletableFuture<Planes> planes, List<Listener> listeners, Exception why) {
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

    /** The two planes' dispatchers, over one set of services. */
    private record Planes(Dispatcher admin, Dispatcher runtime) {
    }

    private static Planes wire(Database db, Clock clock, AuditTrail audit, BackupService backups, AdminKey adminKey,
                                   FailureThrottle throttle, RefusalSummaries refusals, SecretCipher webhookSecrets, UrlGuard urlGuard,
                                   List<AutoCloseable> workers, Metrics metrics) {
        EventStore eventStore = new EventStore();
        EventLog events = new EventLog(eventStore, clock);
        TenantStore tenantStore = new TenantStore();
        ApiKeyStore keyStore = new ApiKeyStore(clock);
        ApiKeyService keys = new ApiKeyService(db, keyStore, tenantStore, audit, events, clock);
        BudgetStore budgetStore = new BudgetStore();
        BudgetService budgets = new BudgetService(db, budgetStore, tenantStore, audit, events, clock);
        FundingService funding = new FundingService(db, budgetStore, tenantStore, audit, events, clock);
        WebhookStore webhookStore = new WebhookStore();
        WebhookSender webhookSender = new WebhookSender(urlGuard);
        WebhookService webhooks = new WebhookService(db, webhookStore, tenantStore, audit, events, webhookSecrets, urlGuard,
                webhookSender, clock);
        WebhookOutbox outbox = new WebhookOutbox(webhookStore);
        events.addSink(outbox);
        DeliveryWorker deliveries = new DeliveryWorker(db, webhookStore, webhooks, webhookSender, outbox, events, clock,
                metrics.deliveries());
        metrics.deliveryQueue(deliveries::queueDepth);
        deliveries.start();
        workers.add(deliveries);
        LedgerBook ledgers = new LedgerBook();
        ReservationStore reservationStore = new ReservationStore(db.dialect());
        IdempotencyStore remembered = new IdempotencyStore();
        LedgerSignals signals = new LedgerSignals(events);
        ReservationEvents reservationEvents = new ReservationEvents(events);
        PolicyStore policyStore = new PolicyStore();
        // Tenants, keys and policies change only through admin-plane writes; caches of them ask this whether they are current.
        AdminWrites adminWrites = new AdminWrites(db.sharedWithOtherServers());
        TenantRules tenantRules = new TenantRules(tenantStore, policyStore, adminWrites);
        SettlementService settlements = new SettlementService(db, ledgers, reservationStore, remembered, tenantRules, signals,
                reservationEvents, audit, clock, metrics.reservations());
        ReservationService reservations = new ReservationService(db, ledgers, reservationStore, remembered, tenantRules, signals,
                reservationEvents, clock, metrics.reservations());
        ExpirySweeper sweeper = new ExpirySweeper(db, ledgers, reservationStore, remembered, settlements, signals,
                reservationEvents, clock, metrics.reservations());
        sweeper.start(EXPIRY_SWEEP_MILLIS);
        workers.add(sweeper);
        ReservationCascade releaseOnClose = new ReservationCascade(ledgers, reservationStore, settlements, events, clock);
        TenantService tenants = new TenantService(db, tenantStore, audit, events,
                List.of(releaseOnClose, budgets, webhooks, keys), clock);
        BulkRunner bulk = new BulkRunner(db, audit, clock);
        TenantKeyAuthenticator tenantKeys = new TenantKeyAuthenticator(db, keyStore, tenantStore, adminWrites, clock);
        PolicyService policies = new PolicyService(db, policyStore, tenantStore, audit, events, clock);
        AdminRoutes.Handlers handlers = new AdminRoutes.Handlers(
                new HealthHandler(db, VERSION),
                new TenantHandlers(tenants, new TenantBulkService(bulk, tenantStore, tenants)),
                new ApiKeyHandlers(keys),
                new AuthHandlers(tenantKeys),
                new BudgetHandlers(budgets, funding, new BudgetBulkService(bulk, budgetStore, tenantStore, funding)),
                new BackupHandlers(backups),
                new PolicyHandlers(policies),
                new AuditHandlers(new AuditQueryService(db, new AuditLogStore())),
                new OverviewHandlers(new OverviewService(db, new OverviewStore(), clock)),
                new WebhookHandlers(webhooks, new WebhookDeliveryService(db, webhookStore, webhooks, audit, webhookSender, clock),
                        new WebhookBulkService(bulk, webhookStore, webhooks)),
                new DocsHandlers(),
                new EventHandlers(new EventQueryService(db, eventStore)),
                new MetricsHandler(metrics));
        // Keys, tenants and policies change only through admin writes: while one runs, and once it is done,
        // nothing remembered about them from before is reused (key verdicts, tenant rules).
        List<Route> adminRoutes = AdminRoutes.table(handlers).stream()
                .map(r -> r.isWrite() ? new Route(r.method(), r.path(), r.operation(), r.resourceType(), r.auth(),
                        call -> {
                            adminWrites.begin();
                            try {
                                return r.handler().handle(call);
                            } finally {
                                adminWrites.end();
                            }
                        }) : r)
                .toList();
        Dispatcher admin = new Dispatcher(new Authenticator(adminKey, tenantKeys, throttle, refusals), audit, adminRoutes,
                Plane.ADMIN, metrics);
        ReservationQueries reservationQueries = new ReservationQueries(db, reservationStore, clock);
        RuntimeRoutes.Handlers runtimeHandlers = new RuntimeRoutes.Handlers(
                new HealthHandler(db, VERSION),
                new ReservationHandlers(reservations, settlements, reservationQueries),
                new RuntimeReadHandlers(reservationQueries, new BalanceQueries(db, ledgers)),
                new EvidenceHandlers(),
                new DocsHandlers("runtime-openapi.yaml", "Cycles Runtime API"),
                new UsageHandlers(new UsageEventService(db, ledgers, new UsageEventStore(), remembered, tenantRules,
                        signals, clock)));
        Dispatcher runtime = new Dispatcher(new Authenticator(adminKey, tenantKeys::resolveForRuntime, throttle, refusals), audit,
                RuntimeRoutes.table(runtimeHandlers), Plane.RUNTIME, metrics);
        return new Planes(admin, runtime);
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
