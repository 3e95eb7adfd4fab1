package dev.cycles.admin.console.client;

import dev.cycles.admin.console.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminClientTest {
    @TempDir
    Path dir;

    @Test
    void mapsErrorResponsesToOneExceptionType() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            AdminApiException e = assertThrows(AdminApiException.class, () -> server.client().getTenant("nope"));
            assertEquals(404, e.status());
            assertEquals("TENANT_NOT_FOUND", e.code());
            assertNotNull(e.requestId());
            AdminApiException auth = assertThrows(AdminApiException.class,
                    () -> new AdminClient(server.url(), "bad").introspect());
            assertEquals("UNAUTHORIZED", auth.code());
            assertEquals("admin", server.client().introspect().authType());
        }
    }

    @Test
    void unreachableServerIsAConnectionError() {
        AdminApiException e = assertThrows(AdminApiException.class, () -> new AdminClient("http://127.0.0.1:1", "k").introspect());
        assertEquals("CONNECTION_FAILED", e.code());
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("127.0.0.1:1"));
    }
}
