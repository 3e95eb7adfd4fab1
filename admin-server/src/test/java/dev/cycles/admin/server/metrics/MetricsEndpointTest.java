package dev.cycles.admin.server.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /metrics on a real server: the admin key (or it as a bearer token) required, the Prometheus
 * text format, and each family moving with the work that should move it: requests by operation
 * and status with their latency buckets, reservation outcomes, webhook deliveries and their queue,
 * the writer's queue and batches, the database size, the JVM's own.
 */
class MetricsEndpointTest {
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String RUNTIME_PERMISSIONS = "[\"reservations:create\",\"reservations:commit\",\"reservations:release\","
            + "\"reservations:extend\"]";
    static final AtomicInteger SEQ = new AtomicInteger();

    static MutableClock clock;
    static TestServer server;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Scrape scrape() {
        Api.Res r = server.admin().get("/metrics");
        assertEquals(200, r.status(), r.body());
        assertEquals(TEXT, r.header("Content-Type"));
        return Scrape.parse(r.body());
    }

    @Test
    void refusedWithoutTheAdminKey() {
        Api.Res none = server.anonymous().get("/metrics");
        assertEquals(401, none.status());
        assertEquals("UNAUTHORIZED", none.error());
        assertTrue(none.header("Content-Type").startsWith("application/json"), none.header("Content-Type"));
        assertTrue(none.json().path("message").asText().contains("Authorization: Bearer"), none.body());

        assertEquals("UNAUTHORIZED", server.admin().withKey("X-Admin-API-Key", "wrong").get("/metrics").error());
        Api.Res wrongBearer = server.anonymous().send("GET", "/metrics", null, null, "Authorization", "Bearer wrong");
        assertEquals(401, wrongBearer.status());
        assertEquals("UNAUTHORIZED", wrongBearer.error());
        Api.Res basic = server.anonymous().send("GET", "/metrics", null, null, "Authorization", "Basic " + TestServer.ADMIN_KEY);
        assertEquals(401, basic.status());
        // The bearer form is for scrapers: every other admin route still wants X-Admin-API-Key.
        Api.Res elsewhere = server.anonymous().send("GET", "/v1/admin/tenants", null, null, "Authorization", "Bearer " + TestServer.ADMIN_KEY);
        assertEquals(401, elsewhere.status());
    }

