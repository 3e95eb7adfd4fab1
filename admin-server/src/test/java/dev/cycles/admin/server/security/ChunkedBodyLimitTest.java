package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.RawHttp;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hole 4: a chunked body has no Content-Length to check up front. The server must stop reading
 * at 1 MiB and answer 413, not buffer 120 MB first.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChunkedBodyLimitTest extends ServerTest {
    static final long TOTAL = 120L * 1024 * 1024;
    static final long PAUSE_AT = 4L * 1024 * 1024;

    @Test
    void endlessChunkedBodyGets413AfterOneMebibyte() throws Exception {
        AtomicLong sent = new AtomicLong();
        long sentWhenAnswered;
        try (RawHttp s = new RawHttp(server.port(), 30_000)) {
            s.head("POST /v1/admin/tenants HTTP/1.1", "Content-Type: application/json", "Transfer-Encoding: chunked",
                    "X-Admin-API-Key: " + TestServer.ADMIN_KEY);
            byte[] data = new byte[64 * 1024];
            Arrays.fill(data, (byte) ' ');
            byte[] chunk = concat((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), data, "\r\n".getBytes(StandardCharsets.US_ASCII));
            CountDownLatch answered = new CountDownLatch(1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    while (sent.get() < TOTAL) {
                        if (sent.get() == PAUSE_AT) {
                            // A server that waits for the whole body would not answer during this pause.
                            answered.await(10, TimeUnit.SECONDS);
                        }
                        s.send(chunk);
                        sent.addAndGet(data.length);
                    }
                    s.send("0\r\n\r\n");
                } catch (IOException closedByServer) {
                    // the server may close once it has answered
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            RawHttp.Response r = s.readResponse();
            sentWhenAnswered = sent.get();
            answered.countDown();
            assertEquals(413, r.status(), r.toString());
            assertTrue(r.body().contains("\"INVALID_REQUEST\""), r.body());
            writer.get(60, TimeUnit.SECONDS);
        }
        assertTrue(sentWhenAnswered <= PAUSE_AT, "the server answered only after " + sentWhenAnswered + " bytes");
        assertEquals(200, server.admin().get("/health").status());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
