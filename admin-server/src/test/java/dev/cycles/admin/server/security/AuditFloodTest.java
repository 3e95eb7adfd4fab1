package dev.cycles.admin.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.DatabaseFiles;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hole 2: keyless floods must cost the database little. Missing keys count as failures; past
 * the per-address limit refusals are summarised (one row with a count); stored texts are
 * bounded; invalid ids are never filed under a resource; a keyless request naming a budget does
 * not show in that budget's activity.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AuditFloodTest {
    static final int LIMIT = Config.DEFAULT_AUTH_FAILURE_LIMIT;
    static final int FLOOD = 10_000;

    @Test
    void tenThousandKeylessRequestsGrowTheDatabaseByLessThanFiveMegabytes() throws Exception {
        Path dir = Files.createTempDirectory("cycles-flood");
        // A clock that stands still keeps the whole flood in one throttle window, however slow the machine.
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        AdminServer server = AdminServer.start(TestServer.onTestStore(new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", dir)), frozen);
        String base = "http://127.0.0.1:" + server.port();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            Api.Res seeded = send(client, base, "POST", "/v1/admin/tenants", TestServer.ADMIN_KEY, "{\"tenant_id\":\"flood-co\",\"name\":\"F\"}");
            assertEquals(201, seeded.status(), seeded.body());
            long before = DatabaseFiles.bytes(dir);

            String longId = "x".repeat(15_000);
            int fiveHundreds = 0;
            int refused = 0;
            for (int i = 0; i < FLOOD; i++) {
                Api.Res r = switch (i % 3) {
                    case 0 -> send(client, base, "PATCH", "/v1/admin/tenants/" + longId, null, "{\"name\":\"n\"}");
                    case 1 -> send(client, base, "GET", "/v1/admin/tenants", null, null);
                    default -> send(client, base, "POST", "/v1/admin/budgets/fund?scope=tenant:flood-co&unit=TOKENS", null,
                            "{\"operation\":\"CREDIT\",\"amount\":5}");
                };
                if (r.status() >= 500) {
                    fiveHundreds++;
                }
                if (r.status() == 401 || r.status() == 429) {
                    refused++;
                }
                if (i < LIMIT) {
                    assertEquals(401, r.status(), r.body());
                } else {
                    assertEquals(429, r.status(), r.body());
                    assertEquals("LIMIT_EXCEEDED", r.error());
                }
            }
            assertEquals(0, fiveHundreds);
            assertEquals(FLOOD, refused);
            long growth = DatabaseFiles.bytes(dir) - before;
            assertTrue(growth < 5L * 1024 * 1024, "database grew by " + growth + " bytes");
        } finally {
            server.close();
        }

        try (Connection c = DatabaseFiles.connect(dir);
             Statement st = c.createStatement()) {
            assertEquals(LIMIT + 1, count(st, "SELECT COUNT(*) FROM audit_logs WHERE tenant_id = '__unauth__'"), dump(st));
            assertEquals(0, count(st, "SELECT COUNT(*) FROM audit_logs WHERE length(resource_id) > 512 OR length(user_agent) > 256"));
            assertEquals(0, count(st, "SELECT COUNT(*) FROM audit_logs WHERE tenant_id = '__unauth__' AND resource_id IS NOT NULL"));
            try (ResultSet rs = st.executeQuery("SELECT metadata, status, error_code, source_ip FROM audit_logs WHERE operation = 'refusedRequestsSummary'")) {
                assertTrue(rs.next(), "no summary row");
                JsonNode meta = dev.cycles.admin.model.Json.mapper().readTree(rs.getString(1));
                assertEquals(FLOOD - LIMIT, meta.path("refused_count").asLong(), meta.toString());
                assertEquals(429, rs.getInt(2));
                assertEquals("LIMIT_EXCEEDED", rs.getString(3));
                assertEquals("127.0.0.1", rs.getString(4));
                assertTrue(!rs.next(), "one summary row per address and window");
            }
        }
        TestServer.deleteTree(dir);
    }

    @Test
    void keylessReadsAreAuditedAndKeylessWritesNeverReachAResourcesActivity() {
        try (TestServer server = TestServer.start()) {
            Api admin = server.admin();
            Fixtures.tenant(admin, "quiet-co");
            assertEquals(201, admin.post("/v1/admin/budgets",
                    "{\"tenant_id\":\"quiet-co\",\"scope\":\"tenant:quiet-co\",\"unit\":\"TOKENS\",\"allocated\":10}").status());

            assertEquals(401, server.anonymous().get("/v1/admin/tenants").status());
            Api.Res unauth = admin.get("/v1/admin/audit/logs?tenant_id=__unauth__&operation=listTenants");
            assertEquals(1, unauth.json().path("logs").size(), unauth.body());

            Api.Res fund = server.anonymous().unchecked().send("POST", "/v1/admin/budgets/fund?scope=tenant:quiet-co&unit=TOKENS",
                    "{\"operation\":\"CREDIT\",\"amount\":5}", "application/json", "User-Agent", "evil-" + "u".repeat(600));
            assertEquals(401, fund.status(), fund.body());
            Api.Res activity = admin.get("/v1/admin/audit/logs?resource_id=tenant:quiet-co");
            for (JsonNode row : activity.json().path("logs")) {
                assertTrue(row.path("user_agent").asText().length() <= 256, row.toString());
                assertTrue(!row.path("user_agent").asText().startsWith("evil-"), "keyless request shows in the budget's activity: " + row);
            }
            Api.Res refusedFund = admin.get("/v1/admin/audit/logs?tenant_id=__unauth__&operation=fundBudget");
            JsonNode row = refusedFund.json().path("logs").get(0);
            assertEquals(256, row.path("user_agent").asText().length(), row.toString());
            assertNull(row.get("resource_id") == null || row.get("resource_id").isNull() ? null : row.get("resource_id").asText());

            // With the admin key, an id that cannot be a tenant id is not filed under any resource.
            Api.Res bad = admin.unchecked().patch("/v1/admin/tenants/" + "y".repeat(5_000), "{\"name\":\"n\"}");
            assertTrue(bad.status() == 400 || bad.status() == 404, bad.body());
            Api.Res rows = admin.get("/v1/admin/audit/logs?operation=updateTenant&status_min=400");
            JsonNode badRow = rows.json().path("logs").get(0);
            assertTrue(badRow.path("resource_id").isMissingNode() || badRow.path("resource_id").isNull(), badRow.toString());
        }
    }

    private static String dump(Statement st) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = st.executeQuery("SELECT operation, status, error_code, source_ip, metadata FROM audit_logs WHERE tenant_id = '__unauth__'")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append(' ').append(rs.getInt(2)).append(' ').append(rs.getString(3)).append(' ')
                        .append(rs.getString(4)).append(' ').append(rs.getString(5)).append('\n');
            }
        }
        return sb.toString();
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Api.Res send(HttpClient client, String base, String method, String path, String adminKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("User-Agent", "flood-" + "a".repeat(600));
        if (adminKey != null) {
            b.header("X-Admin-API-Key", adminKey);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Res(r.statusCode(), r.body(), r.headers());
    }
}
