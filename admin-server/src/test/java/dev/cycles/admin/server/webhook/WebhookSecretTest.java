package dev.cycles.admin.server.webhook;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing secrets and header values are shown once (secrets) or never (header values), and stored only encrypted. */
class WebhookSecretTest {
    static TestServer server;
    static Api admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void secretShownOnceHeadersMaskedNothingInClearOnDisk() throws IOException {
        Fixtures.tenant(admin, "sec-t");
        String chosenSecret = "my-own-signing-secret-0123456789";
        String headerValue = "Bearer tok_very_secret_header_value_42";
        Api.Res created = admin.post("/v1/admin/webhooks?tenant_id=sec-t", """
                {"url": "https://hooks.example.com/x", "event_types": ["budget.funded"], "signing_secret": "%s",
                 "headers": {"Authorization": "%s"}}""".formatted(chosenSecret, headerValue));
        assertEquals(201, created.status(), created.body());
        assertEquals(chosenSecret, created.text("signing_secret"));
        assertEquals("********", created.json().path("subscription").path("headers").path("Authorization").asText());
        assertFalse(created.body().contains(headerValue));
        String id = created.json().path("subscription").path("subscription_id").asText();

        Api.Res generated = admin.post("/v1/admin/webhooks", "{\"url\":\"https://hooks.example.com/y\",\"event_types\":[\"budget.funded\"]}");
        String generatedSecret = generated.text("signing_secret");
        assertTrue(generatedSecret.length() >= 40, generatedSecret);

        // Rotation: the PATCH answer echoes nothing secret.
        String rotated = "rotated-signing-secret-abcdefghijkl";
        Api.Res patch = admin.patch("/v1/admin/webhooks/" + id, "{\"signing_secret\":\"" + rotated + "\"}");
        assertEquals(200, patch.status(), patch.body());
        assertFalse(patch.body().contains(rotated));
        assertTrue(Rows.select(server, "events", "event_type = 'webhook.updated'").get(0).get("data").toString().contains("signing_secret"));

        List<String> secrets = List.of(chosenSecret, headerValue, generatedSecret, rotated);
        for (Api.Res r : List.of(admin.get("/v1/admin/webhooks/" + id), admin.get("/v1/admin/webhooks"), admin.get("/v1/webhooks?tenant=sec-t"),
                admin.get("/v1/admin/audit/logs"), admin.get("/v1/admin/overview"))) {
            for (String s : secrets) {
                assertFalse(r.body().contains(s), "secret in " + r.body());
            }
        }
        for (String table : List.of("webhook_subscriptions", "audit_logs", "events")) {
            for (Map<String, Object> row : Rows.select(server, table, null)) {
                for (String s : secrets) {
                    assertFalse(row.toString().contains(s), "secret in " + table + ": " + row);
                }
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(server.dataDir())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (String s : secrets) {
                assertFalse(contains(bytes, s.getBytes(StandardCharsets.UTF_8)), "secret in clear in " + f);
            }
        }
        Path keyFile = server.dataDir().resolve("webhook-secret.key");
        assertTrue(Files.exists(keyFile));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(keyFile));
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
