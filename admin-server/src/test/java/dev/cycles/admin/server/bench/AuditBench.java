package dev.cycles.admin.server.bench;

import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Audit-log query benchmark (not a test): fills a fresh database with N audit rows (default
 * 1,000,000), starts the real server on it, and times typical filtered queries through the HTTP
 * endpoint. Run with admin-server/bench/audit-bench.sh [rows] [requests-per-query].
 */
public final class AuditBench {
    static final String KEY = "audit-bench-key";
    static final String[] OPS = {"createTenant", "updateTenant", "createApiKey", "updateApiKey", "revokeApiKey", "createBudget",
            "updateBudget", "freezeBudget", "unfreezeBudget", "fundBudget", "createPolicy", "updatePolicy", "validateApiKey",
            "createBackup", "budget.closed_via_tenant_cascade", "api_key.revoked_via_tenant_cascade"};
    static final String[] TYPES = {"tenant", "api_key", "budget", "policy", "backup"};
    static final String[] CODES = {"INVALID_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BUDGET_EXCEEDED", "BUDGET_FROZEN",
            "BUDGET_CLOSED", "DUPLICATE_RESOURCE", "TENANT_CLOSED", "IDEMPOTENCY_MISMATCH", "INSUFFICIENT_PERMISSIONS", "KEY_REVOKED"};
    static final int TENANTS = 500;
    static final long SPAN_MS = 30L * 24 * 3600 * 1000;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Files.createTempDirectory("audit-bench");
        Config config = new Config(KEY, 0, "127.0.0.1", dir).withAuthFailureLimit(1_000_000);
        AdminServer server = AdminServer.start(config);
        long end = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        long start = end - SPAN_MS;
        List<String> traces = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            fill(server, rows, start, end, traces);
            System.out.printf("filled %,d audit rows in %.1f s (%s)%n", rows, (System.nanoTime() - t0) / 1e9,
                    Files.size(config.databaseFile()) / (1024 * 1024) + " MiB database");
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/v1/admin/audit/logs?";
            Random r = new Random(7);
            List<QueryTimer.Query> queries = List.of(
                    new QueryTimer.Query("tenant + 1-day window", i -> {
                        long from = start + (long) (r.nextDouble() * (SPAN_MS - 86_400_000L));
                        return "tenant_id=tenant-" + r.nextInt(TENANTS) + "&from=" + iso(from) + "&to=" + iso(from + 86_400_000L) + "&limit=50";
                    }),
                    new QueryTimer.Query("tenant, newest first", i -> "tenant_id=tenant-" + r.nextInt(TENANTS) + "&limit=50"),
                    new QueryTimer.Query("error_code IN (2 codes)", i -> "error_code=" + CODES[r.nextInt(CODES.length)] + ","
                            + CODES[r.nextInt(CODES.length)] + "&limit=50"),
                    new QueryTimer.Query("error_code + tenant + window", i -> {
                        long from = start + (long) (r.nextDouble() * (SPAN_MS - 7 * 86_400_000L));
                        return "error_code=" + CODES[r.nextInt(CODES.length)] + "&tenant_id=tenant-" + r.nextInt(TENANTS)
                                + "&from=" + iso(from) + "&to=" + iso(from + 7 * 86_400_000L) + "&limit=50";
                    }),
                    new QueryTimer.Query("trace_id", i -> "trace_id=" + traces.get(r.nextInt(traces.size()))),
                    new QueryTimer.Query("operation + status 400..499", i -> "operation=" + OPS[r.nextInt(OPS.length)]
                            + "&status_min=400&status_max=499&limit=50"),
                    new QueryTimer.Query("failures, excluding 2 codes", i -> "status_min=400&error_code_exclude="
                            + CODES[r.nextInt(CODES.length)] + "," + CODES[r.nextInt(CODES.length)] + "&limit=50"),
                    new QueryTimer.Query("all, newest first", i -> "limit=50"));
            QueryTimer.run(http, base, queries, requests, AuditBench::count);
        } finally {
            server.close();
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void fill(AdminServer server, int rows, long start, long end, List<String> traces) {
        Random r = new Random(42);
        int batch = 50_000;
        for (int done = 0; done < rows; done += batch) {
            int from = done;
            int n = Math.min(batch, rows - done);
            server.database().write(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_logs(log_id, timestamp, tenant_id, key_id, user_agent,"
                        + " source_ip, operation, resource_type, resource_id, request_id, trace_id, status, error_code, metadata)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (int i = from; i < from + n; i++) {
                        // Rows arrive in time order, as a live server writes them.
                        long ts = start + (long) ((end - start) * (i / (double) rows));
                        boolean failed = r.nextInt(10) < 2;
                        int status = failed ? new int[]{400, 401, 403, 404, 409, 409, 500}[r.nextInt(7)] : (r.nextBoolean() ? 200 : 201);
                        int tenant = r.nextInt(TENANTS + 10);
                        String tenantId = tenant < TENANTS ? "tenant-" + tenant : tenant < TENANTS + 7 ? "__admin__" : "__unauth__";
                        String trace = String.format("%016x%016x", r.nextLong(), r.nextLong());
                        if (i % 1000 == 0) {
                            traces.add(trace);
                        }
                        p.setString(1, "log_" + trace);
                        p.setLong(2, ts);
                        p.setString(3, tenantId);
                        p.setString(4, r.nextBoolean() ? "key_" + r.nextInt(2000) : null);
                        p.setString(5, "curl/8.5.0");
                        p.setString(6, "10.0." + r.nextInt(256) + "." + r.nextInt(256));
                        int op = r.nextInt(OPS.length);
                        p.setString(7, OPS[op]);
                        p.setString(8, TYPES[op % TYPES.length]);
                        p.setString(9, "res-" + r.nextInt(200_000));
                        p.setString(10, java.util.UUID.randomUUID().toString());
                        p.setString(11, trace);
                        p.setInt(12, status);
                        p.setString(13, failed ? CODES[r.nextInt(CODES.length)] : null);
                        p.setString(14, "{\"actor_type\":\"admin\"}");
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                return null;
            });
        }
    }

    static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Admin-API-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + res.statusCode() + " " + res.body());
        }
        return res.body();
    }

    static int count(String body) {
        int n = 0;
        for (int i = body.indexOf("\"log_id\""); i >= 0; i = body.indexOf("\"log_id\"", i + 1)) {
            n++;
        }
        return n;
    }

    static String iso(long millis) {
        return URLEncoder.encode(Instant.ofEpochMilli(millis).toString(), StandardCharsets.UTF_8);
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
