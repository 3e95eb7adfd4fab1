package dev.cycles.admin.server.bench;

import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bulk-action benchmark (not a test): starts the real server on a fresh database, creates
 * tenants with 500 ledgers each over HTTP, and times one POST /v1/admin/budgets/bulk-action
 * CREDIT over all 500 (one transaction: 500 row savepoints, 500 updates and events, one audit
 * row, one fsync). One warm-up run, then RUNS timed runs, each on a fresh tenant; prints each and
 * the median. Run with admin-server/bench/bulk-bench.sh [runs=3].
 */
public final class BulkBench {
    static final String KEY = "bulk-bench-key";
    static final int LEDGERS = 500;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("bulk-bench");
        AdminServer server = AdminServer.start(new Config(KEY, 0, "127.0.0.1", dir).withAuthFailureLimit(1_000_000));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();
        try {
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                String tenant = "bench-" + run;
                send(http, base + "/v1/admin/tenants", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"Bench " + run + "\"}", 201);
                for (int i = 0; i < LEDGERS; i++) {
                    send(http, base + "/v1/admin/budgets", "{\"tenant_id\":\"" + tenant + "\",\"scope\":\"tenant:" + tenant
                            + "/agent:a" + i + "\",\"unit\":\"USD_MICROCENTS\",\"allocated\":1000000}", 201);
                }
                String body = "{\"filter\":{\"tenant_id\":\"" + tenant + "\"},\"action\":\"CREDIT\",\"amount\":{\"unit\":\"USD_MICROCENTS\","
                        + "\"amount\":500000},\"expected_count\":" + LEDGERS + ",\"idempotency_key\":\"bench-" + run + "\"}";
                long t0 = System.nanoTime();
                String answer = send(http, base + "/v1/admin/budgets/bulk-action", body, 200);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (!answer.contains("\"failed\":[]") || !answer.contains("\"total_matched\":" + LEDGERS)) {
                    throw new IllegalStateException("unexpected answer: " + answer.substring(0, Math.min(300, answer.length())));
                }
                if (run == 0) {
                    System.out.printf("warm-up: bulk CREDIT over %d ledgers in %.1f ms%n", LEDGERS, ms);
                } else {
                    System.out.printf("run %d: bulk CREDIT over %d ledgers in %.1f ms%n", run, LEDGERS, ms);
                    millis.add(ms);
                }
            }
            Collections.sort(millis);
            System.out.printf("median of %d: %.1f ms (%.0f rows/s)%n", runs, millis.get(millis.size() / 2),
                    LEDGERS / (millis.get(millis.size() / 2) / 1000));
        } finally {
            server.close();
        }
    }

    static String send(HttpClient http, String url, String json, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Admin-API-Key", KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
