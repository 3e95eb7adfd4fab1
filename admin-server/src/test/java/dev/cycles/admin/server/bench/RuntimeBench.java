package dev.cycles.admin.server.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runtime-plane benchmark (not a test): the packaged server in its own process, driven over
 * loopback by N client threads, each on its own keep-alive connection, with requests prepared
 * once and patched in place (a unique idempotency key each). Three loops, POST /v1/reservations
 * alone, reserve then commit, and (on the admin port, admin key) fund CREDIT of 1 with its own
 * idempotency key, against two budget shapes: one shared tenant ledger, or one
 * agent ledger per client (a tenant without a tenant-level budget, so each reserve holds exactly
 * one ledger in both shapes). Each cell: a warm-up, then one measured window; after it every
 * ledger is checked (see {@link ServerProcess}) and against what the clients were told.
 *
 * <pre>admin-server/bench/runtime-bench.sh [seconds=5] [warmup=3] [clients=1,10,50] [client=raw|jdk] [loops=reserve,reserve+commit,fund]</pre>
 * DURABILITY (and any other server setting) in the environment is passed on to the server;
 * BENCH_SHAPES=shared|independent measures one budget shape only.
 */
public final class RuntimeBench {
    static final String SHARED = "bench-shared";
    static final String INDEPENDENT = "bench-indep";
    static final long ESTIMATE = 10;
    static final long ACTUAL = 7;

    private static final byte[] RESERVATION_ID = "\"reservation_id\":\"".getBytes(StandardCharsets.US_ASCII);

    /** What one client saw in one window. */
    static final class Tally {
        long[] nanos = new long[1 << 14];
        int n;
        long cycles;
        long errors;
        long held;   // estimate still held on the client's ledger (reserved, not committed)
        long spent;  // committed amounts
        String firstError;

        void time(long t) {
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = t;
        }

