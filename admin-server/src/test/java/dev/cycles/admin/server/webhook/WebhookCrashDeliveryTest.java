package dev.cycles.admin.server.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ChildServer;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestClient;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * At-least-once across a crash: the server is killed (SIGKILL) while a delivery is on the wire,
 * and the delivery is sent again by the next server over the same data folder.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebhookCrashDeliveryTest {

    @Test
    void aDeliveryInFlightWhenTheServerIsKilledIsSentAfterRestart() throws Exception {
        List<String> eventIds = new CopyOnWriteArrayList<>();
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            eventIds.add(ex.getRequestHeaders().getFirst("X-Cycles-Event-Id"));
            if (eventIds.size() == 1) {
                // Hold the first delivery open: the sender is mid-request when the server dies.
                firstArrived.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        Path dir = Files.createTempDirectory("cycles-webhook-crash");
        // A short lease: on PostgreSQL the restarted server does not drop the killed one's lease
        // (another server might hold it), so the delivery waits for the lease to run out.
        Process child = ChildServer.start(dir, "-D" + DeliveryWorker.LEASE_PROPERTY + "=3");
        try {
            Api admin = new TestClient("http://127.0.0.1:" + ChildServer.awaitPort(child)).admin();
            assertEquals(200, admin.put("/v1/admin/config/webhook-security", "{\"blocked_cidr_ranges\":[],\"allow_http\":true}").status());
            assertEquals(201, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"crash-co\",\"name\":\"C\"}").status());
            Api.Res sub = admin.post("/v1/admin/webhooks?tenant_id=crash-co", "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\",\"event_types\":[\"tenant.updated\"]}");
            assertEquals(201, sub.status(), sub.body());
            assertEquals(200, admin.patch("/v1/admin/tenants/crash-co", "{\"name\":\"Crash Co\"}").status());
            assertEquals(true, firstArrived.await(30, TimeUnit.SECONDS), "the delivery never reached the receiver");

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            release.countDown();

            try (TestServer restarted = TestServer.start(dir)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (Rows.count(restarted, "webhook_deliveries", "status = 'SUCCESS'") < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(1, Rows.count(restarted, "webhook_deliveries", "status = 'SUCCESS'"));
                assertEquals(2, eventIds.size(), "sent before the crash and again after it");
                assertEquals(eventIds.get(0), eventIds.get(1), "the same event, for the receiver to dedupe");
            }
        } finally {
            child.destroyForcibly();
            receiver.stop(0);
            TestServer.deleteTree(dir);
        }
    }
}
