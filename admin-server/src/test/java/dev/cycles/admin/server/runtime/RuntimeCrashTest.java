package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ChildServer;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestClient;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many clients reserve, commit and release against one shared tenant ledger and their own agent
 * ledgers while the server (a child JVM) is killed with SIGKILL twice and restarted on the same
 * folder. Afterwards every ledger balances (remaining = allocated - spent - reserved - debt), its
 * reserved is the sum of its ACTIVE reservations' estimates and its spent the sum of its
 * COMMITTED ones' charges, and every reserve, commit and release answered 200 before a kill
 * survived with what was answered. Run in both DURABILITY modes: neither may lose an
 * acknowledged write to a process crash.
 */
class RuntimeCrashTest {
    private static final String TENANT = "crash-rt";
    private static final int CLIENTS = 8;
    private static final int AGENTS = 4;
    private static final int KILLS = 2;

    /** What the clients were told; only answers received (200) count. */
    private final Map<String, Long> reserved = new ConcurrentHashMap<>();
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final Map<String, Boolean> released = new ConcurrentHashMap<>();
    /** Answers other than 200 while the server was up; there must be none. */
    private final java.util.Queue<String> refusals = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @ParameterizedTest(name = "DURABILITY={0}")
    @ValueSource(strings = {"full", "normal"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ledgersBalanceAndAcknowledgedSettlementsSurviveTwoKills(String durability) throws Exception {
        Path dir = Files.createTempDirectory("cycles-runtime-crash");
        String secret = null;
        for (int round = 0; round <= KILLS; round++) {
            Process child = ChildServer.start(dir, List.of("--durability", durability));
            try {
                ChildServer.Ports ports = ChildServer.awaitPorts(child);
                if (secret == null) {
                    secret = setUp(new TestClient("http://127.0.0.1:" + ports.admin()).admin());
                }
                int before = committed.size() + released.size();
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < CLIENTS; t++) {
                    Client c = new Client(round, t, ports.runtime(), secret, stop);
                    Thread thread = new Thread(c::run, "crash-client-" + t);
                    thread.start();
                    clients.add(thread);
                }
                // Let each round settle a fair number of reservations before it ends.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (committed.size() + released.size() < before + 150 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (round < KILLS) {
                    child.destroyForcibly().waitFor(); // SIGKILL with requests in flight
                }
                stop.set(true);
                for (Thread t : clients) {
                    t.join(15_000);
                }
            } finally {
                child.destroyForcibly().waitFor();
            }
        }
        assertEquals(List.of(), List.copyOf(refusals), "every request the server answered succeeded");
        assertTrue(committed.size() >= 150 * (KILLS + 1) / 2, "too little work was acknowledged to prove anything: " + committed.size());

        try (TestServer restarted = TestServer.start(dir)) {
            checkLedgers(restarted);
            Api runtime = restarted.runtime(secret).unchecked();
            for (Map.Entry<String, Long> c : committed.entrySet()) {
                Api.Res r = runtime.get("/v1/reservations/" + c.getKey());
                assertEquals(200, r.status(), r.body());
                assertEquals("COMMITTED", r.text("status"), r.body());
                assertEquals(c.getValue(), r.json().path("committed").path("amount").asLong(), r.body());
            }
            for (String id : released.keySet()) {
                Api.Res r = runtime.get("/v1/reservations/" + id);
                assertEquals("RELEASED", r.text("status"), r.body());
            }
            Map<String, Long> stored = restarted.db().read(c -> {
                Map<String, Long> m = new HashMap<>();
                try (var rs = c.createStatement().executeQuery("SELECT reservation_id, estimate FROM reservations WHERE tenant_id = '" + TENANT + "'")) {
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return m;
            });
            for (Map.Entry<String, Long> r : reserved.entrySet()) {
                assertEquals(r.getValue(), stored.get(r.getKey()), "acknowledged reservation " + r.getKey() + " is missing or changed");
            }
            if (!TestServer.onPostgres()) {
                // The killed process wrote SQLite's file itself; PostgreSQL's files are written by
                // PostgreSQL, which was never killed, so there the rows above are the whole check.
                String integrity = restarted.db().read(c -> {
                    try (var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                        return rs.next() ? rs.getString(1) : "none";
                    }
                });
                assertEquals("ok", integrity);
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static String setUp(Api admin) {
        Fixtures.tenant(admin, TENANT);
        budget(admin, "tenant:" + TENANT);
        for (int a = 0; a < AGENTS; a++) {
            budget(admin, "tenant:" + TENANT + "/agent:a" + a);
        }
        return Fixtures.key(admin, TENANT, "[\"reservations:create\",\"reservations:commit\",\"reservations:release\",\"reservations:list\"]");
    }

    private static void budget(Api admin, String scope) {
        Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + TENANT + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":1000000000}");
        assertEquals(201, r.status(), r.body());
    }

    /** Every ledger balances; reserved and spent agree with the reservations holding it. */
    private static void checkLedgers(TestServer server) throws Exception {
        Api.Res list = server.admin().get("/v1/admin/budgets?tenant_id=" + TENANT + "&limit=100");
        assertEquals(200, list.status(), list.body());
        Map<String, long[]> holds = server.db().read(c -> {
            Map<String, long[]> m = new HashMap<>();
            try (var rs = c.createStatement().executeQuery("SELECT rl.value,"
                    + " COALESCE(SUM(CASE WHEN r.status = 'ACTIVE' THEN r.estimate END), 0),"
                    + " COALESCE(SUM(CASE WHEN r.status = 'COMMITTED' THEN r.committed_amount END), 0)"
                    + " FROM reservations r, " + server.db().dialect().jsonArrayElements("r.ledger_ids", "rl") + " GROUP BY rl.value")) {
                while (rs.next()) {
                    m.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                }
            }
            return m;
        });
        int ledgers = 0;
        for (JsonNode l : list.json().path("ledgers")) {
            ledgers++;
            long allocated = l.path("allocated").path("amount").asLong();
            long spent = l.path("spent").path("amount").asLong();
            long held = l.path("reserved").path("amount").asLong();
            long debt = l.path("debt").path("amount").asLong();
            assertEquals(allocated - spent - held - debt, l.path("remaining").path("amount").asLong(), l.toString());
            long[] expected = holds.getOrDefault(l.path("ledger_id").asText(), new long[2]);
            assertEquals(expected[0], held, "reserved vs ACTIVE holds: " + l);
            assertEquals(expected[1], spent, "spent vs COMMITTED charges: " + l);
            assertEquals(0, debt, l.toString());
        }
        assertEquals(1 + AGENTS, ledgers);
        assertTrue(holds.values().stream().anyMatch(h -> h[0] > 0), "some reservations were left ACTIVE across the kills");
    }

    /** One client thread: reserve, then commit (half), release (a third) or leave the hold (the rest). */
    private final class Client {
        private final int round;
        private final int id;
        private final String base;
        private final String secret;
        private final AtomicBoolean stop;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final AtomicInteger seq = new AtomicInteger();

        Client(int round, int id, int port, String secret, AtomicBoolean stop) {
            this.round = round;
            this.id = id;
            this.base = "http://127.0.0.1:" + port;
            this.secret = secret;
            this.stop = stop;
        }

        void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String subject = id % 2 == 0 ? "{\"tenant\":\"" + TENANT + "\"}"
                    : "{\"tenant\":\"" + TENANT + "\",\"agent\":\"a" + (id % AGENTS) + "\"}";
            try {
                while (!stop.get()) {
                    String key = "r" + round + "-c" + id + "-" + seq.incrementAndGet();
                    long estimate = 1 + random.nextInt(100);
                    JsonNode r = post("/v1/reservations", "{\"idempotency_key\":\"" + key + "\",\"subject\":" + subject
                            + ",\"action\":{\"kind\":\"llm.completion\",\"name\":\"m\"},\"estimate\":{\"unit\":\"TOKENS\",\"amount\":"
                            + estimate + "},\"ttl_ms\":3600000}");
                    if (r == null) {
                        continue;
                    }
                    String rid = r.path("reservation_id").asText();
                    reserved.put(rid, estimate);
                    int choice = random.nextInt(6);
                    if (choice < 3) {
                        long actual = random.nextLong(estimate + 1);
                        JsonNode c = post("/v1/reservations/" + rid + "/commit", "{\"idempotency_key\":\"c" + key
                                + "\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":" + actual + "}}");
                        if (c != null) {
                            if (c.path("charged").path("amount").asLong() != actual) {
                                refusals.add("commit of " + actual + " charged " + c);
                            }
                            committed.put(rid, actual);
                        }
                    } else if (choice < 5) {
                        if (post("/v1/reservations/" + rid + "/release", "{\"idempotency_key\":\"x" + key + "\"}") != null) {
                            released.put(rid, true);
                        }
                    }
                }
            } catch (IOException | InterruptedException gone) {
                // the server was killed under us; the checks only count answers received before
            }
        }

        /** The JSON answer of a 200, else null (recorded as a refusal); throws IOException when the server is gone. */
        private JsonNode post(String path, String body) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .header("X-Cycles-API-Key", secret).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                refusals.add(path + " -> " + r.statusCode() + " " + r.body());
                return null;
            }
            return Json.mapper().readTree(r.body());
        }
    }
}
