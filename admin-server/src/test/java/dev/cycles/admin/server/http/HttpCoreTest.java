package dev.cycles.admin.server.http;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Correlation headers, body handling, unknown paths and methods: everything is JSON, nothing is a 500. */
class HttpCoreTest extends ServerTest {
    private static final Pattern TRACE = Pattern.compile("[0-9a-f]{32}");
    private static final AtomicInteger SEQ = new AtomicInteger();
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    /** The checks every response must pass, success or failure. */
    static void assertWellFormed(Api.Res r) {
        String requestId = r.header("X-Request-Id");
        assertNotNull(requestId, "X-Request-Id missing: " + r);
        assertFalse(requestId.isBlank());
        String trace = r.header("X-Cycles-Trace-Id");
        assertNotNull(trace, "X-Cycles-Trace-Id missing: " + r);
        assertTrue(TRACE.matcher(trace).matches(), trace);
        assertNull(r.header("Server"), "Server header leaks the stack");
        assertTrue(r.status() < 500, "server error: " + r);
        String type = r.header("Content-Type");
        assertNotNull(type, "no Content-Type: " + r);
        assertTrue(type.startsWith("application/json"), type);
        assertFalse(r.body().trim().startsWith("<"), "HTML body: " + r.body());
        r.json();
        if (r.status() >= 400) {
            assertEquals(requestId, r.text("request_id"), "error body carries the request id");
            assertEquals(trace, r.text("trace_id"), "error body carries the trace id");
            assertFalse(r.error().isEmpty());
            assertFalse(r.text("message").isEmpty());
        }
    }

    @Test
    void correlationHeadersOnSuccessAndError() {
        Api.Res ok = admin.get("/v1/admin/tenants");
        assertEquals(200, ok.status());
        assertWellFormed(ok);
        Api.Res err = admin.get("/v1/admin/tenants/none-here");
        assertEquals(404, err.status());
        assertWellFormed(err);
        Api.Res unauth = server.anonymous().get("/v1/admin/tenants");
        assertEquals(401, unauth.status());
        assertWellFormed(unauth);
        // Fresh ids per request.
        assertNotEquals(ok.header("X-Request-Id"), err.header("X-Request-Id"));
        assertNotEquals(ok.header("X-Cycles-Trace-Id"), err.header("X-Cycles-Trace-Id"));
    }

    @Test
    void inboundTraceIdsAreHonouredInOrder() {
        String cycles = "0123456789abcdef0123456789abcdef";
        String w3c = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Res onlyCycles = admin.send("GET", "/v1/admin/tenants", null, null, "X-Cycles-Trace-Id", cycles);
        assertEquals(cycles, onlyCycles.header("X-Cycles-Trace-Id"));

        Api.Res both = admin.send("GET", "/v1/admin/tenants/missing-one", null, null,
                "traceparent", "00-" + w3c + "-00f067aa0ba902b7-01", "X-Cycles-Trace-Id", cycles);
        assertEquals(w3c, both.header("X-Cycles-Trace-Id"), "a valid traceparent wins");
        assertEquals(w3c, both.text("trace_id"));

        for (String bad : List.of("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "00-" + w3c + "-" + "0".repeat(16) + "-01",
                "00-" + w3c.toUpperCase() + "-00f067aa0ba902b7-01", "garbage", "00-" + w3c + "-00f067aa0ba902b7")) {
            Api.Res r = admin.send("GET", "/v1/admin/tenants", null, null, "traceparent", bad, "X-Cycles-Trace-Id", cycles);
            assertEquals(200, r.status(), "a malformed traceparent is ignored, never rejected: " + bad);
            assertEquals(cycles, r.header("X-Cycles-Trace-Id"), "falls back to X-Cycles-Trace-Id for " + bad);
        }

        for (String bad : List.of(cycles.toUpperCase(), "0".repeat(32), "abc", cycles + "00")) {
            Api.Res r = admin.send("GET", "/v1/admin/tenants", null, null, "X-Cycles-Trace-Id", bad);
            assertEquals(200, r.status());
            String got = r.header("X-Cycles-Trace-Id");
            assertTrue(TRACE.matcher(got).matches());
            assertNotEquals(bad, got);
            assertNotEquals("0".repeat(32), got);
        }
    }

