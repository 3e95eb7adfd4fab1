package dev.cycles.admin.server.reliability;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of generated malformed requests: none may produce a 5xx, the server stays healthy,
 * and no tenant, key or ledger changes.
 */
class BadInputTest extends ServerTest {
    private static final String[] PATHS = {
            "/v1/admin/tenants", "/v1/admin/tenants/fuzz-co", "/v1/admin/api-keys", "/v1/admin/api-keys/key_0000",
            "/v1/admin/budgets", "/v1/admin/budgets?scope=tenant:fuzz-co&unit=TOKENS",
            "/v1/admin/budgets/fund?scope=tenant:fuzz-co&unit=TOKENS", "/v1/admin/budgets/lookup?scope=tenant:fuzz-co&unit=TOKENS",
            "/v1/admin/budgets/freeze?scope=tenant:fuzz-co&unit=TOKENS", "/v1/auth/validate", "/v1/auth/introspect",
            "/v1/balances", "/admin/backup"};
    private static final String[] METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE"};
    private static final String[] TEMPLATES = {
            "{\"tenant_id\":\"fuzz-new\",\"name\":\"N\"}",
            "{\"operation\":\"DEBIT\",\"amount\":{\"unit\":\"TOKENS\",\"amount\":5}}",
            "{\"tenant_id\":\"fuzz-co\",\"scope\":\"tenant:fuzz-co/agent:a\",\"unit\":\"TOKENS\",\"allocated\":5}",
            "{\"tenant_id\":\"fuzz-co\",\"name\":\"k\",\"permissions\":[\"budgets:read\"]}",
            "{\"status\":\"CLOSED\"}",
            "{\"overdraft_limit\":5,\"commit_overage_policy\":\"REJECT\"}"};

    static String before;

    @BeforeAll
    static void seed() throws Exception {
        Api admin = server.admin();
        Fixtures.tenant(admin, "fuzz-co");
        Fixtures.key(admin, "fuzz-co", "[\"budgets:read\"]");
        assertEquals(201, admin.post("/v1/admin/budgets",
                "{\"tenant_id\":\"fuzz-co\",\"scope\":\"tenant:fuzz-co\",\"unit\":\"TOKENS\",\"allocated\":100}").status());
        before = snapshot();
    }

