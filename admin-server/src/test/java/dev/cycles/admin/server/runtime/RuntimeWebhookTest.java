package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestServer;
import dev.cycles.admin.server.webhook.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runtime events reach the same webhooks as admin events: signed, with the request's trace id. */
class RuntimeWebhookTest {
    record Received(String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer receiver;
    TestServer server;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(new String(body, StandardCharsets.UTF_8), Map.copyOf(ex.getRequestHeaders())));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        server = TestServer.start();
        assertEquals(200, server.admin().put("/v1/admin/config/webhook-security", "{\"blocked_cidr_ranges\":[],\"allow_http\":true}").status());
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        server.close();
    }

    @Test
    void aDeniedReserveAndAnExhaustedBudgetAreDeliveredSigned() throws Exception {
        Api admin = server.admin();
        Fixtures.tenant(admin, "hooked");
        String secret = Fixtures.key(admin, "hooked", "[\"reservations:create\",\"reservations:commit\"]");
        assertEquals(201, admin.post("/v1/admin/budgets", "{\"tenant_id\":\"hooked\",\"scope\":\"tenant:hooked\",\"unit\":\"TOKENS\","
                + "\"allocated\":{\"unit\":\"TOKENS\",\"amount\":100}}").status());
        Api.Res sub = admin.post("/v1/admin/webhooks?tenant_id=hooked", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook\",\"event_types\":[\"reservation.denied\",\"budget.exhausted\"]}");
        assertEquals(201, sub.status(), sub.body());
        String signing = sub.json().path("signing_secret").asText();

        Api runtime = server.runtime(secret);
        Api.Res denied = runtime.post("/v1/reservations", reserve("too-much", 500));
        assertEquals(409, denied.status(), denied.body());
        assertEquals("BUDGET_EXCEEDED", denied.json().path("error").asText());
        Api.Res held = runtime.post("/v1/reservations", reserve("all-of-it", 100));
        assertEquals(200, held.status(), held.body());

        await("two deliveries", () -> received.size() == 2);
        Map<String, Received> byType = Map.of(received.get(0).header("X-Cycles-Event-Type"), received.get(0),
                received.get(1).header("X-Cycles-Event-Type"), received.get(1));
        Received deniedHook = byType.get("reservation.denied");
        JsonNode deniedEvent = Json.mapper().readTree(deniedHook.body());
        assertEquals("BUDGET_EXCEEDED", deniedEvent.path("data").path("reason_code").asText());
        assertEquals(500, deniedEvent.path("data").path("requested_amount").asLong());
        assertEquals(denied.header("X-Cycles-Trace-Id"), deniedHook.header("X-Cycles-Trace-Id"));
        assertEquals("sha256=" + WebhookSender.sign(deniedHook.body().getBytes(StandardCharsets.UTF_8), signing),
                deniedHook.header("X-Cycles-Signature"));
        JsonNode exhausted = Json.mapper().readTree(byType.get("budget.exhausted").body());
        assertEquals("tenant:hooked", exhausted.path("data").path("scope").asText());
        assertEquals(0, exhausted.path("data").path("remaining").asLong());
        assertEquals(100, exhausted.path("data").path("reserved").asLong());
    }

    private static String reserve(String key, long amount) {
        return "{\"idempotency_key\":\"" + key + "\",\"subject\":{\"tenant\":\"hooked\",\"agent\":\"a1\"},"
                + "\"action\":{\"kind\":\"llm.completion\",\"name\":\"m\"},\"estimate\":{\"unit\":\"TOKENS\",\"amount\":" + amount + "}}";
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