    @Test
    void traceAndRequestIdsReachTheErrorBodyAndTheAuditRow() {
        String w3c = "aaaabbbbccccddddeeeeffff00001111";
        Api.Res r = admin.send("POST", "/v1/admin/tenants", "{\"tenant_id\":\"BAD\",\"name\":\"x\"}", "application/json",
                "traceparent", "00-" + w3c + "-1111222233334444-00");
        assertEquals(400, r.status());
        assertWellFormed(r);
        assertEquals(w3c, r.text("trace_id"));
        Map<String, Object> row = Rows.oneAudit(server, r);
        assertEquals(w3c, row.get("trace_id"));
        assertEquals(r.header("X-Request-Id"), row.get("request_id"));

        String id = "traced-" + SEQ.incrementAndGet();
        Api.Res ok = admin.send("POST", "/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"x\"}", "application/json",
                "X-Cycles-Trace-Id", "1234567890abcdef1234567890abcdef");
        assertEquals(201, ok.status());
        assertEquals("1234567890abcdef1234567890abcdef", Rows.oneAudit(server, ok).get("trace_id"));
        assertEquals("1234567890abcdef1234567890abcdef",
                Rows.select(server, "events", "tenant_id = ?", id).get(0).get("trace_id"), "events carry the trace id");
    }

    @Test
    void badBodiesAre400() {
        List<String> bodies = List.of("{\"tenant_id\":", "", "   ", "[{\"tenant_id\":\"arr-body\",\"name\":\"x\"}]", "null", "42",
                "\"text\"", "{\"tenant_id\":\"trail\",\"name\":\"x\"} {}", "{'tenant_id':'single'}", "{\"tenant_id\":\"x\",}");
        for (String body : bodies) {
            Api.Res r = admin.send("POST", "/v1/admin/tenants", body, "application/json");
            assertEquals(400, r.status(), "body <" + body + "> -> " + r);
            assertEquals("INVALID_REQUEST", r.error());
            assertWellFormed(r);
        }
        Api.Res noBody = admin.send("POST", "/v1/admin/tenants", null, null);
        assertEquals(400, noBody.status());
        assertWellFormed(noBody);
        assertEquals(0, Rows.count(server, "tenants", "tenant_id IN ('arr-body','trail','single')"));

        Api.Res patchArray = admin.patch("/v1/admin/tenants/whatever-id", "[]");
        assertEquals(400, patchArray.status());
        Api.Res hugeNumber = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"big-num\",\"name\":\"x\",\"max_reservation_extensions\":99999999999999999999999}");
        assertEquals(400, hugeNumber.status(), hugeNumber.body());
        Api.Res deep = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"deep\",\"name\":\"x\",\"metadata\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(201));
        assertEquals(400, deep.status(), deep.body());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String pad = "x".repeat(1024 * 1024 + 10);
        String body = "{\"tenant_id\":\"too-big\",\"name\":\"" + pad + "\"}";
        Api.Res r = admin.unchecked().post("/v1/admin/tenants", body);
        assertEquals(413, r.status(), r.header("Content-Type"));
        assertWellFormed(r);
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'too-big'"));

