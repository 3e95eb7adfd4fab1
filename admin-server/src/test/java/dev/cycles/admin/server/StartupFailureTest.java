package dev.cycles.admin.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listeners start before the database is open; when the database then cannot be opened, the
 * start fails with the reason and leaves neither port taken, so the operator can fix it and start again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartupFailureTest {

    @Test
    void aDatabaseThatCannotBeOpenedFailsTheStartAndFreesBothPorts() throws Exception {
        Path dir = Files.createTempDirectory("cycles-bad-db");
        Files.writeString(dir.resolve("cycles-admin.db"), "this is not an SQLite database, it only has its name".repeat(200));
        int adminPort = freePort();
        int runtimePort = freePort();
        Config config = Config.from(Map.of("DATA_DIR", dir.toString(), "ADMIN_API_KEY", "startup-failure-test-key",
                "PORT", String.valueOf(adminPort), "RUNTIME_PORT", String.valueOf(runtimePort)), new String[0]);

        RuntimeException e = assertThrows(RuntimeException.class, () -> AdminServer.start(config));
        assertTrue(String.valueOf(e.getMessage()).contains("Cannot open database"), String.valueOf(e.getMessage()));

        assertPortFree(adminPort);
        assertPortFree(runtimePort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertPortFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(s.isBound());
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still taken after the failed start: " + e.getMessage(), e);
        }
    }
}
