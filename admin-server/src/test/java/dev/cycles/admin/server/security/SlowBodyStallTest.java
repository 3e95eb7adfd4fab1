package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.RawHttp;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hole 1: keyless requests that announce a 4 MB body and then trickle it must not hold server
 * threads. They are answered 401 without their body being read, and the server keeps answering
 * everyone else while 200 of them are open.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowBodyStallTest extends ServerTest {

    @Test
    void keylessSlowBodiesAreRefusedWithoutReadingAndDoNotStallOthers() throws Exception {
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                slow.add(new RawHttp(server.port(), 5_000)
                        .head("POST /v1/admin/tenants HTTP/1.1", "Content-Type: application/json", "Content-Length: 4000000")
                        .send("{"));
            }
            // A client with a deadline: a stalled server fails these calls instead of hanging the test.
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : List.of("/health", "/v1/admin/tenants")) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("X-Admin-API-Key", TestServer.ADMIN_KEY).timeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path + ": " + r.body());
            }
            // Each slow sender got its answer without sending the rest of its body.
            for (RawHttp s : slow) {
                RawHttp.Response r = s.readResponse();
                assertEquals(401, r.status(), r.toString());
                assertTrue(r.body().contains("\"UNAUTHORIZED\""), r.body());
            }
        } finally {
            slow.forEach(RawHttp::close);
        }
    }

    @Test
    void anAuthenticatedSenderThatStopsSendingIsCutOff() throws Exception {
        try (RawHttp s = new RawHttp(server.port(), 60_000)) {
            s.head("POST /v1/admin/tenants HTTP/1.1", "Content-Type: application/json", "Content-Length: 1000",
                    "X-Admin-API-Key: " + TestServer.ADMIN_KEY).send("{\"tenant_id\":");
            RawHttp.Response r = s.readResponse();
            // The body read times out: 408 with a JSON error, and no tenant was created.
            assertEquals(408, r.status(), r.toString());
            assertTrue(r.body().contains("\"INVALID_REQUEST\""), r.body());
        }
        Api.Res list = server.admin().get("/v1/admin/tenants");
        assertEquals(0, list.json().path("tenants").size(), list.body());
    }

    @Test
    void anAuthenticatedSenderThatTricklesIsCutOff() throws Exception {
        try (RawHttp s = new RawHttp(server.port(), 60_000)) {
            s.head("POST /v1/admin/tenants HTTP/1.1", "Content-Type: application/json", "Content-Length: 1000",
                    "X-Admin-API-Key: " + TestServer.ADMIN_KEY);
            // One byte a second: never idle long enough for the idle timeout, far below the minimum rate.
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        s.send(" ");
                        Thread.sleep(1_000);
                    }
                } catch (Exception closedByServer) {
                    // the server cut the request off
                }
            });
            writer.setDaemon(true);
            writer.start();
            RawHttp.Response r = s.readResponse();
            assertEquals(408, r.status(), r.toString());
            assertTrue(r.body().contains("too slowly"), r.body());
        }
    }
}