        // Without a Content-Length (chunked), the limit still holds.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/admin/tenants"))
                .header("X-Admin-API-Key", TestServer.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> c = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, c.statusCode(), c.body());
        assertTrue(c.body().contains("\"error\""));
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'too-big'"));
    }

    @Test
    void nonJsonContentTypeIs415() {
        Api.Res r = admin.unchecked().send("POST", "/v1/admin/tenants", "{\"tenant_id\":\"plain-text\",\"name\":\"x\"}", "text/plain");
        assertEquals(415, r.status(), r.body());
        assertEquals("INVALID_REQUEST", r.error());
        assertWellFormed(r);
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'plain-text'"));
        Api.Res form = admin.unchecked().send("PATCH", "/v1/admin/tenants/plain-text", "name=x", "application/x-www-form-urlencoded");
        assertEquals(415, form.status());
        // JSON with a charset parameter is still JSON.
        Api.Res charset = admin.send("POST", "/v1/admin/tenants", "{\"tenant_id\":\"with-charset\",\"name\":\"x\"}", "application/json; charset=utf-8");
        assertEquals(201, charset.status(), charset.body());
    }

    @Test
    void unknownPathIs404Json() {
        for (String path : List.of("/", "/v1", "/v1/admin/nothing", "/v1/admin/tenants/a/b/c", "/index.html")) {
            Api.Res r = admin.unchecked().get(path);
            assertEquals(404, r.status(), path);
            assertEquals("NOT_FOUND", r.error());
            assertWellFormed(r);
        }
        Api.Res post = admin.unchecked().post("/v1/admin/nothing", "{}");
        assertEquals(404, post.status());
        assertWellFormed(post);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Api.Res put = admin.unchecked().put("/v1/admin/tenants", "{}");
        assertEquals(405, put.status(), put.body());
        assertWellFormed(put);
        assertEquals(Set.of("GET", "POST"), methods(put.header("Allow")));

        Api.Res del = admin.unchecked().delete("/v1/admin/tenants/some-id");
        assertEquals(405, del.status());
        assertEquals(Set.of("GET", "PATCH"), methods(del.header("Allow")));

        Api.Res getKey = admin.unchecked().get("/v1/admin/api-keys/key_123");
        assertEquals(405, getKey.status());
        assertEquals(Set.of("PATCH", "DELETE"), methods(getKey.header("Allow")));

        Api.Res getValidate = admin.unchecked().get("/v1/auth/validate");
        assertEquals(405, getValidate.status());
        assertEquals(Set.of("POST"), methods(getValidate.header("Allow")));
    }

    static Set<String> methods(String allow) {
        assertNotNull(allow, "Allow header missing");
        Set<String> out = new HashSet<>();
        for (String m : allow.split(",")) {
            out.add(m.trim());
        }
        return out;
    }

    @Test
    void healthNeedsNoKey() {
        Api.Res r = server.anonymous().unchecked().get("/health");
        assertEquals(200, r.status());
        assertEquals("UP", r.text("status"));
        assertWellFormed(r);
    }

    @Test
    void oddInputsNeverCauseA500() {
        Api raw = admin.unchecked();
        List<String> paths = List.of("/v1/admin/tenants?limit=abc", "/v1/admin/tenants?limit=99999999999999999999",
                "/v1/admin/tenants?search=%25", "/v1/admin/tenants?cursor=%00",
                "/v1/admin/tenants?status=", "/v1/admin/tenants/%2e%2e", "/v1/admin/tenants/" + "a".repeat(2000),
                "/v1/admin/api-keys?tenant_id=%27%3B%20DROP%20TABLE%20tenants%3B--", "/v1/admin/tenants?sort_by=name%27--",
                "/v1/admin/tenants?cursor=eyJzIjoiY3JlYXRlZF9hdCJ9");
        for (String p : paths) {
            Api.Res r = raw.get(p);
            assertTrue(r.status() < 500, p + " -> " + r);
            assertWellFormed(r);
        }
        assertTrue(Rows.count(server, "tenants", null) >= 0, "tenants table still there");
        for (String body : List.of("{\"tenant_id\":null,\"name\":null}", "{\"tenant_id\":123,\"name\":true}",
                "{\"tenant_id\":\"odd-meta\",\"name\":\"x\",\"metadata\":{\"k\":{\"nested\":1}}}",
                "{\"tenant_id\":\"odd-meta2\",\"name\":\"x\",\"metadata\":[1,2]}",
                "{\"tenant_id\":\"odd-ttl\",\"name\":\"x\",\"default_reservation_ttl_ms\":1.5}",
                "{\"tenant_id\":\"odd-unicode\",\"name\":\"\\ud800\"}")) {
            Api.Res r = raw.post("/v1/admin/tenants", body);
            assertTrue(r.status() < 500, body + " -> " + r);
            assertWellFormed(r);
        }
        for (String body : List.of("{\"tenant_id\":null,\"name\":null}", "{\"permissions\":[null]}", "{\"permissions\":[1]}",
                "{\"tenant_id\":\"x\",\"name\":\"y\",\"scope_filter\":[null]}", "{\"tenant_id\":\"x\",\"name\":\"y\",\"expires_at\":12}")) {
            Api.Res r = raw.post("/v1/admin/api-keys", body);
            assertTrue(r.status() < 500, body + " -> " + r);
            assertWellFormed(r);
        }
        Api.Res v = raw.post("/v1/auth/validate", "{\"key_secret\":123}");
        assertTrue(v.status() < 500, v.toString());
        Api.Res bigHeader = raw.send("GET", "/v1/admin/tenants", null, null, "X-Big", "h".repeat(20_000));
        assertTrue(bigHeader.status() < 500, bigHeader.toString());
        assertTrue(bigHeader.body().trim().startsWith("{"), bigHeader.body());
    }

    @Test
    void jettyLevelErrorsAreJsonToo() throws IOException {
        for (String requestLine : List.of("GET /%zz HTTP/1.1", "GET /v1/admin/tenants?search=%zz HTTP/1.1", "GET /v1/admin/tenants?limit=%ZZ&x HTTP/1.1", "GET /v1/admin/tenants/%G0 HTTP/1.1", "BREW /v1/admin/tenants HTTP/1.1")) {
            String response = rawRequest(requestLine + "\r\nHost: 127.0.0.1\r\nX-Admin-API-Key: " + TestServer.ADMIN_KEY
                    + "\r\nConnection: close\r\n\r\n");
            String statusLine = response.lines().findFirst().orElse("");
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            assertTrue(status >= 400 && status < 500, requestLine + " -> " + statusLine);
            String lower = response.toLowerCase();
            assertFalse(lower.contains("\nserver:"), "Server header: " + response);
            assertFalse(lower.contains("<html"), "HTML error page: " + response);
            assertTrue(lower.contains("content-type: application/json"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertTrue(body.contains("\"error\""), response);
        }
    }

    private static String rawRequest(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
