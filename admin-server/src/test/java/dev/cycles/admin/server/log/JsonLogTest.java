package dev.cycles.admin.server.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ChildServer;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestClient;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * LOG_FORMAT=json, as `java -jar` runs it: every line the process writes is one JSON object; each
 * answered request has one line with its ids, operation, status and duration; keys never appear.
 */
class JsonLogTest {
    private static final Pattern RFC3339_UTC_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyLineIsOneJsonObjectAndRequestsCarryTheirFacts() throws Exception {
        Path dir = Files.createTempDirectory("cycles-json-log");
        List<String> lines = new CopyOnWriteArrayList<>();
        // LOG_FORMAT=json turns the request log on by default, as an installed server has it.
        Process child = ChildServer.start(dir, List.of("--log-format", "json"));
        String secret;
        try {
            ChildServer.Ports ports = ChildServer.awaitPorts(child, lines::add);
            Api admin = new TestClient("http://127.0.0.1:" + ports.admin()).admin();
            Fixtures.tenant(admin, "logs-co");
            secret = Fixtures.key(admin, "logs-co", "[\"reservations:list\"]");
            Api runtime = new TestClient("http://127.0.0.1:" + ports.runtime()).admin().unchecked();
            Api tenant = runtime.withKey("X-Cycles-API-Key", secret);
            assertEquals(200, tenant.send("GET", "/v1/reservations?tenant=logs-co", null, "application/json",
                    "traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01").status());
            assertEquals(404, admin.unchecked().get("/v1/admin/nowhere?key=" + TestServer.ADMIN_KEY + "&s=" + secret).status());
            assertEquals(401, runtime.withKey("X-Cycles-API-Key", secret + "x").get("/v1/reservations").status());
            assertEquals(401, admin.unchecked().withKey("X-Admin-API-Key", "wrong-" + TestServer.ADMIN_KEY).get("/v1/admin/tenants").status());
            awaitRequestLines(lines, 6);
        } finally {
            child.destroy();
            child.waitFor(20, TimeUnit.SECONDS);
            child.destroyForcibly().waitFor();
            TestServer.deleteTree(dir);
        }

        List<JsonNode> requests = new ArrayList<>();
        for (String line : lines) {
            assertFalse(line.contains(TestServer.ADMIN_KEY), "the admin key was logged: " + line);
            assertFalse(line.contains(secret), "a tenant key secret was logged: " + line);
            JsonNode json;
            try {
                json = Json.mapper().readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not one JSON object: " + line, e);
            }
            assertTrue(json.isObject(), line);
            assertTrue(RFC3339_UTC_MILLIS.matcher(json.path("timestamp").asText()).matches(), line);
            assertTrue(List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE").contains(json.path("level").asText()), line);
            assertTrue(json.hasNonNull("message"), line);
            if (json.path("logger").asText().equals("cycles.request")) {
                requests.add(json);
            }
        }
        String started = lines.stream().filter(l -> l.contains("listening on")).findFirst().orElseThrow();
        JsonNode startup = Json.mapper().readTree(started);
        assertEquals("INFO", startup.path("level").asText(), started);
        assertEquals("full", startup.path("durability").asText(), started);
        assertTrue(startup.path("admin_port").asInt() > 0 && startup.path("runtime_port").asInt() > 0, started);

        JsonNode created = only(requests, "createTenant");
        assertEquals(201, created.path("status").asInt());
        assertEquals("POST", created.path("method").asText());
        assertEquals("/v1/admin/tenants", created.path("path").asText());
        assertEquals("admin", created.path("plane").asText());
        assertEquals("logs-co", created.path("tenant").asText());
        assertTrue(created.path("duration_ms").isIntegralNumber() && created.path("duration_ms").asLong() >= 0, created.toString());
        assertTrue(created.path("request_id").asText().length() > 8, created.toString());

        List<JsonNode> lists = requests.stream().filter(r -> r.path("operation").asText().equals("listReservations")).toList();
        assertEquals(2, lists.size(), lists.toString());
        JsonNode listed = lists.stream().filter(r -> r.path("status").asInt() == 200).findFirst().orElseThrow();
        assertEquals("runtime", listed.path("plane").asText());
        assertEquals("logs-co", listed.path("tenant").asText());
        assertEquals(TRACE, listed.path("trace_id").asText());
        assertEquals("/v1/reservations", listed.path("path").asText(), "no query string");
        assertTrue(lists.stream().anyMatch(r -> r.path("status").asInt() == 401 && r.path("plane").asText().equals("runtime")), lists.toString());

        JsonNode missing = requests.stream().filter(r -> r.path("status").asInt() == 404).findFirst().orElseThrow();
        assertEquals("/v1/admin/nowhere", missing.path("path").asText());
        assertEquals("GET", missing.path("method").asText());
        JsonNode refused = only(requests, "listTenants");
        assertEquals(401, refused.path("status").asInt());
        for (JsonNode r : requests) {
            assertTrue(r.hasNonNull("request_id") && r.hasNonNull("trace_id") && r.hasNonNull("operation"), r.toString());
            assertEquals("INFO", r.path("level").asText());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aConfigurationErrorIsAJsonLineAndExitCodeTwo() throws Exception {
        Path dir = Files.createTempDirectory("cycles-json-log-bad");
        try {
            Process child = ChildServer.start(dir, List.of("--log-format", "json", "--durability", "sometimes"));
            String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, child.exitValue(), out);
            JsonNode line = Json.mapper().readTree(out);
            assertEquals("ERROR", line.path("level").asText(), out);
            assertEquals("DURABILITY must be full or normal, got 'sometimes'", line.path("message").asText());
            assertEquals(2, line.path("exit_code").asInt());
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static JsonNode only(List<JsonNode> requests, String operation) {
        List<JsonNode> found = requests.stream().filter(r -> r.path("operation").asText().equals(operation)).toList();
        if (found.size() != 1) {
            fail("expected one " + operation + " request line, got " + found);
        }
        return found.get(0);
    }

    private static void awaitRequestLines(List<String> lines, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lines.stream().filter(l -> l.contains("\"cycles.request\"")).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
