package dev.cycles.admin.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deliveries to a real receiver on loopback (let through by the security config), with time moved by hand. */
class WebhookDeliveryTest {
    record Received(String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(200);
    /** Run by the receiver while it holds a delivery's request, before it answers. */
    final java.util.concurrent.atomic.AtomicReference<Runnable> whileSending = new java.util.concurrent.atomic.AtomicReference<>(() -> { });
    HttpServer receiver;
    MutableClock clock;
    TestServer server;
    Api admin;
    Path dir;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(new String(body, java.nio.charset.StandardCharsets.UTF_8), Map.copyOf(ex.getRequestHeaders())));
            whileSending.get().run();
            ex.sendResponseHeaders(answer.get(), -1);
            ex.close();
        });
        receiver.start();
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        dir = Files.createTempDirectory("cycles-webhook-delivery");
        server = TestServer.start(dir, clock);
        admin = server.admin();
        Api.Res cfg = admin.put("/v1/admin/config/webhook-security", "{\"blocked_cidr_ranges\":[],\"allow_http\":true}");
        assertEquals(200, cfg.status(), cfg.body());
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        if (server != null) {
            server.close();
        }
        TestServer.deleteTree(dir);
    }

    String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    JsonNode subscribe(String tenant, String extra) {
        Api.Res r = admin.post("/v1/admin/webhooks?tenant_id=" + tenant, "{\"url\":\"" + url() + "\",\"event_types\":[\"tenant.updated\"]"
                + extra + "}");
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    void touchTenant(String tenant, String name) {
        assertEquals(200, admin.patch("/v1/admin/tenants/" + tenant, "{\"name\":\"" + name + "\"}").status());
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    int attempts(String subscriptionId) {
        Object n = delivery(subscriptionId).get("attempts");
        return n == null ? 0 : ((Number) n).intValue();
    }

    Map<String, Object> delivery(String subscriptionId) {
        List<Map<String, Object>> rows = Rows.select(server, "webhook_deliveries", "subscription_id = ?", subscriptionId);
        return rows.isEmpty() ? Map.of() : rows.get(rows.size() - 1);
    }

    @Test
    void signedDeliveryWithHeadersThenListedWithItsAttempt() throws Exception {
        Fixtures.tenant(admin, "d-a");
        JsonNode created = subscribe("d-a", ",\"headers\":{\"Authorization\":\"Bearer abc\"}");
        String secret = created.path("signing_secret").asText();
        String id = created.path("subscription").path("subscription_id").asText();
        Api.Res change = admin.patch("/v1/admin/tenants/d-a", "{\"name\":\"renamed\"}");
        await("a delivery", () -> received.size() == 1 && "SUCCESS".equals(delivery(id).get("status")));

        Received r = received.get(0);
        assertEquals("sha256=" + WebhookSender.sign(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), secret),
                r.header("X-Cycles-Signature"));
        JsonNode event = Json.mapper().readTree(r.body());
        assertEquals("tenant.updated", event.path("event_type").asText());
        assertEquals(event.path("event_id").asText(), r.header("X-Cycles-Event-Id"));
        assertEquals("tenant.updated", r.header("X-Cycles-Event-Type"));
        assertEquals(change.header("X-Cycles-Trace-Id"), r.header("X-Cycles-Trace-Id"));
        assertTrue(r.header("traceparent").matches("00-" + change.header("X-Cycles-Trace-Id") + "-[0-9a-f]{16}-01"), r.header("traceparent"));
        assertEquals("application/json", r.header("Content-Type"));
        assertTrue(r.header("User-Agent").startsWith("cycles-admin/"));
        assertEquals("Bearer abc", r.header("Authorization"));

        Api.Res list = admin.get("/v1/admin/webhooks/" + id + "/deliveries");
        assertEquals(200, list.status(), list.body());
        JsonNode d = list.json().path("deliveries").get(0);
        assertEquals("SUCCESS", d.path("status").asText());
        assertEquals(1, d.path("attempts").asInt());
        assertEquals(200, d.path("response_status").asInt());
        assertEquals(change.header("X-Cycles-Trace-Id"), d.path("trace_id").asText());
        assertEquals(1, admin.get("/v1/webhooks/" + id + "/deliveries?status=SUCCESS").json().path("deliveries").size());
        assertEquals(0, admin.get("/v1/admin/webhooks/" + id + "/deliveries?status=FAILED").json().path("deliveries").size());
        assertNotNull(admin.get("/v1/admin/webhooks/" + id).json().get("last_success_at"));

        // The test probe: synchronous, signed, a 200 even when the receiver refuses.
        Api.Res test = admin.post("/v1/admin/webhooks/" + id + "/test", null);
        assertEquals(200, test.status(), test.body());
        assertTrue(test.json().path("success").asBoolean());
        Received probe = received.get(received.size() - 1);
        assertEquals("system.webhook_test", probe.header("X-Cycles-Event-Type"));
        answer.set(503);
        Api.Res failedTest = admin.post("/v1/webhooks/" + id + "/test", null);
        assertEquals(200, failedTest.status());
        assertFalse(failedTest.json().path("success").asBoolean());
        assertEquals(503, failedTest.json().path("response_status").asInt());
        assertEquals(0, admin.get("/v1/admin/webhooks/" + id).json().path("consecutive_failures").asInt(), "tests do not count");

        // Replay: the window's event is queued again as a new delivery.
        answer.set(200);
        int before = received.size();
        Api.Res replay = admin.post("/v1/admin/webhooks/" + id + "/replay", "{\"from\":\"2026-03-01T09:00:00Z\",\"to\":\"2026-03-01T11:00:00Z\"}");
        assertEquals(202, replay.status(), replay.body());
        assertEquals(1, replay.json().path("events_queued").asInt());
        await("the replayed delivery", () -> received.size() == before + 1);
        assertEquals(event.path("event_id").asText(), received.get(received.size() - 1).header("X-Cycles-Event-Id"));
        assertEquals(400, admin.post("/v1/admin/webhooks/" + id + "/replay", "{\"from\":\"2026-03-02T09:00:00Z\",\"to\":\"2026-03-01T09:00:00Z\"}").status());
    }

    @Test
    void retriesFollowThePolicyThenFailAndAutoDisable() {
        Fixtures.tenant(admin, "d-b");
        answer.set(500);
        String id = subscribe("d-b", ",\"retry_policy\":{\"max_retries\":2,\"initial_delay_ms\":1000,\"backoff_multiplier\":3.0},"
                + "\"disable_after_failures\":1").path("subscription").path("subscription_id").asText();
        touchTenant("d-b", "one");
        await("first attempt", () -> "RETRYING".equals(delivery(id).get("status")) && received.size() == 1);
        assertEquals(clock.instant().plusMillis(1000).toEpochMilli(), ((Number) delivery(id).get("next_attempt_at")).longValue());
        clock.advance(Duration.ofMillis(999));
        sleepQuietly(400);
        assertEquals(1, received.size(), "not before the delay");
        clock.advance(Duration.ofMillis(1));
        await("second attempt", () -> received.size() == 2 && ((Number) delivery(id).get("attempts")).intValue() == 2);
        assertEquals(clock.instant().plusMillis(3000).toEpochMilli(), ((Number) delivery(id).get("next_attempt_at")).longValue(), "1 s x 3");
        clock.advance(Duration.ofMillis(3000));
        await("third attempt and FAILED", () -> "FAILED".equals(delivery(id).get("status")));
        assertEquals(3, received.size());
        assertEquals(3, Rows.count(server, "webhook_delivery_attempts", "delivery_id = ?", delivery(id).get("delivery_id")));
        assertEquals(1, Rows.count(server, "events", "event_type = 'system.webhook_delivery_failed' AND data LIKE ?", "%" + id + "%"));
        JsonNode sub = admin.get("/v1/admin/webhooks/" + id).json();
        assertEquals(1, sub.path("consecutive_failures").asInt());
        assertEquals("ACTIVE", sub.path("status").asText(), "1 failure does not exceed disable_after_failures = 1");

        touchTenant("d-b", "two");
        // Wait until the worker has recorded each attempt (and so scheduled the retry) before moving the clock.
        await("first attempt of the second delivery", () -> received.size() == 4 && attempts(id) == 1
                && "RETRYING".equals(delivery(id).get("status")));
        clock.advance(Duration.ofMillis(1000));
        await("retry", () -> received.size() == 5 && attempts(id) == 2 && "RETRYING".equals(delivery(id).get("status")));
        clock.advance(Duration.ofMillis(3000));
        await("auto-disable", () -> "DISABLED".equals(admin.get("/v1/admin/webhooks/" + id).json().path("status").asText()));
        List<Map<String, Object>> disabled = Rows.select(server, "events", "event_type = 'webhook.disabled' AND data LIKE ?", "%" + id + "%");
        assertEquals(1, disabled.size());
        assertTrue(String.valueOf(disabled.get(0).get("data")).contains("consecutive_failures_exceeded_threshold"));
        assertTrue(String.valueOf(disabled.get(0).get("correlation_id")).startsWith("webhook_auto_disable:" + id + ":"));
        // A DISABLED subscription gets nothing new; PATCH status ACTIVE re-enables and resets the count.
        assertEquals(6, received.size(), "three attempts of each delivery");
        touchTenant("d-b", "three");
        sleepQuietly(300);
        assertEquals(6, received.size());
        assertEquals(0, Rows.count(server, "webhook_deliveries", "subscription_id = ? AND status <> 'FAILED'", id));
        JsonNode resumed = admin.patch("/v1/admin/webhooks/" + id, "{\"status\":\"ACTIVE\"}").json();
        assertEquals(0, resumed.path("consecutive_failures").asInt());
    }

    @Test
    void aSecondReplayWhileTheFirstIsStillBeingDeliveredIs409() {
        Fixtures.tenant(admin, "d-r");
        String id = subscribe("d-r", ",\"retry_policy\":{\"initial_delay_ms\":60000}").path("subscription").path("subscription_id").asText();
        touchTenant("d-r", "one");
        await("the live delivery", () -> "SUCCESS".equals(delivery(id).get("status")));
        // The receiver now fails, and the replayed delivery waits a minute (by the clock) for its retry.
        answer.set(500);
        String window = "{\"from\":\"" + clock.instant().minusSeconds(3600) + "\"}";
        Api.Res first = admin.post("/v1/admin/webhooks/" + id + "/replay", window);
        assertEquals(202, first.status(), first.body());
        await("the replay's first attempt", () -> "RETRYING".equals(delivery(id).get("status")));
        Api.Res second = admin.post("/v1/admin/webhooks/" + id + "/replay", window);
        assertEquals(409, second.status(), second.body());
        assertEquals("REPLAY_IN_PROGRESS", second.error());
        answer.set(200);
        clock.advance(Duration.ofSeconds(61));
        await("the replay delivered", () -> "SUCCESS".equals(delivery(id).get("status")));
        assertEquals(202, admin.post("/v1/admin/webhooks/" + id + "/replay", window).status(), "a finished replay frees the subscription");
    }

    @Test
    void aBurstOfEventsIsDeliveredExactlyOnceEach() {
        Fixtures.tenant(admin, "d-burst");
        String id = subscribe("d-burst", "").path("subscription").path("subscription_id").asText();
        for (int i = 0; i < 60; i++) {
            touchTenant("d-burst", "n" + i);
        }
        await("60 deliveries", () -> Rows.count(server, "webhook_deliveries", "subscription_id = ? AND status = 'SUCCESS'", id) == 60);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Received r : received) {
            assertTrue(ids.add(r.header("X-Cycles-Event-Id")), "delivered twice: " + r.header("X-Cycles-Event-Id"));
        }
        assertEquals(60, ids.size());
        assertEquals(60, Rows.count(server, "webhook_delivery_attempts",
                "delivery_id IN (SELECT delivery_id FROM webhook_deliveries WHERE subscription_id = ?)", id));
    }

    @Test
    void anInboundTraceparentsTraceAndFlagsAreCarriedToTheReceiver() {
        Fixtures.tenant(admin, "d-trace");
        String id = subscribe("d-trace", "").path("subscription").path("subscription_id").asText();
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Res change = admin.send("PATCH", "/v1/admin/tenants/d-trace", "{\"name\":\"traced\"}", "application/json",
                "traceparent", "00-" + trace + "-00f067aa0ba902b7-00");
        assertEquals(200, change.status(), change.body());
        assertEquals(trace, change.header("X-Cycles-Trace-Id"));
        await("the delivery", () -> "SUCCESS".equals(delivery(id).get("status")));
        Received r = received.get(received.size() - 1);
        assertTrue(r.header("traceparent").matches("00-" + trace + "-[0-9a-f]{16}-00"), r.header("traceparent"));
        JsonNode d = admin.get("/v1/admin/webhooks/" + id + "/deliveries").json().path("deliveries").get(0);
        assertEquals("00", d.path("trace_flags").asText());
        assertTrue(d.path("traceparent_inbound_valid").asBoolean());
    }

    @Test
    void aReceiverThatHangsDoesNotStarveTheOthers() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger slowCalls = new AtomicInteger();
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.createContext("/hook", ex -> {
            slowCalls.incrementAndGet();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        slow.start();
        try {
            Fixtures.tenant(admin, "d-slow");
            Api.Res stuck = admin.post("/v1/admin/webhooks?tenant_id=d-slow", "{\"url\":\"http://127.0.0.1:"
                    + slow.getAddress().getPort() + "/hook\",\"event_types\":[\"tenant.updated\"]}");
            assertEquals(201, stuck.status(), stuck.body());
            String fast = subscribe("d-slow", "").path("subscription").path("subscription_id").asText();
            for (int i = 0; i < 10; i++) {
                touchTenant("d-slow", "n" + i);
            }
            // While the hanging receiver holds its deliveries open, the other subscription gets all ten.
            await("ten deliveries to the answering receiver", () ->
                    Rows.count(server, "webhook_deliveries", "subscription_id = ? AND status = 'SUCCESS'", fast) == 10);
            await("the hanging receiver to be called", () -> slowCalls.get() >= 1);
            assertEquals(0, Rows.count(server, "webhook_deliveries", "subscription_id = ? AND status = 'SUCCESS'",
                    stuck.json().path("subscription").path("subscription_id").asText()), "it never answered");
        } finally {
            release.countDown();
            slow.stop(0);
        }
    }

    @Test
    void pendingDeliveriesSurviveARestart() {
        Fixtures.tenant(admin, "d-c");
        answer.set(500);
        String id = subscribe("d-c", ",\"retry_policy\":{\"initial_delay_ms\":60000}").path("subscription").path("subscription_id").asText();
        touchTenant("d-c", "before-restart");
        await("first attempt", () -> "RETRYING".equals(delivery(id).get("status")));
        server.stop();
        answer.set(200);
        clock.advance(Duration.ofSeconds(61));
        server = TestServer.start(dir, clock);
        admin = server.admin();
        await("delivered after the restart", () -> "SUCCESS".equals(delivery(id).get("status")));
        assertEquals(2, received.size());
        assertEquals(received.get(0).header("X-Cycles-Event-Id"), received.get(1).header("X-Cycles-Event-Id"));
    }

    @Test
    void aDeliveryLeasedByAnotherServerWaitsForTheLeaseToRunOut() {
        Fixtures.tenant(admin, "d-lease");
        answer.set(500);
        String id = subscribe("d-lease", ",\"retry_policy\":{\"max_retries\":3,\"initial_delay_ms\":1000,\"backoff_multiplier\":1.0}")
                .path("subscription").path("subscription_id").asText();
        touchTenant("d-lease", "one");
        await("first attempt", () -> "RETRYING".equals(delivery(id).get("status")) && received.size() == 1);
        assertEquals(null, delivery(id).get("lease_owner"), "an attempt's end gives its lease back");
        answer.set(200);
        // another server (sharing this database) has claimed the retry for 30 s from now
        long until = clock.instant().plusSeconds(DeliveryWorker.LEASE_SECONDS).toEpochMilli();
        assertEquals(1, (int) server.db().write(c -> dev.cycles.admin.server.db.Sql.update(c,
                "UPDATE webhook_deliveries SET lease_owner = 'other-host:1', lease_until = ? WHERE subscription_id = ?", until, id)));

        clock.advance(Duration.ofMillis(1000));
        sleepQuietly(600);
        assertEquals(1, received.size(), "due, but another server holds it");
        assertEquals("RETRYING", delivery(id).get("status"));

        clock.advance(Duration.ofSeconds(DeliveryWorker.LEASE_SECONDS));
        await("the delivery once the lease ran out", () -> "SUCCESS".equals(delivery(id).get("status")));
        assertEquals(2, received.size());
        assertEquals(null, delivery(id).get("lease_owner"));
        assertEquals(null, delivery(id).get("lease_until"));
    }

    @Test
    void aServerWhoseLeaseRanOutMidSendLeavesTheDeliveryToItsNewOwner() {
        Fixtures.tenant(admin, "d-lost");
        String id = subscribe("d-lost", "").path("subscription").path("subscription_id").asText();
        long until = clock.instant().plusSeconds(600).toEpochMilli();
        // While this server's request is on the wire, its lease runs out and another server claims the row.
        whileSending.set(() -> server.db().write(c -> dev.cycles.admin.server.db.Sql.update(c,
                "UPDATE webhook_deliveries SET lease_owner = 'other-host:1', lease_until = ? WHERE subscription_id = ?", until, id)));
        touchTenant("d-lost", "one");
        await("the send", () -> received.size() == 1);
        sleepQuietly(500);

        Map<String, Object> row = delivery(id);
        assertEquals("PENDING", row.get("status"), "the new owner's attempt decides the outcome");
        assertEquals("other-host:1", row.get("lease_owner"));
        assertEquals(0, Rows.count(server, "webhook_delivery_attempts", "delivery_id = ?", row.get("delivery_id")),
                "no attempt recorded by a server that no longer held the lease");
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
