package dev.cycles.admin.server.reliability;

import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A burst of wrong keys from one address is refused with 429; other addresses are untouched. */
class AuthThrottleTest {

    @Test
    void burstOfWrongKeysIsThrottledPerAddress() throws Exception {
        Config config = new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", Files.createTempDirectory("cycles-throttle"))
                .withAuthFailureLimit(5);
        try (TestServer server = TestServer.start(config)) {
            Api wrong = server.admin().withKey("X-Admin-API-Key", "not-the-key");
            for (int i = 0; i < 5; i++) {
                Api.Res r = wrong.get("/v1/admin/tenants");
                assertEquals(401, r.status(), r.body());
                assertEquals("UNAUTHORIZED", r.error());
            }
            Api.Res throttled = wrong.unchecked().get("/v1/admin/tenants");
            assertEquals(429, throttled.status(), throttled.body());
            assertEquals("LIMIT_EXCEEDED", throttled.error());
            assertNotNull(throttled.header("Retry-After"));
            assertTrue(Long.parseLong(throttled.header("Retry-After")) >= 1);

            // Valid credentials from the same address are served: only failing requests are throttled.
            assertEquals(200, server.admin().get("/v1/admin/tenants").status());

            // A missing key is a failure like a wrong one.
            assertEquals(429, server.anonymous().unchecked().get("/v1/admin/tenants").status());

            // Another client address (127.0.0.2 on the loopback) is served normally.
            String answer = rawGet(server.port(), "/v1/admin/tenants", TestServer.ADMIN_KEY);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    /** A plain HTTP/1.1 GET sent from 127.0.0.2, which java.net.http cannot choose. */
    static String rawGet(int port, String path, String adminKey) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName("127.0.0.2"), 0)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Admin-API-Key: " + adminKey
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
