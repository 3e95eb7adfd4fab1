package dev.cycles.admin.server.reliability;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real server process with SIGKILL twice in the middle of admin load (fund CREDIT and
 * DEBIT on one ledger, tenant creates), in each DURABILITY mode, restarting on the same data each
 * time. Afterwards every acknowledged write is there, the ledger's allocated is exactly the start
 * plus the funds that committed (the acknowledged ones and, at most, those in flight at a kill),
 * each committed fund has its audit row, and the file passes integrity_check.
 */
class CrashSafetyTest {
    private static final long INITIAL = 1_000_000;
    private static final int KILLS = 2;
    private static final int FUNDERS = 4;
    private static final int FUNDS_PER_ROUND = 150;

    /** Every fund sent, by idempotency key, with its signed effect on allocated; and those answered 200. */
    private final Map<String, Long> sentFunds = new ConcurrentHashMap<>();
    private final Set<String> acknowledgedFunds = ConcurrentHashMap.newKeySet();
    private final Set<String> sentTenants = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedTenants = ConcurrentHashMap.newKeySet();
    /** Answers other than success while the server was up; there must be none. */
    private final java.util.Queue<String> refusals = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @ParameterizedTest(name = "DURABILITY={0}")
    @ValueSource(strings = {"full", "normal"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesTwoSigkills(String durability) throws Exception {
        Path dir = Files.createTempDirectory("cycles-crash");
        try {
            for (int round = 0; round <= KILLS; round++) {
                Process server = ChildServer.start(dir, List.of("--durability", durability));
                try {
                    String base = "http://127.0.0.1:" + ChildServer.awaitPort(server);
                    if (round == 0) {
                        setUp(new TestClient(base).admin());
                    }
                    runRound(round, base, server, round < KILLS);
                } finally {
                    server.destroyForcibly().waitFor();
                }
            }
            assertEquals(List.of(), List.copyOf(refusals), "every request the server answered succeeded");
            assertTrue(acknowledgedTenants.size() >= KILLS, "too few tenant creates were acknowledged: " + acknowledgedTenants);
            try (TestServer restarted = TestServer.start(dir)) {
                check(restarted);
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static void setUp(Api admin) {
        Fixtures.tenant(admin, "crash-co");
        Api.Res created = admin.post("/v1/admin/budgets",
                "{\"tenant_id\":\"crash-co\",\"scope\":\"tenant:crash-co\",\"unit\":\"TOKENS\",\"allocated\":" + INITIAL + "}");
        assertEquals(201, created.status(), created.body());
    }

    /** Load until this round has its share of acknowledged funds, then SIGKILL with requests in flight (unless last). */
    private void runRound(int round, String base, Process server, boolean kill) throws InterruptedException {
        int before = acknowledgedFunds.size();
        AtomicBoolean stop = new AtomicBoolean();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < FUNDERS; t++) {
            int thread = t;
            workers.add(new Thread(() -> fund(client, base, round, thread, stop), "crash-fund-" + t));
        }
        workers.add(new Thread(() -> createTenants(client, base, round, stop), "crash-tenants"));
        workers.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledgedFunds.size() < before + FUNDS_PER_ROUND && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (kill) {
            server.destroyForcibly().waitFor();
        }
        stop.set(true);
        for (Thread w : workers) {
            w.join(15_000);
        }
    }

    /** Even threads credit 1-3, odd ones debit 1-2; each fund has its own idempotency key. */
    private void fund(HttpClient client, String base, int round, int thread, AtomicBoolean stop) {
        for (int i = 0; !stop.get(); i++) {
            String key = "crash-r" + round + "-t" + thread + "-" + i;
            boolean credit = thread % 2 == 0;
            long amount = 1 + i % (credit ? 3 : 2);
            sentFunds.put(key, credit ? amount : -amount);
            String body = "{\"operation\":\"" + (credit ? "CREDIT" : "DEBIT") + "\",\"amount\":" + amount
                    + ",\"idempotency_key\":\"" + key + "\"}";
            if (!send(client, base + "/v1/admin/budgets/fund?scope=tenant:crash-co&unit=TOKENS", body, 200)) {
                return;
            }
            acknowledgedFunds.add(key);
        }
    }

    private void createTenants(HttpClient client, String base, int round, AtomicBoolean stop) {
        for (int i = 0; !stop.get(); i++) {
            String id = "crash-r" + round + "-" + i;
            sentTenants.add(id);
            if (!send(client, base + "/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Crash " + id + "\"}", 201)) {
                return;
            }
            acknowledgedTenants.add(id);
        }
    }

    /** True when answered with {@code expected}; false once the server is gone (or on a refusal, which is recorded). */
    private boolean send(HttpClient client, String url, String body, int expected) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("X-Admin-API-Key", TestServer.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                refusals.add(url + " " + body + " -> " + r.statusCode() + " " + r.body());
                return false;
            }
            return true;
        } catch (IOException | InterruptedException gone) {
            return false; // the server was killed under us; only answers received count
        }
    }

    private void check(TestServer restarted) throws Exception {
        Set<String> storedFunds = restarted.db().read(c -> strings(c, "SELECT idempotency_key FROM fund_idempotency WHERE tenant_id='crash-co'"));
        assertTrue(storedFunds.containsAll(acknowledgedFunds), "an acknowledged fund is missing after the kills");
        assertTrue(sentFunds.keySet().containsAll(storedFunds), "a fund nobody sent is stored");
        assertTrue(acknowledgedFunds.size() >= FUNDS_PER_ROUND * (KILLS + 1) / 2, "too little acknowledged: " + acknowledgedFunds.size());
        long expected = INITIAL + storedFunds.stream().mapToLong(sentFunds::get).sum();

        Api.Res ledger = restarted.admin().get("/v1/admin/budgets/lookup?scope=tenant:crash-co&unit=TOKENS");
        assertEquals(200, ledger.status(), ledger.body());
        long allocated = ledger.json().path("allocated").path("amount").asLong();
        assertEquals(expected, allocated, "allocated = start + the committed credits - the committed debits");
        assertEquals(allocated - ledger.json().path("spent").path("amount").asLong()
                - ledger.json().path("reserved").path("amount").asLong()
                - ledger.json().path("debt").path("amount").asLong(), ledger.json().path("remaining").path("amount").asLong(),
                "ledger invariant");
        long auditRows = restarted.db().read(c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM audit_logs WHERE operation='fundBudget' AND status=200 AND tenant_id='crash-co'")) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        });
        assertEquals(storedFunds.size(), auditRows, "one audit row per committed fund");

        Set<String> storedTenants = restarted.db().read(c -> strings(c, "SELECT tenant_id FROM tenants WHERE tenant_id LIKE 'crash-r%'"));
        assertTrue(storedTenants.containsAll(acknowledgedTenants), "an acknowledged tenant is missing after the kills");
        assertTrue(sentTenants.containsAll(storedTenants), "a tenant nobody created is stored");
        for (String id : acknowledgedTenants) {
            assertEquals(200, restarted.admin().get("/v1/admin/tenants/" + id).status(), id);
        }
        if (!TestServer.onPostgres()) {
            // The killed process wrote SQLite's file itself; PostgreSQL's files are written by
            // PostgreSQL, which was never killed, so there the rows above are the whole check.
            assertEquals("ok", restarted.db().read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                    return rs.next() ? rs.getString(1) : "none";
                }
            }));
        }
        assertEquals(200, restarted.anonymous().unchecked().get("/health").status());
    }

    private static Set<String> strings(java.sql.Connection c, String sql) throws java.sql.SQLException {
        Set<String> out = new HashSet<>();
        try (var rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
