package dev.cycles.admin.server.bench;

import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Event-list benchmark (not a test): fills a fresh database with N events (default 1,000,000),
 * starts the real server on it, and times typical filtered pages of GET /v1/admin/events.
 * Run with admin-server/bench/event-bench.sh [events] [requests-per-query]; {@code seed ROWS FILE}
 * only writes such a database to FILE (bench-all.sh times the list with wrk on a copy of it).
 */
public final class EventBench {
    static final int TENANTS = 500;
    static final long SPAN_MS = 30L * 24 * 3600 * 1000;

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("seed")) {
            seed(Integer.parseInt(args[1]), Path.of(args[2]));
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Files.createTempDirectory("event-bench");
        Config config = new Config(AuditBench.KEY, 0, "127.0.0.1", dir).withAuthFailureLimit(1_000_000);
        AdminServer server = AdminServer.start(config);
        long end = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        long start = end - SPAN_MS;
        List<String> correlations = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            fill(server, rows, start, end, correlations);
            System.out.printf("filled %,d events in %.1f s (%s)%n", rows, (System.nanoTime() - t0) / 1e9,
                    Files.size(config.databaseFile()) / (1024 * 1024) + " MiB database");
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/v1/admin/events?";
            Random r = new Random(7);
            List<QueryTimer.Query> queries = List.of(
                    new QueryTimer.Query("all, newest first", i -> "limit=50"),
                    new QueryTimer.Query("tenant, newest first", i -> "tenant_id=tenant-" + r.nextInt(TENANTS) + "&limit=50"),
                    new QueryTimer.Query("tenant + 1-day window", i -> {
                        long from = start + (long) (r.nextDouble() * (SPAN_MS - 86_400_000L));
                        return "tenant_id=tenant-" + r.nextInt(TENANTS) + "&from=" + AuditBench.iso(from) + "&to="
                                + AuditBench.iso(from + 86_400_000L) + "&limit=50";
                    }),
                    new QueryTimer.Query("event_type", i -> "event_type=" + type(r) + "&limit=50"),
                    new QueryTimer.Query("category + tenant", i -> "category=budget&tenant_id=tenant-" + r.nextInt(TENANTS) + "&limit=50"),
                    new QueryTimer.Query("scope prefix", i -> "scope=tenant:tenant-" + r.nextInt(TENANTS) + "/workspace:w" + r.nextInt(5) + "&limit=50"),
                    new QueryTimer.Query("correlation_id", i -> "correlation_id=" + correlations.get(r.nextInt(correlations.size()))));
            QueryTimer.run(http, base, queries, requests, EventBench::count);
        } finally {
            server.close();
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * {@code EventBench seed ROWS FILE}: fills a fresh database as {@link #main} does and leaves it,
     * checkpointed, at FILE, so bench-all.sh seeds a million events once and copies the file per run.
     */
    static void seed(int rows, Path target) throws Exception {
        Path dir = Files.createTempDirectory("event-seed");
        Config config = new Config(AuditBench.KEY, 0, "127.0.0.1", dir);
        long end = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        long t0 = System.nanoTime();
        try (AdminServer server = AdminServer.start(config)) {
            fill(server, rows, end - SPAN_MS, end, new ArrayList<>());
        }
        // Fold the WAL into the file so that one file is the whole database.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + config.databaseFile().toAbsolutePath());
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.move(config.databaseFile(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.printf("seeded %,d events into %s in %.1f s (%d MiB)%n", rows, target, (System.nanoTime() - t0) / 1e9,
                Files.size(target) / (1024 * 1024));
    }

    static String type(Random r) {
        return EventTypes.ALL.get(r.nextInt(23) + (r.nextBoolean() ? 0 : 23));
    }

    static void fill(AdminServer server, int rows, long start, long end, List<String> correlations) {
        Random r = new Random(42);
        int batch = 50_000;
        for (int done = 0; done < rows; done += batch) {
            int from = done;
            int n = Math.min(batch, rows - done);
            server.database().write(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO events(event_id, event_type, category, timestamp, tenant_id,"
                        + " scope, source, actor, data, correlation_id, request_id, trace_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (int i = from; i < from + n; i++) {
                        // Events arrive in time order, as a live server writes them.
                        long ts = start + (long) ((end - start) * (i / (double) rows));
                        String type = type(r);
                        String tenant = "tenant-" + r.nextInt(TENANTS);
                        String correlation = "corr-" + Long.toHexString(r.nextLong());
                        if (i % 1000 == 0) {
                            correlations.add(correlation);
                        }
                        p.setString(1, String.format("evt_%016x%016x", r.nextLong(), r.nextLong()));
                        p.setString(2, type);
                        p.setString(3, EventTypes.categoryOf(type));
                        p.setLong(4, ts);
                        p.setString(5, tenant);
                        p.setString(6, "tenant:" + tenant + "/workspace:w" + r.nextInt(5) + "/agent:a" + r.nextInt(50));
                        p.setString(7, "cycles-admin");
                        p.setString(8, "{\"type\":\"admin\"}");
                        p.setString(9, "{\"operation\":\"CREDIT\",\"unit\":\"TOKENS\"}");
                        p.setString(10, correlation);
                        p.setString(11, java.util.UUID.randomUUID().toString());
                        p.setString(12, String.format("%016x%016x", r.nextLong(), r.nextLong()));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                return null;
            });
        }
    }

    static int count(String body) {
        int n = 0;
        for (int i = body.indexOf("\"event_id\""); i >= 0; i = body.indexOf("\"event_id\"", i + 1)) {
            n++;
        }
        return n;
    }
}
