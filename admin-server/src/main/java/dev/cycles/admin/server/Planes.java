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
import dev.cycles.admin.server.webhook.WebhookOutbox;
import dev.cycles.admin.server.webhook.WebhookSender;
import dev.cycles.admin.server.webhook.UrlGuard;
import dev.cycles.admin.server.webhook.WebhookBulkService;
import dev.cycles.admin.server.webhook.WebhookDeliveryService;
import dev.cycles.admin.server.webhook.WebhookHandlers;
import dev.cycles.admin.server.webhook.WebhookService;
import dev.cycles.admin.server.webhook.WebhookStore;

import java.time.Clock;
import java.util.List;

/**
 * The services of both planes, built once over one database: stores, services, background
 * workers and the two route tables, composed into one dispatcher per plane.
 */
final class Planes {
    /** How often holds past their grace period are returned; reads treat them as expired at once anyway. */
    static final long EXPIRY_SWEEP_MILLIS = 1_000;

    private Planes() {
    }

    /** The two planes' dispatchers, over one set of services. */
    record Dispatchers(Dispatcher admin, Dispatcher runtime) {
    }

    static Dispatchers wire(Database db, Clock clock, AuditTrail audit, BackupService backups, AdminKey adminKey,
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
                new HealthHandler(db, AdminServer.VERSION),
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
                new HealthHandler(db, AdminServer.VERSION),
                new ReservationHandlers(reservations, settlements, reservationQueries),
                new RuntimeReadHandlers(reservationQueries, new BalanceQueries(db, ledgers)),
                new EvidenceHandlers(),
                new DocsHandlers("runtime-openapi.yaml", "Cycles Runtime API"),
                new UsageHandlers(new UsageEventService(db, ledgers, new UsageEventStore(), remembered, tenantRules,
                        signals, clock)));
        Dispatcher runtime = new Dispatcher(new Authenticator(adminKey, tenantKeys::resolveForRuntime, throttle, refusals), audit,
                RuntimeRoutes.table(runtimeHandlers), Plane.RUNTIME, metrics);
        return new Dispatchers(admin, runtime);
    }

}
