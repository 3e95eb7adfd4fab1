package dev.cycles.admin.server.config;

import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RUNTIME_PORT: 7878 by default, a number or "off", never the admin port. */
class RuntimePortConfigTest {

    @Test
    void theRuntimePlaneListensOn7878ByDefaultAndCanBeMovedOrTurnedOff() {
        assertEquals(7878, Config.from(Map.of(), new String[0]).runtimePort());
        assertEquals(9000, Config.from(Map.of("RUNTIME_PORT", "9000"), new String[0]).runtimePort());
        assertEquals(9001, Config.from(Map.of("RUNTIME_PORT", "9000"), new String[]{"--runtime-port", "9001"}).runtimePort());
        Config off = Config.from(Map.of("RUNTIME_PORT", "OFF"), new String[0]);
        assertFalse(off.runtimeEnabled());
        assertTrue(Config.from(Map.of("RUNTIME_PORT", "0"), new String[0]).runtimeEnabled());
    }

    @Test
    void badRuntimePortsAreRefusedWithAReason() {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("RUNTIME_PORT", "seventy"), new String[0]));
        assertTrue(word.getMessage().contains("RUNTIME_PORT"), word.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("RUNTIME_PORT", "70000"), new String[0]));
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("PORT", "8000", "RUNTIME_PORT", "8000"), new String[0]));
        assertTrue(same.getMessage().contains("differ"), same.getMessage());
    }

    @Test
    void withTheRuntimeOffOnlyTheAdminPlaneListens() throws Exception {
        Config config = new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", Files.createTempDirectory("cycles-runtime-off"))
                .withRuntimePort(Config.RUNTIME_OFF);
        try (TestServer server = TestServer.start(config)) {
            assertEquals(-1, server.runtimePort());
            assertEquals(200, server.admin().get("/v1/admin/tenants").status());
        }
    }

    @Test
    void bothPlanesAnswerHealthAndEachKeepsItsOwnRoutes() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.runtimeUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> adminPathOnRuntime = http.send(HttpRequest.newBuilder(
                    URI.create(server.runtimeUrl() + "/v1/admin/tenants")).header("X-Admin-API-Key", TestServer.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, adminPathOnRuntime.statusCode(), "the admin API is not served on the runtime port");
            HttpResponse<String> runtimePathOnAdmin = http.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/v1/decide")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, runtimePathOnAdmin.statusCode(), "the runtime API is not served on the admin port");
            HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(server.runtimeUrl() + "/v1/decide")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, wrongMethod.statusCode());
            assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
        }
    }
}
