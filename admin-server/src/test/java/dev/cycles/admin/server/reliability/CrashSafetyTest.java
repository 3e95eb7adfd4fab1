package dev.cycles.admin.server.reliability;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestClient;
import dev.cycles.admin.server.support.ChildServer;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real server process with SIGKILL in the middle of fund load, restarts on the same
 * data, and checks that every acknowledged fund survived with its audit row.
 */
class CrashSafetyTest {
    private static final long INITIAL = 1_000_000;

    @Test
    void everyAcknowledgedFundSurvivesSigkill() throws Exception {
        Path dir = Files.createTempDirectory("cycles-crash");
        Process server = ChildServer.start(dir);
        int port = ChildServer.awaitPort(server);
        String base = "http://127.0.0.1:" + port;
        Api admin = new TestClient(base).admin();
        Fixtures.tenant(admin, "crash-co");
        Api.Res created = admin.post("/v1/admin/budgets",
                "{\"tenant_id\":\"crash-co\",\"scope\":\"tenant:crash-co\",\"unit\":\"TOKENS\",\"allocated\":" + INITIAL + "}");
        assertEquals(201, created.status(), created.body());

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = "crash-" + thread + "-" + i;
                    sent.incrementAndGet();
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/admin/budgets/fund?scope=tenant:crash-co&unit=TOKENS"))
                            .header("X-Admin-API-Key", TestServer.ADMIN_KEY).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"CREDIT\",\"amount\":1,\"idempotency_key\":\"" + key + "\"}"))
                            .build();
                    try {
                        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            acknowledged.add(key);
                        }
                    } catch (IOException e) {
                        return; // the server is gone
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        while (acknowledged.size() < 300) {
            Thread.sleep(20);
        }
        server.destroyForcibly().waitFor();
        stop.set(true);
        for (Thread w : workers) {
            w.join(10_000);
        }

        try (TestServer restarted = TestServer.start(dir)) {
            Api.Res ledger = restarted.admin().get("/v1/admin/budgets/lookup?scope=tenant:crash-co&unit=TOKENS");
            assertEquals(200, ledger.status(), ledger.body());
            long allocated = ledger.json().path("allocated").path("amount").asLong();
            long remaining = ledger.json().path("remaining").path("amount").asLong();
            long committed = allocated - INITIAL;
            assertTrue(committed >= acknowledged.size(), "acknowledged " + acknowledged.size() + " but only " + committed + " committed");
            assertTrue(committed <= sent.get(), "more committed than sent");
            assertEquals(allocated - ledger.json().path("spent").path("amount").asLong()
                    - ledger.json().path("reserved").path("amount").asLong()
                    - ledger.json().path("debt").path("amount").asLong(), remaining, "ledger invariant");

            Set<String> stored = restarted.db().read(c -> {
                Set<String> keys = new java.util.HashSet<>();
                try (var rs = c.createStatement().executeQuery("SELECT idempotency_key FROM fund_idempotency WHERE tenant_id='crash-co'")) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                return keys;
            });
            assertTrue(stored.containsAll(acknowledged), "an acknowledged fund is missing after the crash");
            assertEquals(committed, stored.size(), "each committed fund has its idempotency record");
            long auditRows = restarted.db().read(c -> {
                try (var rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM audit_logs WHERE operation='fundBudget' AND status=200 AND tenant_id='crash-co'")) {
                    return rs.next() ? rs.getLong(1) : -1L;
                }
            });
            assertEquals(committed, auditRows, "one audit row per committed fund");
            String integrity = restarted.db().read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                    return rs.next() ? rs.getString(1) : "none";
                }
            });
            assertEquals("ok", integrity);
            assertEquals(200, restarted.anonymous().unchecked().get("/health").status());
        }
    }
}
