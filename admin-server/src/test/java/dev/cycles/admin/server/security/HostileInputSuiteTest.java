package dev.cycles.admin.server.security;

import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.RawHttp;
import dev.cycles.admin.server.support.DatabaseFiles;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of hostile input at once against one server with the default throttle: slow
 * bodies held open throughout, endless chunked bodies, a keyless flood with huge ids and user
 * agents, metadata and list bombs from a default tenant key, invalid UTF-8 paths, far-future
 * times and method override. Throughout, /health is polled with a deadline; afterwards no
 * answer was a 5xx, no poll failed, the data is intact and the database grew by a bounded amount.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileInputSuiteTest {
    static final long MAX_GROWTH_BYTES = 8L * 1024 * 1024;

    private final List<String> serverErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();
    private HttpClient client;
    private String base;

    @Test
    void serverStaysHealthyAndBoundedUnderEveryAttack() throws Exception {
        Path dir = Files.createTempDirectory("cycles-hostile");
        AdminServer server = AdminServer.start(TestServer.onTestStore(new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", dir)));
        base = "http://127.0.0.1:" + server.port();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HealthMonitor monitor = new HealthMonitor();
        List<RawHttp> slow = new ArrayList<>();
        try {
            assertEquals(201, call("POST", "/v1/admin/tenants", TestServer.ADMIN_KEY, "{\"tenant_id\":\"victim\",\"name\":\"V\"}").status());
            Api.Res key = call("POST", "/v1/admin/api-keys", TestServer.ADMIN_KEY, "{\"tenant_id\":\"victim\",\"name\":\"default\"}");
            assertEquals(201, key.status(), key.body());
            String keyId = key.text("key_id");
            String tenantKey = key.text("key_secret");
            assertEquals(201, call("POST", "/v1/admin/budgets", TestServer.ADMIN_KEY,
                    "{\"tenant_id\":\"victim\",\"scope\":\"tenant:victim\",\"unit\":\"TOKENS\",\"allocated\":1000}").status());
            long before = DatabaseFiles.bytes(dir);
            monitor.start();

            // Slow bodies: 200 keyless requests announcing 4 MB, held open for the whole suite.
            for (int i = 0; i < 200; i++) {
                slow.add(new RawHttp(server.port(), 5_000)
                        .head("POST /v1/admin/tenants HTTP/1.1", "Content-Type: application/json", "Content-Length: 4000000")
                        .send("{"));
            }

            // Endless chunked bodies with the admin key.
            for (int i = 0; i < 3; i++) {
                assertEquals(413, chunkedBomb(server.port(), 16L * 1024 * 1024));
            }

            // Keyless flood: huge ids, huge user agents, reads and writes.
            String longId = "x".repeat(15_000);
            for (int i = 0; i < 3_000; i++) {
                Api.Res r = switch (i % 3) {
                    case 0 -> call("PATCH", "/v1/admin/tenants/" + longId, null, "{\"name\":\"n\"}");
                    case 1 -> call("GET", "/v1/admin/budgets?tenant_id=victim", null, null);
                    default -> call("POST", "/v1/admin/budgets/fund?scope=tenant:victim&unit=TOKENS", null,
                            "{\"operation\":\"CREDIT\",\"amount\":5}");
                };
                assertTrue(r.status() == 401 || r.status() == 429, r.toString());
            }

            // Metadata and list bombs with the default tenant key, and with the admin key.
            String mib = "m".repeat(1024 * 1024 - 100);
            for (int i = 0; i < 12; i++) {
                Api.Res r = callTenant("POST", "/v1/admin/budgets", tenantKey, "{\"tenant_id\":\"victim\",\"scope\":\"tenant:victim/agent:a" + i
                        + "\",\"unit\":\"TOKENS\",\"allocated\":1,\"metadata\":{\"k\":\"" + mib + "\"}}");
                assertTrue(r.status() == 400 || r.status() == 403 || r.status() == 413, r.toString());
                Api.Res a = call("POST", "/v1/admin/budgets", TestServer.ADMIN_KEY, "{\"tenant_id\":\"victim\",\"scope\":\"tenant:victim/agent:a" + i
                        + "\",\"unit\":\"TOKENS\",\"allocated\":1,\"metadata\":{\"k\":\"" + "m".repeat(200_000) + "\"}}");
                assertEquals(400, a.status(), a.toString());
            }
            String tools = "[" + String.join(",", java.util.Collections.nCopies(1_000, "\"" + "t".repeat(256) + "\"")) + "]";
            for (int i = 0; i < 5; i++) {
                Api.Res r = call("POST", "/v1/admin/policies", TestServer.ADMIN_KEY, "{\"tenant_id\":\"victim\",\"name\":\"p" + i
                        + "\",\"scope_pattern\":\"tenant:victim\",\"caps\":{\"tool_allowlist\":" + tools + "}}");
                assertEquals(400, r.status(), r.toString());
            }
            assertEquals(200, call("GET", "/v1/admin/budgets?limit=5", TestServer.ADMIN_KEY, null).status());
            assertEquals(200, call("GET", "/v1/admin/policies?tenant_id=victim", TestServer.ADMIN_KEY, null).status());

            // Invalid UTF-8 in paths.
            for (String path : List.of("/v1/admin/tenants/%C0%AF", "/v1/admin/tenants/%FF", "/v1/admin/budgets/%E0%80")) {
                try (RawHttp s = new RawHttp(server.port(), 5_000)) {
                    RawHttp.Response r = s.head("GET " + path + " HTTP/1.1", "X-Admin-API-Key: " + TestServer.ADMIN_KEY).readResponse();
                    count(r.status(), "GET " + path);
                    assertEquals(400, r.status(), r.toString());
                }
            }

            // Far-future times in every time field.
            String far = "+999999999-12-31T23:59:59Z";
            assertEquals(400, call("GET", "/v1/admin/audit/logs?from=" + far, TestServer.ADMIN_KEY, null).status());
            assertEquals(400, call("GET", "/v1/admin/audit/logs?to=" + far, TestServer.ADMIN_KEY, null).status());
            assertEquals(400, call("POST", "/v1/admin/budgets", TestServer.ADMIN_KEY, "{\"tenant_id\":\"victim\",\"scope\":\"tenant:victim/agent:far\","
                    + "\"unit\":\"TOKENS\",\"allocated\":1,\"period_end\":\"" + far + "\"}").status());
            assertEquals(400, call("POST", "/v1/admin/api-keys", TestServer.ADMIN_KEY, "{\"tenant_id\":\"victim\",\"name\":\"far\",\"expires_at\":\"" + far + "\"}").status());
            assertEquals(400, call("POST", "/v1/admin/policies", TestServer.ADMIN_KEY, "{\"tenant_id\":\"victim\",\"name\":\"far\","
                    + "\"scope_pattern\":\"tenant:victim\",\"effective_until\":\"" + far + "\"}").status());

            // Method override: a GET dressed as DELETE revokes nothing.
            Api.Res override = call("GET", "/v1/admin/api-keys/" + keyId, TestServer.ADMIN_KEY, null, "X-HTTP-Method-Override", "DELETE");
            assertEquals(405, override.status(), override.toString());

            // The slow senders were answered without their bodies being read.
            for (RawHttp s : slow) {
                int status = s.readResponse().status();
                assertTrue(status == 401 || status == 429, "slow sender got " + status);
            }

            // Data intact: the key still works, the ledger is unchanged, nothing was created.
            assertEquals(200, callTenant("GET", "/v1/balances", tenantKey, null).status());
            Api.Res budgets = call("GET", "/v1/admin/budgets?tenant_id=victim", TestServer.ADMIN_KEY, null);
            assertEquals(1, budgets.json().path("ledgers").size(), budgets.body());
            assertEquals(1000, budgets.json().path("ledgers").get(0).path("allocated").path("amount").asLong(), budgets.body());
            Api.Res tenants = call("GET", "/v1/admin/tenants", TestServer.ADMIN_KEY, null);
            assertEquals(1, tenants.json().path("tenants").size(), tenants.body());

            monitor.stop();
            assertEquals(List.of(), monitor.failures, "/health did not answer in time");
            assertTrue(monitor.polls.get() > 0, "the monitor never polled");
            assertEquals(List.of(), serverErrors, "5xx answers");
            long growth = DatabaseFiles.bytes(dir) - before;
            assertTrue(growth < MAX_GROWTH_BYTES, "database grew by " + growth + " bytes over " + answers.get() + " answers");
        } finally {
            monitor.stop();
            slow.forEach(RawHttp::close);
            server.close();
            TestServer.deleteTree(dir);
        }
    }

    /** Sends an endless chunked body and returns the status the server answered with. */
    private int chunkedBomb(int port, long cap) throws IOException {
        try (RawHttp s = new RawHttp(port, 20_000)) {
            s.head("POST /v1/admin/tenants HTTP/1.1", "Content-Type: application/json", "Transfer-Encoding: chunked",
                    "X-Admin-API-Key: " + TestServer.ADMIN_KEY);
            byte[] data = new byte[64 * 1024];
            Arrays.fill(data, (byte) ' ');
            byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (long sent = 0; sent < cap; sent += data.length) {
                    s.send(head).send(data).send("\r\n");
                    if (s.socket().getInputStream().available() > 0) {
                        break;
                    }
                }
            } catch (IOException closedByServer) {
                // the server answered and closed
            }
            RawHttp.Response r = s.readResponse();
            count(r.status(), "chunked POST");
            return r.status();
        }
    }

    private Api.Res call(String method, String path, String adminKey, String body, String... headers) throws Exception {
        return send(method, path, "X-Admin-API-Key", adminKey, body, headers);
    }

    private Api.Res callTenant(String method, String path, String key, String body) throws Exception {
        return send(method, path, "X-Cycles-API-Key", key, body);
    }

    private Api.Res send(String method, String path, String header, String key, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("User-Agent", "hostile-" + "u".repeat(600));
        if (key != null) {
            b.header(header, key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        count(r.statusCode(), method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path));
        return new Api.Res(r.statusCode(), r.body(), r.headers());
    }

    private void count(int status, String what) {
        answers.incrementAndGet();
        if (status >= 500 || status < 0) {
            serverErrors.add(status + " " + what);
        }
    }

    /** Polls /health every 100 ms with a 5 s deadline per call (a stall, not a slow moment, is what fails); every miss is recorded. */
    private final class HealthMonitor {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger polls = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                HttpClient own = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                while (running.get()) {
                    try {
                        HttpResponse<String> r = own.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add("status " + r.statusCode());
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                    polls.incrementAndGet();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "health-monitor");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
        }
    }
}