    @Test
    void generatedGarbageNeverReachesA5xxOrTheData() throws Exception {
        Random random = new Random(20261129);
        List<String> failures = new ArrayList<>();
        // Wrong-key requests are valid HTTP with a valid JSON-less shape, sent with no key so the
        // mutations cannot happen even when the body happens to be well formed.
        Api noKey = server.anonymous().unchecked();
        Api wrongKey = server.admin().withKey("X-Admin-API-Key", "wrong").unchecked();
        Api tenantJunk = server.tenant("cyc_live_" + "x".repeat(32)).unchecked();
        Api[] clients = {noKey, wrongKey, tenantJunk};
        String previous = "nothing";
        for (int i = 0; i < 2000; i++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String path = mutatePath(PATHS[random.nextInt(PATHS.length)], random);
            String body = badBody(random);
            String type = random.nextInt(5) == 0 ? "text/plain" : "application/json";
            Api.Res r;
            try {
                r = clients[random.nextInt(clients.length)].send(method, path, body, type);
            } catch (AssertionError e) {
                throw new AssertionError("after " + previous + ": " + e.getMessage(), e);
            }
            previous = method + " " + path + " type " + type + " body " + abbreviate(body) + " -> " + r.status() + " " + r.headers().map();
            if (r.status() >= 500 || !r.body().isEmpty() && !r.body().startsWith("{")) {
                failures.add(method + " " + path + " -> " + r.status() + " " + abbreviate(r.body()));
            }
        }
        // The same garbage with the real admin key, against paths where a valid body would change
        // nothing we check (bodies are always broken here).
        Api admin = server.admin().unchecked();
        for (int i = 0; i < 1000; i++) {
            String method = random.nextBoolean() ? "POST" : "PATCH";
            String path = PATHS[random.nextInt(PATHS.length - 1)];
            String body = brokenJson(random);
            Api.Res r = admin.send(method, path, body, "application/json");
            if (r.status() >= 500 || r.status() < 400 && r.status() != 405) {
                failures.add(method + " " + path + " body " + abbreviate(body) + " -> " + r.status() + " " + abbreviate(r.body()));
            }
        }
        for (String raw : rawRequests(random)) {
            String answer = raw(raw);
            // 505 is HTTP's own answer to an unknown protocol version (HTTP/9.9), not a server fault.
            if (answer.startsWith("HTTP/1.1 5") && !answer.startsWith("HTTP/1.1 505")) {
                failures.add("raw " + abbreviate(raw) + " -> " + abbreviate(answer));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, first: " + failures.subList(0, Math.min(5, failures.size())));
        assertEquals(200, noKey.get("/health").status());
        assertEquals(before, snapshot(), "tenants, keys and ledgers must not change");
    }

    private static String mutatePath(String path, Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> path + "/extra/%25zz";
            case 1 -> path.replace("fuzz-co", "FUZZ CO").replace(" ", "%20");
            case 2 -> path.replace("TOKENS", "PESOS");
            case 3 -> path + (path.contains("?") ? "&" : "?") + "limit=-9&cursor=%25%25%25&sort_by=nope&utilization_min=NaN";
            case 4 -> path.replace("tenant:fuzz-co", "tenant:fuzz-co//agent:*");
            case 5 -> "/v1/admin/" + "x".repeat(r.nextInt(3000));
            default -> path;
        };
    }

    private static String badBody(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> null;
            case 1 -> "[".repeat(5000) + "]".repeat(5000);
            case 2 -> "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001);
            case 3 -> "{\"amount\":" + "9".repeat(400) + "}";
            case 4 -> r.nextInt(25) == 0 ? "{\"name\":\"" + "A".repeat(2 * 1024 * 1024) + "\"}" : "{\"name\":\"\uD800\"}";
            case 5 -> TEMPLATES[r.nextInt(TEMPLATES.length)].replace("5", "\"five\"");
            case 6 -> new String(randomBytes(r, 200), StandardCharsets.ISO_8859_1);
            case 7 -> "{\"tenant_id\":null,\"name\":[],\"status\":{},\"allocated\":-1.5e308}";
            default -> brokenJson(r);
        };
    }

    private static String brokenJson(Random r) {
        String t = TEMPLATES[r.nextInt(TEMPLATES.length)];
        return switch (r.nextInt(4)) {
            case 0 -> t.substring(0, 1 + r.nextInt(t.length() - 1));
            case 1 -> t.replace("}", ",}");
            case 2 -> t.replace(":", "");
            default -> t + "garbage";
        };
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static List<String> rawRequests(Random r) {
        List<String> out = new ArrayList<>();
        out.add("GARBAGE\r\n\r\n");
        out.add("GET /v1/admin/tenants HTTP/1.1\r\nHost: x\r\nX-Admin-API-Key: " + "k".repeat(70_000) + "\r\n\r\n");
        out.add("GET /v1/admin/%ZZ%00 HTTP/1.1\r\nHost: x\r\n\r\n");
        out.add("POST /v1/admin/tenants HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
        out.add("POST /v1/admin/tenants HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n");
        out.add("GET / HTTP/9.9\r\n\r\n");
        out.add("GET /v1/admin/tenants HTTP/1.1\r\nHost: x\r\nX-Cycles-Trace-Id: \u0000\u0001\r\n\r\n");
        for (int i = 0; i < 30; i++) {
            out.add(new String(randomBytes(r, 300), StandardCharsets.ISO_8859_1) + "\r\n\r\n");
        }
        return out;
    }

    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.shutdownOutput();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(buf);
            } catch (IOException closedByServer) {
                // a server may drop a connection that makes no sense; that is a fine answer
            }
            return buf.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String snapshot() {
        return server.db().read(c -> {
            StringBuilder sb = new StringBuilder();
            for (String sql : List.of("SELECT tenant_id, name, status, updated_at FROM tenants ORDER BY tenant_id",
                    "SELECT key_id, status, permissions, name FROM api_keys ORDER BY key_id",
                    "SELECT ledger_id, allocated, spent, debt, overdraft_limit, status, updated_at FROM budgets ORDER BY ledger_id")) {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    int cols = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= cols; i++) {
                            sb.append(rs.getString(i)).append('|');
                        }
                        sb.append('\n');
                    }
                }
            }
            return sb.toString();
        });
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
