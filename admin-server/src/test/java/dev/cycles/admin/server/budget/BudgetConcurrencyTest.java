package dev.cycles.admin.server.budget;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.cycles.admin.server.budget.Budgets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 8 threads x 500 CREDITs on one ledger while DEBITs drain another: exact totals, no 5xx, no SQLITE_BUSY. */
class BudgetConcurrencyTest extends ServerTest {
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    @Test
    void concurrentCreditsAndDebitsAreExact() throws Exception {
        String t = uniqueTenant("cc");
        Fixtures.tenant(admin, t);
        String creditScope = "tenant:" + t + "/workspace:credit";
        String debitScope = "tenant:" + t + "/workspace:debit";
        create(admin, t, creditScope, "TOKENS", 0);
        long debitStart = 1000;
        create(admin, t, debitScope, "TOKENS", debitStart);

        int threads = 8;
        int perThread = 500;
        int debitThreads = 2;
        int debitsPerThread = 400; // 800 DEBITs of 3 against 1000: 333 succeed, the rest are BUDGET_EXCEEDED
        ExecutorService pool = Executors.newFixedThreadPool(threads + debitThreads);
        ExecutorService clientPool = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(clientPool)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger debitOk = new AtomicInteger();
        String base = server.baseUrl() + "/v1/admin/budgets/fund";
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                int thread = th;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // half the threads send an idempotency key (each unique), half send none
                        String key = thread % 2 == 0 ? ",\"idempotency_key\":\"c-" + thread + "-" + i + "\"" : "";
                        HttpResponse<String> r = send(client, base + q(creditScope, "TOKENS"),
                                "{\"operation\":\"CREDIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":1}" + key + "}");
                        outcomes.computeIfAbsent("CREDIT " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() != 200 || r.body().contains("SQLITE_BUSY")) {
                            bad.add("CREDIT " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (int th = 0; th < debitThreads; th++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < debitsPerThread; i++) {
                        HttpResponse<String> r = send(client, base + q(debitScope, "TOKENS"),
                                "{\"operation\":\"DEBIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":3}}");
                        outcomes.computeIfAbsent("DEBIT " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 200) {
                            debitOk.incrementAndGet();
                        } else if (r.statusCode() != 409 || !r.body().contains("\"BUDGET_EXCEEDED\"") || r.body().contains("SQLITE_BUSY")) {
                            bad.add("DEBIT " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            clientPool.shutdownNow();
        }
        assertTrue(bad.isEmpty(), "unexpected answers (" + bad.size() + "): " + bad.subList(0, Math.min(5, bad.size())) + " all: " + outcomes);
        assertEquals(threads * perThread, outcomes.get("CREDIT 200").get(), outcomes.toString());

        long credits = threads * perThread;
        assertLedger(lookup(admin, creditScope, "TOKENS").json(), credits, 0, 0, 0);
        assertStored(server, creditScope, "TOKENS", credits, 0, 0, 0);
        assertEquals(credits, count(server, "SELECT COUNT(*) FROM events WHERE scope = ? AND event_type = 'budget.funded'", creditScope));
        assertEquals(credits, count(server, "SELECT COUNT(*) FROM audit_logs WHERE resource_id = ? AND operation = 'fundBudget' AND status = 200", creditScope));

        assertEquals(debitStart / 3, debitOk.get(), "exactly floor(1000 / 3) DEBITs fit: " + outcomes);
        long left = debitStart - 3L * debitOk.get();
        assertLedger(lookup(admin, debitScope, "TOKENS").json(), left, 0, 0, 0);
        assertStored(server, debitScope, "TOKENS", left, 0, 0, 0);
        assertEquals(debitOk.get(), count(server, "SELECT COUNT(*) FROM events WHERE scope = ? AND event_type = 'budget.debited'", debitScope));
        assertFalse(outcomes.keySet().stream().anyMatch(k -> k.endsWith(" 500") || k.endsWith(" 503")), outcomes.toString());
    }

    private static HttpResponse<String> send(HttpClient client, String url, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-Admin-API-Key", TestServer.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