        void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] clientCounts = Arrays.stream((args.length > 3 ? args[3] : "1,10,50").split(",")).mapToInt(Integer::parseInt).toArray();
        boolean jdk = args.length > 4 && args[4].equals("jdk");
        String loops = args.length > 5 ? args[5] : "reserve,reserve+commit";
        int maxClients = Arrays.stream(clientCounts).max().orElse(1);
        String extra = System.getenv().getOrDefault("BENCH_SERVER_OPTS", "").trim();
        List<String> serverOptions = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));

        try (ServerProcess server = ServerProcess.start(jar, serverOptions)) {
            String sharedKey = server.tenantWithKey(SHARED);
            server.budget(SHARED, "tenant:" + SHARED, 1_000_000_000_000_000L);
            String independentKey = server.tenantWithKey(INDEPENDENT);
            for (int i = 0; i < maxClients; i++) {
                server.budget(INDEPENDENT, "tenant:" + INDEPENDENT + "/agent:c" + i, 1_000_000_000_000_000L);
            }
            Expected expected = new Expected();
            KeepAliveClient[] connections = new KeepAliveClient[maxClients];
            KeepAliveClient[] adminConnections = new KeepAliveClient[maxClients];
            HttpClient[] jdkClients = new HttpClient[maxClients];
            for (int i = 0; i < maxClients; i++) {
                connections[i] = new KeepAliveClient(server.runtimePort);
                adminConnections[i] = new KeepAliveClient(server.adminPort);
                jdkClients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            }
            System.out.printf("runtime bench: %s client, %d s windows after %d s warm-up, server %s, %d cores, DURABILITY=%s%n",
                    jdk ? "java.net.http" : "raw keep-alive socket", seconds, warmup,
                    (ServerProcess.jvmOptions() + " " + extra).trim(),
                    Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("DURABILITY", "full (default)"));
            System.out.printf("| loop | budget shape | clients | ops/s | p50 ms | p99 ms | errors | ledger mismatches | server CPU µs/op | client CPU µs/op |%n");
            System.out.printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|%n");
            int window = 0;
            for (String loop : loops.split(",")) {
                boolean commit = loop.equals("reserve+commit");
                boolean fund = loop.equals("fund");
                KeepAliveClient[] onPort = fund ? adminConnections : connections;
                for (String tenant : shapes()) {
                    String key = tenant.equals(SHARED) ? sharedKey : independentKey;
                    for (int n : clientCounts) {
                        Cell warm = new Cell(server, onPort, jdkClients, jdk && !fund, tenant, fund ? null : key, commit, n, ++window);
                        expected.add(tenant, warm.run(warmup));
                        Cell cell = new Cell(server, onPort, jdkClients, jdk && !fund, tenant, fund ? null : key, commit, n, ++window);
                        long serverCpu = server.cpuMillis();
                        long clientCpu = clientCpuNanos();
                        Tally[] tallies = cell.run(seconds);
                        double elapsed = cell.elapsedSeconds;
                        serverCpu = server.cpuMillis() - serverCpu;
                        clientCpu = clientCpuNanos() - clientCpu;
                        expected.add(tenant, tallies);
                        int mismatches = expected.mismatches(server);
                        long ops = 0;
                        long errors = 0;
                        String firstError = null;
                        int total = 0;
                        for (Tally t : tallies) {
                            ops += t.cycles;
                            errors += t.errors;
                            total += t.n;
                            firstError = firstError == null ? t.firstError : firstError;
                        }
                        long[] all = new long[total];
                        int at = 0;
                        for (Tally t : tallies) {
                            System.arraycopy(t.nanos, 0, all, at, t.n);
                            at += t.n;
                        }
                        Arrays.sort(all);
                        System.out.printf("| %s | %s | %d | %,.0f | %.2f | %.2f | %d | %d | %.0f | %.0f |%n", loop,
                                tenant.equals(SHARED) ? "shared tenant" : "independent agents", n, ops / elapsed,
                                pct(all, 50), pct(all, 99), errors, mismatches, serverCpu * 1000.0 / Math.max(1, ops),
                                clientCpu / 1000.0 / Math.max(1, ops));
                        if (firstError != null) {
                            System.out.println("    first error: " + firstError);
                        }
                    }
                }
            }
            for (KeepAliveClient c : connections) {
                c.close();
            }
            for (KeepAliveClient c : adminConnections) {
                c.close();
            }
            System.out.printf("ACTIVE reservations left holding: %,d; server peak RSS %s%n", expected.activeCount(server), peakRss(server));
        }
    }

    /** Budget shapes to measure: BENCH_SHAPES=shared, independent or both (the default). */
    static List<String> shapes() {
        String only = System.getenv().getOrDefault("BENCH_SHAPES", "").trim();
        return switch (only) {
            case "shared" -> List.of(SHARED);
            case "independent" -> List.of(INDEPENDENT);
            case "" , "both" -> List.of(SHARED, INDEPENDENT);
            default -> throw new IllegalArgumentException("BENCH_SHAPES must be shared, independent or both: " + only);
        };
    }

    static double pct(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String peakRss(ServerProcess server) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + server.process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MB";
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "unknown";
    }

    /** What every ledger must hold according to the answers the clients received. */
    static final class Expected {
        private final Map<String, long[]> byScope = new java.util.HashMap<>();

        void add(String tenant, Tally[] tallies) {
            for (int i = 0; i < tallies.length; i++) {
                String scope = tenant.equals(SHARED) ? "tenant:" + SHARED : "tenant:" + INDEPENDENT + "/agent:c" + i;
                long[] e = byScope.computeIfAbsent(scope, s -> new long[2]);
                e[0] += tallies[i].held;
                e[1] += tallies[i].spent;
            }
        }

        /** Ledgers that break remaining = allocated - spent - reserved - debt, whose reserved is not the sum of their ACTIVE holds, or that differ from what clients were told. */
        int mismatches(ServerProcess server) throws Exception {
            Map<String, Long> holds = server.activeHolds();
            int bad = 0;
            for (String tenant : List.of(SHARED, INDEPENDENT)) {
                for (ServerProcess.Ledger l : server.ledgers(tenant)) {
                    long[] e = byScope.getOrDefault(l.scope(), new long[2]);
                    boolean ok = l.balanced() && l.debt() == 0 && l.reserved() == holds.getOrDefault(l.ledgerId(), 0L)
                            && l.reserved() == e[0] && l.spent() == e[1];
                    if (!ok) {
                        bad++;
                        System.out.println("    MISMATCH " + l + " expected reserved " + e[0] + " spent " + e[1]
                                + ", ACTIVE holds " + holds.getOrDefault(l.ledgerId(), 0L));
                    }
                }
            }
            return bad;
        }

        long activeCount(ServerProcess server) throws Exception {
            return server.activeHolds().values().stream().mapToLong(Long::longValue).sum() / ESTIMATE;
        }
    }

    /** One window: n client threads looping until the deadline. */
    static final class Cell {
        private final ServerProcess server;
        private final KeepAliveClient[] connections;
        private final HttpClient[] jdkClients;
        private final boolean jdk;
        private final String tenant;
        /** The tenant key; null for the fund loop, which the admin key drives on the admin port. */
        private final String key;
        private final boolean commit;
        private final int n;
        private final int window;
        double elapsedSeconds;

        Cell(ServerProcess server, KeepAliveClient[] connections, HttpClient[] jdkClients, boolean jdk, String tenant, String key,
             boolean commit, int n, int window) {
            this.server = server;
            this.connections = connections;
            this.jdkClients = jdkClients;
            this.jdk = jdk;
            this.tenant = tenant;
            this.key = key;
            this.commit = commit;
            this.n = n;
            this.window = window;
        }

        Tally[] run(int seconds) throws InterruptedException {
            Tally[] tallies = new Tally[n];
            Thread[] threads = new Thread[n];
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long began = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int client = i;
                tallies[i] = new Tally();
                threads[i] = new Thread(() -> loop(client, tallies[client], deadline), "bench-client-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            elapsedSeconds = (System.nanoTime() - began) / 1e9;
            return tallies;
        }

        private String subject(int client) {
            return tenant.equals(SHARED) ? "{\"tenant\":\"" + SHARED + "\"}" : "{\"tenant\":\"" + INDEPENDENT + "\",\"agent\":\"c" + client + "\"}";
        }

        private void loop(int client, Tally tally, long deadline) {
            String prefix = String.format("w%03dc%03d", window, client);
            if (key == null) {
                fundLoop(client, tally, deadline, prefix);
                return;
            }
            Template reserve = Template.request("POST", "/v1/reservations", key, "{\"idempotency_key\":\"r" + prefix + "#########\","
                    + "\"subject\":" + subject(client) + ",\"action\":{\"kind\":\"llm.completion\",\"name\":\"gpt-4o\"},"
                    + "\"estimate\":{\"unit\":\"TOKENS\",\"amount\":" + ESTIMATE + "},\"ttl_ms\":3600000}");
            Template settle = Template.request("POST", "/v1/reservations/" + "@".repeat(36) + "/commit", key,
                    "{\"idempotency_key\":\"c" + prefix + "#########\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":" + ACTUAL + "}}");
            KeepAliveClient http = connections[client];
            for (long seq = 0; System.nanoTime() < deadline; seq++) {
                long started = System.nanoTime();
                try {
                    reserve.counter(seq);
                    Reply r = send(client, http, reserve);
                    if (r.status != 200) {
                        tally.error("reserve " + r.status + " " + r.body);
                        continue;
                    }
                    tally.held += ESTIMATE;
                    if (commit) {
                        settle.counter(seq);
                        settle.id(r.reservationId);
                        Reply c = send(client, http, settle);
                        if (c.status != 200) {
                            tally.error("commit " + c.status + " " + c.body);
                            continue;
                        }
                        tally.held -= ESTIMATE;
                        tally.spent += ACTUAL;
                    }
                    tally.time(System.nanoTime() - started);
                    tally.cycles++;
                } catch (Exception e) {
                    tally.error(e.toString());
                }
            }
        }

        /** CREDIT 1 to the client's ledger (the shared one, or its own agent's), each with its own idempotency key. */
        private void fundLoop(int client, Tally tally, long deadline, String prefix) {
            String scope = tenant.equals(SHARED) ? "tenant:" + SHARED : "tenant:" + INDEPENDENT + "/agent:c" + client;
            Template credit = Template.request("POST", "/v1/admin/budgets/fund?scope=" + scope + "&unit=TOKENS",
                    "X-Admin-API-Key", ServerProcess.KEY,
                    "{\"operation\":\"CREDIT\",\"amount\":1,\"idempotency_key\":\"f" + prefix + "#########\"}");
            KeepAliveClient http = connections[client];
            for (long seq = 0; System.nanoTime() < deadline; seq++) {
                long started = System.nanoTime();
                try {
                    credit.counter(seq);
                    int status = http.send(credit.bytes);
                    if (status != 200) {
                        tally.error("fund " + status + " " + http.body());
                        continue;
                    }
                    tally.time(System.nanoTime() - started);
                    tally.cycles++;
                } catch (Exception e) {
                    tally.error(e.toString());
                }
            }
        }

        private record Reply(int status, String reservationId, String body) {
        }

        private Reply send(int client, KeepAliveClient http, Template t) throws Exception {
            if (!jdk) {
                int status = http.send(t.bytes);
                return new Reply(status, status == 200 ? http.field(RESERVATION_ID) : null, status == 200 ? null : http.body());
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.runtimePort + t.path()))
                    .header("X-Cycles-API-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(t.bytes, t.bodyStart, t.bytes.length - t.bodyStart)).build();
            HttpResponse<String> r = jdkClients[client].send(req, HttpResponse.BodyHandlers.ofString());
            String id = null;
            int at = r.body().indexOf("\"reservation_id\":\"");
            if (at >= 0) {
                id = r.body().substring(at + 18, r.body().indexOf('"', at + 18));
            }
            return new Reply(r.statusCode(), id, r.body());
        }
    }

    /** A whole HTTP/1.1 request prepared once; the idempotency counter ('#' run) and reservation id ('@' run) are patched in place. */
    static final class Template {
        final byte[] bytes;
        final int bodyStart;
        private final int counterAt;
        private final int idAt;

        private Template(byte[] bytes, int bodyStart) {
            this.bytes = bytes;
            this.bodyStart = bodyStart;
            this.counterAt = KeepAliveClient.indexOf(bytes, bodyStart, bytes.length, "#########".getBytes(StandardCharsets.US_ASCII));
            this.idAt = KeepAliveClient.indexOf(bytes, 0, bodyStart, "@@@@".getBytes(StandardCharsets.US_ASCII));
        }

        static Template request(String method, String path, String key, String body) {
            return request(method, path, "X-Cycles-API-Key", key, body);
        }

        static Template request(String method, String path, String keyHeader, String key, String body) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + keyHeader + ": " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(h, h.length + b.length);
            System.arraycopy(b, 0, all, h.length, b.length);
            return new Template(all, h.length);
        }

        void counter(long value) {
            long v = value;
            for (int i = counterAt + 8; i >= counterAt; i--) {
                bytes[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
        }

        void id(String reservationId) {
            for (int i = 0; i < 36; i++) {
                bytes[idAt + i] = (byte) reservationId.charAt(i);
            }
        }

        String path() {
            int sp = KeepAliveClient.indexOf(bytes, 0, bodyStart, new byte[]{' '});
            int end = KeepAliveClient.indexOf(bytes, sp + 1, bodyStart, new byte[]{' '});
            return new String(bytes, sp + 1, end - sp - 1, StandardCharsets.US_ASCII);
        }
    }
}
