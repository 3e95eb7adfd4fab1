package dev.cycles.admin.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.db.DatabaseUrl;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ChildServer;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestClient;
import dev.cycles.admin.server.support.TestServer;
import dev.cycles.admin.server.webhook.SecretCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three server processes on one PostgreSQL database, clients spread over them funding, reserving,
 * committing and releasing, and one server killed with SIGKILL halfway. A call the killed server
 * never answered is sent again, with the same idempotency key, to a live one, as a client behind a
 * load balancer would; afterwards the ledger is exact, every funding is in it once, and every
 * webhook delivery was sent (twice only if the killed server had it on the wire).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MultiServerCrashTest {
    private static final String PERMISSIONS = "[\"reservations:create\",\"reservations:commit\",\"reservations:release\"]";
    private static final String TENANT = "multi-co";
    private static final long START_ALLOCATED = 1_000_000;
    private static final int CLIENTS = 6;
    private static final int ROUNDS = 25;
    private static final int KILLED = 2;

    private final Process[] servers = new Process[3];
    private final TestClient[] admin = new TestClient[3];
    private final TestClient[] runtime = new TestClient[3];
    private volatile boolean killed;
    private final AtomicInteger unanswered = new AtomicInteger();
    /** A server of the test's own on the shared database, to look at rows. */
    private TestServer check;
    private volatile long heldWhenKilled;

    @Test
    void aServerKilledMidwayLosesNothingAcknowledgedAndItsDeliveriesAreSent() throws Exception {
        assumeTrue(TestServer.onPostgres(), "several servers share a database only on PostgreSQL");
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            received.computeIfAbsent(ex.getRequestHeaders().getFirst("X-Cycles-Event-Id"), id -> new AtomicInteger()).incrementAndGet();
            sleep(300); // slow, so each server has deliveries on the wire most of the time
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        Path first = Files.createTempDirectory("cycles-multi-a");
        List<Path> dirs = new ArrayList<>(List.of(first));
        String url = TestServer.databaseUrl(first);
        try {
            start(0, first, url);
            // Webhook secrets are sealed with the data folder's key: servers sharing a database share it.
            for (int i = 1; i < 3; i++) {
                Path dir = Files.createTempDirectory("cycles-multi-" + (char) ('a' + i));
                dirs.add(dir);
                Files.copy(first.resolve(SecretCipher.FILE_NAME), dir.resolve(SecretCipher.FILE_NAME));
                start(i, dir, url);
            }
            Path lookDir = Files.createTempDirectory("cycles-multi-check");
            Files.copy(first.resolve(SecretCipher.FILE_NAME), lookDir.resolve(SecretCipher.FILE_NAME));
            Config look = new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", lookDir).withDatabaseUrl(DatabaseUrl.parse(url));
            check = TestServer.start(look);
            dirs.add(check.dataDir());
            Api setup = admin[0].admin();
            assertEquals(200, setup.put("/v1/admin/config/webhook-security", "{\"blocked_cidr_ranges\":[],\"allow_http\":true}").status());
            Fixtures.tenant(setup, TENANT);
            String secret = Fixtures.key(setup, TENANT, PERMISSIONS);
            Api.Res budget = setup.post("/v1/admin/budgets", "{\"tenant_id\":\"" + TENANT + "\",\"scope\":\"tenant:" + TENANT
                    + "\",\"unit\":\"TOKENS\",\"allocated\":" + START_ALLOCATED + "}");
            assertEquals(201, budget.status(), budget.body());
            Api.Res sub = setup.post("/v1/admin/webhooks?tenant_id=" + TENANT, "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\",\"event_types\":[\"budget.funded\"]}");
            assertEquals(201, sub.status(), sub.body());

            AtomicLong funded = new AtomicLong();
            AtomicLong spent = new AtomicLong();
            AtomicInteger rounds = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                work.add(clients.submit(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        round(client, r, secret, funded, spent);
                        if (rounds.incrementAndGet() == CLIENTS * ROUNDS / 2) {
                            killWhileItHoldsDeliveries();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(180, TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertTrue(killed, "the server was killed midway");
            assertTrue(servers[KILLED].waitFor(10, TimeUnit.SECONDS));

            JsonNode ledger = admin[0].admin().get("/v1/admin/budgets/lookup?scope=tenant:" + TENANT + "&unit=TOKENS").json();
            assertEquals(START_ALLOCATED + funded.get(), ledger.path("allocated").path("amount").asLong(), ledger.toString());
            assertEquals(spent.get(), ledger.path("spent").path("amount").asLong(), ledger.toString());
            assertEquals(0, ledger.path("reserved").path("amount").asLong(), ledger.toString());
            assertEquals(START_ALLOCATED + funded.get() - spent.get(), ledger.path("remaining").path("amount").asLong(), ledger.toString());

            long fundings = CLIENTS * ROUNDS;
            assertEquals(fundings, Rows.count(check, "events", "event_type = 'budget.funded'"), "one event per funding, none twice");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Rows.count(check, "webhook_deliveries", "status = 'SUCCESS'") < fundings && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(fundings, Rows.count(check, "webhook_deliveries", "status = 'SUCCESS'"), () -> "every delivery was sent: "
                    + Rows.select(check, "webhook_deliveries", "status <> 'SUCCESS'"));
            assertEquals(fundings, received.size(), "the receiver saw every event");
            int resent = received.values().stream().mapToInt(n -> n.get() - 1).sum();
            System.out.printf("multi-server crash: %d fundings, %d calls the killed server left unanswered and a live one"
                    + " answered, %d deliveries leased by it when it died, %d sent twice%n", fundings, unanswered.get(),
                    heldWhenKilled, resent);
            assertTrue(heldWhenKilled > 0, "the killed server held deliveries");
            // Only what the killed server had leased may go twice (it may have been sent before the kill).
            assertTrue(resent <= heldWhenKilled, "deliveries sent twice: " + resent + ", held by the killed server: " + heldWhenKilled);
        } finally {
            if (check != null) {
                check.stop();
            }
            for (Process p : servers) {
                if (p != null) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            receiver.stop(0);
            for (Path dir : dirs) {
                TestServer.deleteTree(dir);
            }
        }
    }

    /**
     * Waits until the server to kill holds a lease on a delivery (its receiver call is on the
     * wire), then kills it, so the test sees a lost lease taken over, not just a clean death.
     */
    private void killWhileItHoldsDeliveries() {
        String owner = "%:" + servers[KILLED].pid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Rows.count(check, "webhook_deliveries", "lease_owner LIKE ? AND status IN ('PENDING', 'RETRYING')", owner) == 0
                && System.nanoTime() < deadline) {
            sleep(5);
        }
        servers[KILLED].destroyForcibly();
        killed = true;
        try {
            servers[KILLED].waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heldWhenKilled = Rows.count(check, "webhook_deliveries", "lease_owner LIKE ? AND status IN ('PENDING', 'RETRYING')", owner);
    }

    private void start(int i, Path dir, String databaseUrl) throws Exception {
        servers[i] = ChildServer.start(dir, List.of("--database-url", databaseUrl), "-Xmx256m",
                "-Dcycles.webhook.lease-seconds=10");
        ChildServer.Ports ports = ChildServer.awaitPorts(servers[i]);
        admin[i] = new TestClient("http://127.0.0.1:" + ports.admin());
        runtime[i] = new TestClient("http://127.0.0.1:" + ports.runtime());
    }

    /** One client's round: a funding, then a reservation that is committed (even rounds) or released. */
    private void round(int client, int r, String secret, AtomicLong funded, AtomicLong spent) {
        String id = client + "-" + r;
        long amount = 1 + (client + r) % 7;
        call(client + r, i -> admin[i].admin().unchecked().post("/v1/admin/budgets/fund?scope=tenant:" + TENANT + "&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":" + amount + ",\"idempotency_key\":\"f" + id + "\"}"));
        funded.addAndGet(amount);
        Api.Res reserved = call(client + r + 1, i -> runtime[i].runtime(secret).unchecked().post("/v1/reservations",
                "{\"idempotency_key\":\"r" + id + "\",\"subject\":{\"tenant\":\"" + TENANT + "\"},"
                        + "\"action\":{\"kind\":\"llm.completion\",\"name\":\"m\"},\"estimate\":{\"unit\":\"TOKENS\",\"amount\":5}}"));
        String reservation = reserved.text("reservation_id");
        if (r % 2 == 0) {
            call(client + r + 2, i -> runtime[i].runtime(secret).unchecked().post("/v1/reservations/" + reservation + "/commit",
                    "{\"idempotency_key\":\"c" + id + "\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":3}}"));
            spent.addAndGet(3);
        } else {
            call(client + r + 2, i -> runtime[i].runtime(secret).unchecked().post("/v1/reservations/" + reservation + "/release",
                    "{\"idempotency_key\":\"x" + id + "\"}"));
        }
    }

    /**
     * Sends the call to server {@code first % 3}; when a server does not answer (killed, or killed
     * while the call was in flight) sends it again, unchanged, to the next one until one answers 200.
     */
    private Api.Res call(int first, Function<Integer, Api.Res> send) {
        for (int attempt = 0; attempt < 12; attempt++) {
            int i = (first + attempt) % 3;
            if (i == KILLED && killed) {
                continue;
            }
            try {
                Api.Res res = send.apply(i);
                assertEquals(200, res.status(), res.body());
                return res;
            } catch (AssertionError noAnswer) {
                if (!(noAnswer.getCause() instanceof java.io.IOException)) {
                    throw noAnswer;
                }
                unanswered.incrementAndGet();
            }
        }
        throw new AssertionError("no server answered");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