    @Test
    void servedAsPrometheusTextWithTheKeyOrAsABearerToken() {
        assertEquals(200, server.anonymous().get("/health").status());
        Scrape viaHeader = scrape();
        assertTrue(viaHeader.value("cycles_http_requests_total", "plane", "admin", "operation", "health", "status", "200") >= 1);

        Api.Res bearer = server.anonymous().send("GET", "/metrics", null, null, "Authorization", "Bearer " + TestServer.ADMIN_KEY);
        assertEquals(200, bearer.status(), bearer.body());
        assertEquals(TEXT, bearer.header("Content-Type"));
        assertEquals("no-store", bearer.header("Cache-Control"));
        assertTrue(Scrape.parse(bearer.body()).has("jvm_memory_used_bytes"));

        Api.Res open = server.admin().send("GET", "/metrics", null, null, "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals(200, open.status());
        assertTrue(open.header("Content-Type").startsWith("application/openmetrics-text; version=1.0.0"), open.header("Content-Type"));
        assertTrue(open.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
    }

    @Test
    void countsRequestsByOperationAndStatusWithLatencyBuckets() {
        Api admin = server.admin();
        String tenant = "m-req-" + SEQ.incrementAndGet();
        Fixtures.tenant(admin, tenant);
        Scrape before = scrape();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, admin.get("/v1/admin/tenants/" + tenant).status());
        }
        assertEquals(404, admin.get("/v1/admin/tenants/no-such-tenant").status());
        assertEquals(404, admin.get("/v1/admin/tenants/no-such-either").status());
        assertEquals(404, admin.get("/no/such/endpoint/" + tenant).status());
        assertEquals(200, server.runtimeAnonymous().get("/health").status());
        Scrape after = scrape();

        String[] ok = {"plane", "admin", "operation", "getTenant", "status", "200"};
        String[] missing = {"plane", "admin", "operation", "getTenant", "status", "404"};
        assertEquals(3, delta(before, after, "cycles_http_requests_total", ok));
        assertEquals(2, delta(before, after, "cycles_http_requests_total", missing));
        assertEquals(1, delta(before, after, "cycles_http_requests_total", "plane", "admin", "operation", "unknown", "status", "404"));
        assertEquals(1, delta(before, after, "cycles_http_requests_total", "plane", "runtime", "operation", "health", "status", "200"));
        // no raw path ever becomes a label value
        assertTrue(after.samples().stream().noneMatch(s -> s.labels().values().stream().anyMatch(v -> v.contains(tenant))));

        String[] route = {"plane", "admin", "operation", "getTenant"};
        List<Scrape.Sample> buckets = after.all("cycles_http_request_duration_seconds_bucket", route);
        List<String> bounds = buckets.stream().map(s -> s.labels().get("le")).toList();
        assertEquals(List.of("0.001", "0.002", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
                "+Inf"), bounds);
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue(buckets.get(i).value() >= buckets.get(i - 1).value(), "buckets are cumulative: " + buckets);
        }
        assertEquals(5, delta(before, after, "cycles_http_request_duration_seconds_bucket", "plane", "admin", "operation", "getTenant", "le", "+Inf"));
        assertEquals(5, delta(before, after, "cycles_http_request_duration_seconds_count", route));
        assertTrue(delta(before, after, "cycles_http_request_duration_seconds_sum", route) > 0);
    }

    @Test
    void countsReservationOutcomesOnceEach() {
        String tenant = "m-rsv-" + SEQ.incrementAndGet();
        Api admin = server.admin();
        Fixtures.tenant(admin, tenant);
        Api rt = server.runtime(Fixtures.key(admin, tenant, RUNTIME_PERMISSIONS));
        budget(tenant, 1000);
        Scrape before = scrape();

        String committed = reserve(rt, tenant, "a", 100, "");
        assertEquals(200, rt.post("/v1/reservations", reserveBody(tenant, "a", 100, "")).status(), "a replay");
        Api.Res denied = rt.post("/v1/reservations", reserveBody(tenant, "too-much", 5000, ""));
        assertEquals(409, denied.status(), denied.body());
        assertEquals("BUDGET_EXCEEDED", denied.error());
        assertEquals(200, rt.post("/v1/reservations/" + committed + "/commit", commitBody("c1", 80)).status());
        assertEquals(200, rt.post("/v1/reservations/" + committed + "/commit", commitBody("c1", 80)).status(), "a replay");
        String released = reserve(rt, tenant, "b", 10, "");
        assertEquals(200, rt.post("/v1/reservations/" + released + "/extend", "{\"idempotency_key\":\"e1\",\"extend_by_ms\":1000}").status());
        assertEquals(200, rt.post("/v1/reservations/" + released + "/release", "{\"idempotency_key\":\"r1\"}").status());
        Api.Res finalized = rt.post("/v1/reservations/" + released + "/release", "{\"idempotency_key\":\"r2\"}");
        assertEquals(409, finalized.status(), "not counted: nothing was released");
        reserve(rt, tenant, "left", 10, ",\"ttl_ms\":1000,\"grace_period_ms\":0");
        clock.advance(Duration.ofSeconds(2));
        await("the sweeper expires the hold", () -> delta(before, scrape(), "cycles_reservations_total", "outcome", "expired") >= 1);
        Scrape after = scrape();

        assertEquals(3, delta(before, after, "cycles_reservations_total", "outcome", "allowed", "reason", "none"));
        assertEquals(1, delta(before, after, "cycles_reservations_total", "outcome", "denied", "reason", "BUDGET_EXCEEDED"));
        assertEquals(1, delta(before, after, "cycles_reservations_total", "outcome", "committed"));
        assertEquals(1, delta(before, after, "cycles_reservations_total", "outcome", "extended"));
        assertEquals(1, delta(before, after, "cycles_reservations_total", "outcome", "released"));
        assertEquals(1, delta(before, after, "cycles_reservations_total", "outcome", "expired"));
        assertEquals(1, delta(before, after, "cycles_http_requests_total", "plane", "runtime", "operation", "releaseReservation",
                "status", "409"));
    }

    @Test
    void countsWebhookDeliveriesAndTheirQueue() throws IOException {
        HttpServer ok = receiver(200);
        HttpServer failing = receiver(500);
        try {
            Api admin = server.admin();
            assertEquals(200, admin.put("/v1/admin/config/webhook-security", "{\"blocked_cidr_ranges\":[],\"allow_http\":true}").status());
            String tenant = "m-hook-" + SEQ.incrementAndGet();
            Fixtures.tenant(admin, tenant);
            Api rt = server.runtime(Fixtures.key(admin, tenant, RUNTIME_PERMISSIONS));
            budget(tenant, 10);
            subscribe(tenant, ok, "");
            // one retry, a minute later by the server's clock: it waits in the queue until the test moves time
            subscribe(tenant, failing, ",\"retry_policy\":{\"max_retries\":1,\"initial_delay_ms\":60000}");
            Scrape before = scrape();

            assertEquals(409, rt.post("/v1/reservations", reserveBody(tenant, "deny", 500, "")).status());
            await("one success and one retry", () -> {
                Scrape s = scrape();
                return delta(before, s, "cycles_webhook_deliveries_total", "outcome", "success") == 1
                        && delta(before, s, "cycles_webhook_deliveries_total", "outcome", "retry") == 1;
            });
            assertEquals(1, scrape().value("cycles_webhook_queue_depth"), "the retry waits in the queue");

            clock.advance(Duration.ofSeconds(61));
            await("the retry fails for good", () -> delta(before, scrape(), "cycles_webhook_deliveries_total", "outcome", "dead") == 1);
            Scrape after = scrape();
            assertEquals(0, after.value("cycles_webhook_queue_depth"));
            assertEquals(1, delta(before, after, "cycles_webhook_deliveries_total", "outcome", "success"));
            assertEquals(1, delta(before, after, "cycles_webhook_deliveries_total", "outcome", "retry"));
            assertEquals(0, delta(before, after, "cycles_webhook_deliveries_total", "outcome", "cancelled"));
        } finally {
            ok.stop(0);
            failing.stop(0);
        }
    }

    @Test
    void writerQueueBatchesAndDatabaseSize() throws Exception {
        Fixtures.tenant(server.admin(), "m-db-" + SEQ.incrementAndGet());
        Scrape s = scrape();
        assertTrue(s.value("cycles_db_commit_batch_size_count") > 0, "batches were committed");
        assertTrue(s.value("cycles_db_commit_batch_size_sum") >= s.value("cycles_db_commit_batch_size_count"));
        assertEquals(s.value("cycles_db_commit_batch_size_count"), s.value("cycles_db_commit_batch_size_bucket", "le", "+Inf"));
        assertTrue(s.value("cycles_db_commit_batch_size_bucket", "le", "64.0") > 0);
        assertTrue(s.value("cycles_db_size_bytes") > 0, "database size");

        // Hold every writer (SQLite's one writer thread, or every connection of PostgreSQL's write
        // pool) and queue three writes behind them: the gauge sees those three waiting.
        int writers = TestServer.onPostgres() ? AdminServer.POSTGRES_POOL_SIZE : 1;
        CountDownLatch entered = new CountDownLatch(writers);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 3);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                writes.add(pool.submit(() -> server.db().write(c -> {
                    entered.countDown();
                    return release.await(30, TimeUnit.SECONDS);
                })));
            }
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                writes.add(pool.submit(() -> server.db().write(c -> null)));
            }
            await("three writes queued", () -> server.db().writeQueueDepth() == 3);
            assertEquals(3, scrape().value("cycles_db_writer_queue_depth"));
            release.countDown();
            for (Future<?> f : writes) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(0, scrape().value("cycles_db_writer_queue_depth"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void jvmAndProcessMetrics() {
        Scrape s = scrape();
        for (String name : List.of("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_threads_live_threads", "jvm_threads_states_threads",
                "jvm_classes_loaded_classes", "jvm_info", "process_uptime_seconds", "process_cpu_usage", "system_cpu_count",
                "process_start_time_seconds")) {
            assertTrue(s.has(name), name + " is exposed");
        }
        // Summed over the heap's pools: any one of them (a survivor space just after a
        // collection) may be empty at the moment of the scrape.
        double heapUsed = s.all("jvm_memory_used_bytes", "area", "heap").stream().mapToDouble(Scrape.Sample::value).sum();
        assertTrue(heapUsed > 0, "heap in use: " + heapUsed);
    }

    // --- steps ---

    static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    static void budget(String tenant, long allocated) {
        Api.Res r = server.admin().post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenant + "\",\"scope\":\"tenant:" + tenant
                + "\",\"unit\":\"TOKENS\",\"allocated\":{\"unit\":\"TOKENS\",\"amount\":" + allocated + "}}");
        assertEquals(201, r.status(), r.body());
    }

    static String reserveBody(String tenant, String key, long amount, String extra) {
        return "{\"idempotency_key\":\"" + key + "\",\"subject\":{\"tenant\":\"" + tenant + "\"},"
                + "\"action\":{\"kind\":\"llm.completion\",\"name\":\"m\"},\"estimate\":{\"unit\":\"TOKENS\",\"amount\":" + amount + "}"
                + extra + "}";
    }

    static String reserve(Api rt, String tenant, String key, long amount, String extra) {
        Api.Res r = rt.post("/v1/reservations", reserveBody(tenant, key, amount, extra));
        assertEquals(200, r.status(), r.body());
        return r.text("reservation_id");
    }

    static String commitBody(String key, long actual) {
        return "{\"idempotency_key\":\"" + key + "\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":" + actual + "}}";
    }

    static void subscribe(String tenant, HttpServer receiver, String extra) {
        Api.Res r = server.admin().post("/v1/admin/webhooks?tenant_id=" + tenant, "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\",\"event_types\":[\"reservation.denied\"]" + extra + "}");
        assertEquals(201, r.status(), r.body());
    }

    static HttpServer receiver(int status) throws IOException {
        HttpServer h = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        h.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        h.start();
        return h;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
