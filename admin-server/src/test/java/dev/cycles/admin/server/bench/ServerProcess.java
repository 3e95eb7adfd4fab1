package dev.cycles.admin.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.Json;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server as users run it ({@code java -Xmx96m -XX:+UseSerialGC -jar ...}, or BENCH_JAVA_OPTS) in its own
 * process on a fresh data folder, with the admin calls a benchmark needs, its CPU time from
 * /proc, and checks of every ledger: through the admin API (remaining = allocated - spent -
 * reserved - debt) and, read from the SQLite file beside the running server (WAL lets another
 * process read), reserved = the sum of the ACTIVE reservations holding the ledger.
 */
final class ServerProcess implements AutoCloseable {
    static final String KEY = "bench-admin-key";

    final Process process;
    final Path dataDir;
    final int adminPort;
    final int runtimePort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerProcess(Process process, Path dataDir, int adminPort, int runtimePort) {
        this.process = process;
        this.dataDir = dataDir;
        this.adminPort = adminPort;
        this.runtimePort = runtimePort;
    }

    /** The server's JVM flags: BENCH_JAVA_OPTS (bench-all.sh passes the packages' flags), else the README's. */
    static String jvmOptions() {
        String opts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").trim();
        return opts.isEmpty() ? "-Xmx96m -XX:+UseSerialGC" : opts;
    }

    /** Starts {@code jar} with {@link #jvmOptions()} plus {@code extraJvmOptions} and waits for /health. */
    static ServerProcess start(Path jar, List<String> extraJvmOptions) throws Exception {
        Path dir = Files.createTempDirectory("runtime-bench");
        int admin = freePort();
        int runtime = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmOptions().split("\\s+")));
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("ADMIN_API_KEY", KEY);
        env.put("DATA_DIR", dir.toString());
        env.put("PORT", Integer.toString(admin));
        env.put("RUNTIME_PORT", Integer.toString(runtime));
        env.put("AUTH_FAILURE_LIMIT", "1000000");
        ServerProcess s = new ServerProcess(pb.start(), dir, admin, runtime);
        String pidFile = System.getenv("BENCH_PID_FILE"); // lets bench-all.sh sample the server's RSS
        if (pidFile != null && !pidFile.isBlank()) {
            Files.writeString(Path.of(pidFile), Long.toString(s.process.pid()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (s.call("GET", "/health", null).statusCode() == 200) {
                    return s;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!s.process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("server did not start: " + Files.readString(dir.resolve("server.log")));
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(60)).header("X-Admin-API-Key", KEY).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An admin call that must succeed; returns the JSON answer. */
    JsonNode admin(String method, String path, String body) throws Exception {
        HttpResponse<String> r = call(method, path, body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    /** A tenant whose key may reserve, commit and release; returns the key secret. */
    String tenantWithKey(String tenantId) throws Exception {
        admin("POST", "/v1/admin/tenants", "{\"tenant_id\":\"" + tenantId + "\",\"name\":\"" + tenantId + "\"}");
        return admin("POST", "/v1/admin/api-keys", "{\"tenant_id\":\"" + tenantId + "\",\"name\":\"bench\",\"permissions\":"
                + "[\"reservations:create\",\"reservations:commit\",\"reservations:release\",\"reservations:list\"]}")
                .path("key_secret").asText();
    }

    void budget(String tenantId, String scope, long allocated) throws Exception {
        admin("POST", "/v1/admin/budgets", "{\"tenant_id\":\"" + tenantId + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"TOKENS\",\"allocated\":" + allocated + "}");
    }

    /** One ledger as the admin API reports it. */
    record Ledger(String ledgerId, String scope, long allocated, long spent, long reserved, long debt, long remaining) {
        boolean balanced() {
            return remaining == allocated - spent - reserved - debt;
        }
    }

    /** Every ledger of {@code tenantId}, all pages. */
    List<Ledger> ledgers(String tenantId) throws Exception {
        List<Ledger> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin("GET", "/v1/admin/budgets?tenant_id=" + tenantId + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            for (JsonNode l : page.path("ledgers")) {
                all.add(new Ledger(l.path("ledger_id").asText(), l.path("scope").asText(), amount(l, "allocated"),
                        amount(l, "spent"), amount(l, "reserved"), amount(l, "debt"), amount(l, "remaining")));
            }
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    private static long amount(JsonNode ledger, String field) {
        return ledger.path(field).path("amount").asLong();
    }

    /** Per ledger id, the sum of the estimates of ACTIVE reservations holding it, read from the database file. */
    Map<String, Long> activeHolds() throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        Map<String, Long> sums = new HashMap<>();
        try (Connection c = config.createConnection("jdbc:sqlite:" + dataDir.resolve("cycles-admin.db").toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rl.value, SUM(r.estimate) FROM reservations r,"
                     + " json_each(r.ledger_ids) rl WHERE r.status = 'ACTIVE' GROUP BY rl.value")) {
            while (rs.next()) {
                sums.put(rs.getString(1), rs.getLong(2));
            }
        }
        return sums;
    }

    /** The server's CPU time so far (user + system), in milliseconds, from /proc. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        String keep = System.getenv("BENCH_SERVER_LOG");
        if (keep != null && !keep.isBlank()) {
            Files.copy(dataDir.resolve("server.log"), Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
