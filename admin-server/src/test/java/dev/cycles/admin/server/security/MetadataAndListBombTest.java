package dev.cycles.admin.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestClient;
import dev.cycles.admin.server.support.ChildServer;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hole 3: budgets with ~1 MiB of metadata each made GET /v1/admin/budgets answer 500 (out of
 * memory in a 96 MiB server) on every call, and closing the tenant fail; policies with 1,000
 * 256-character tools did the same to the policy list. Now every free-form field has a cap (400
 * naming the field), lists never parse what they do not return, pages are bounded in bytes, and
 * no stored row, however big or unreadable, makes a list or the close cascade fail.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MetadataAndListBombTest {

    /** About 1 MiB of JSON that parses into ~350,000 objects: the worst shape per byte. */
    static String metadataBomb() {
        StringBuilder b = new StringBuilder(1_050_000).append("{\"a\":[");
        for (int i = 0; i < 349_000; i++) {
            b.append(i == 0 ? "{}" : ",{}");
        }
        return b.append("]}").toString();
    }

    /** 1,000 tools of 256 characters in each list: what the old caps allowed. */
    static String toolBomb(int salt) {
        StringBuilder tools = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            String t = String.format("%05d-%03d-", salt, i);
            tools.append(i == 0 ? "" : ",").append('"').append(t).append("x".repeat(256 - t.length())).append('"');
        }
        tools.append(']');
        return "{\"tool_allowlist\":" + tools + ",\"tool_denylist\":" + tools + "}";
    }

    /** Writes the hostile rows a server without caps could have stored (and two unreadable ones). */
    static void plantBombs(TestServer server, String tenant) {
        Api admin = server.admin();
        Fixtures.tenant(admin, tenant);
        for (int i = 0; i < 12; i++) {
            Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenant + "\",\"scope\":\"tenant:" + tenant + "/agent:a" + i
                    + "\",\"unit\":\"TOKENS\",\"allocated\":" + (100 + i) + "}");
            assertEquals(201, r.status(), r.body());
        }
        for (int i = 0; i < 60; i++) {
            Api.Res r = admin.post("/v1/admin/policies", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"p" + i
                    + "\",\"scope_pattern\":\"tenant:" + tenant + "/agent:a" + i + "\"}");
            assertEquals(201, r.status(), r.body());
        }
        Fixtures.key(admin, tenant, "[\"budgets:read\"]");
        String bomb = metadataBomb();
        server.db().write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE budgets SET metadata = ? WHERE tenant_id = ?")) {
                p.setString(1, bomb);
                p.setString(2, tenant);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE budgets SET metadata = '{not json' WHERE scope = ?")) {
                p.setString(1, "tenant:" + tenant + "/agent:a11");
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE policies SET caps = ? WHERE policy_id = ?")) {
                try (var rs = c.createStatement().executeQuery("SELECT policy_id FROM policies WHERE tenant_id = '" + tenant + "'")) {
                    int i = 0;
                    while (rs.next()) {
                        p.setString(1, i == 59 ? "[unreadable" : toolBomb(i));
                        p.setString(2, rs.getString(1));
                        p.executeUpdate();
                        i++;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE api_keys SET metadata = ? WHERE tenant_id = ?")) {
                p.setString(1, bomb);
                p.setString(2, tenant);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The lists and the close cascade answer without a 5xx, and the tenant ends CLOSED with everything closed. */
    static void assertServerCopes(Api admin, String tenant) {
        for (String q : new String[]{"?limit=5", "", "?limit=100", "?tenant_id=" + tenant + "&limit=5"}) {
            Api.Res r = admin.get("/v1/admin/budgets" + q);
            assertEquals(200, r.status(), "budgets" + q + " -> " + r);
        }
        Api.Res five = admin.get("/v1/admin/budgets?tenant_id=" + tenant + "&limit=5&sort_by=scope&sort_dir=asc");
        assertEquals(5, five.json().path("ledgers").size());
        assertEquals(tenant, five.json().path("ledgers").get(0).path("tenant_id").asText());
        Set<String> policyIds = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Res r = admin.get("/v1/admin/policies?tenant_id=" + tenant + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.status(), "policies -> " + r);
            for (JsonNode p : r.json().path("policies")) {
                assertTrue(policyIds.add(p.path("policy_id").asText()), "no policy twice");
            }
            cursor = r.json().path("next_cursor").isTextual() ? r.json().path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 100);
        assertEquals(60, policyIds.size(), "every policy is listed, page by page");
        Api.Res limited = admin.get("/v1/admin/policies?tenant_id=" + tenant + "&limit=5");
        assertEquals(200, limited.status(), limited.toString());
        assertTrue(limited.json().path("policies").size() >= 1 && limited.json().path("policies").size() <= 5);
        Api.Res keys = admin.get("/v1/admin/api-keys?tenant_id=" + tenant + "&limit=5");
        assertEquals(200, keys.status(), keys.toString());
        assertEquals(200, admin.get("/v1/admin/tenants?limit=5").status());

        Api.Res close = admin.patch("/v1/admin/tenants/" + tenant, "{\"status\":\"CLOSED\"}");
        assertEquals(200, close.status(), close.toString());
        assertEquals("CLOSED", close.text("status"));
        assertEquals("CLOSED", admin.get("/v1/admin/tenants/" + tenant).text("status"));
        Api.Res after = admin.get("/v1/admin/budgets?tenant_id=" + tenant + "&status=CLOSED&limit=100");
        assertEquals(12, after.json().path("ledgers").size(), after.toString());
        Api.Res revoked = admin.get("/v1/admin/api-keys?tenant_id=" + tenant + "&status=REVOKED");
        assertEquals(1, revoked.json().path("keys").size(), revoked.toString());
    }

    @Test
    void storedBombsNeitherBreakListsNorTheCloseCascade() {
        try (TestServer server = TestServer.start()) {
            plantBombs(server, "bomb-in");
            assertServerCopes(server.admin(), "bomb-in");
            // the cascade did not rewrite (or lose) what it did not need to read
            assertEquals("{not json", Rows.select(server, "budgets", "scope = ?", "tenant:bomb-in/agent:a11").get(0).get("metadata"));
        }
    }

    private static String bigMetadata(int entries, int keyLength, int valueLength) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < entries; i++) {
            String key = String.format("%0" + keyLength + "d", i);
            b.append(i == 0 ? "" : ",").append('"').append(key).append("\":\"").append("v".repeat(valueLength)).append('"');
        }
        return b.append('}').toString();
    }

    private static String tools(int count, int length) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            String t = String.format("%04d", i);
            b.append(i == 0 ? "" : ",").append('"').append(t).append("t".repeat(length - t.length())).append('"');
        }
        return b.append(']').toString();
    }

    private static void assert400(Api.Res r, String field) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("INVALID_REQUEST", r.error(), r.toString());
        assertTrue(r.text("message").contains("'" + field + "'"), "names " + field + ": " + r.text("message"));
    }

    @Test
    void everyFreeFormFieldHasACapAndMoreIsA400NamingTheField() {
        try (TestServer server = TestServer.start()) {
            Api admin = server.admin();
            String[] tooMuch = {bigMetadata(33, 2, 1), bigMetadata(1, 65, 1), bigMetadata(2, 2, 4200), bigMetadata(32, 64, 300)};
            String ok = bigMetadata(32, 64, 120);
            for (String meta : tooMuch) {
                assert400(admin.post("/v1/admin/tenants", "{\"tenant_id\":\"caps-x\",\"name\":\"x\",\"metadata\":" + meta + "}"), "metadata");
            }
            assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'caps-x'"));
            Api.Res t = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"caps\",\"name\":\"caps\",\"metadata\":" + ok + "}");
            assertEquals(201, t.status(), t.toString());
            assert400(admin.patch("/v1/admin/tenants/caps", "{\"metadata\":" + tooMuch[2] + "}"), "metadata");
            assert400(admin.patch("/v1/admin/tenants/caps", "{\"name\":\"" + "n".repeat(257) + "\"}"), "name");

            String key = "{\"tenant_id\":\"caps\",\"name\":\"k\",\"permissions\":[\"budgets:read\"]";
            for (String meta : tooMuch) {
                assert400(admin.post("/v1/admin/api-keys", key + ",\"metadata\":" + meta + "}"), "metadata");
            }
            assert400(admin.post("/v1/admin/api-keys", key + ",\"description\":\"" + "d".repeat(1025) + "\"}"), "description");
            assert400(admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"caps\",\"name\":\"k\",\"permissions\":["
                    + "\"budgets:read\",".repeat(64) + "\"budgets:read\"]}"), "permissions");
            assert400(admin.post("/v1/admin/api-keys", key + ",\"scope_filter\":[" + "\"agent:a\",".repeat(32) + "\"agent:b\"]}"), "scope_filter");
            assert400(admin.post("/v1/admin/api-keys", key + ",\"scope_filter\":[\"agent:" + "a".repeat(600) + "\"]}"), "scope_filter");
            assertEquals(0, Rows.count(server, "api_keys", "tenant_id = 'caps'"));
            Api.Res k = admin.post("/v1/admin/api-keys", key + ",\"metadata\":" + ok + "}");
            assertEquals(201, k.status(), k.toString());
            assert400(admin.patch("/v1/admin/api-keys/" + k.text("key_id"), "{\"metadata\":" + tooMuch[0] + "}"), "metadata");

            String budget = "{\"tenant_id\":\"caps\",\"scope\":\"tenant:caps\",\"unit\":\"TOKENS\",\"allocated\":10";
            for (String meta : tooMuch) {
                assert400(admin.post("/v1/admin/budgets", budget + ",\"metadata\":" + meta + "}"), "metadata");
            }
            assertEquals(0, Rows.count(server, "budgets", "tenant_id = 'caps'"));
            assertEquals(201, admin.post("/v1/admin/budgets", budget + ",\"metadata\":" + ok + "}").status());
            String q = "?scope=tenant:caps&unit=TOKENS";
            assert400(admin.patch("/v1/admin/budgets" + q, "{\"metadata\":" + tooMuch[1] + "}"), "metadata");
            assert400(admin.post("/v1/admin/budgets", budget.replace("tenant:caps", "tenant:caps/agent:n")
                    + ",\"metadata\":{\"a\":[" + "0,".repeat(5000) + "0]}}"), "metadata");
            assert400(admin.post("/v1/admin/budgets/freeze" + q, "{\"metadata\":" + tooMuch[0] + "}"), "metadata");
            assert400(admin.post("/v1/admin/budgets/fund" + q + "&tenant_id=caps", "{\"operation\":\"CREDIT\",\"amount\":1,\"metadata\":"
                    + tooMuch[2] + "}"), "metadata");
            assertEquals("ACTIVE", Rows.select(server, "budgets", "scope = 'tenant:caps'").get(0).get("status"));
            assertEquals(10L, ((Number) Rows.select(server, "budgets", "scope = 'tenant:caps'").get(0).get("allocated")).longValue());
            Api.Res patched = admin.patch("/v1/admin/budgets" + q, "{\"metadata\":{\"team\":\"ml\"}}");
            assertEquals(200, patched.status(), patched.toString());
            assertEquals("{\"team\":\"ml\"}", Rows.select(server, "budgets", "scope = 'tenant:caps'").get(0).get("metadata"));

            String policy = "{\"tenant_id\":\"caps\",\"name\":\"p\",\"scope_pattern\":\"tenant:caps/*\"";
            assert400(admin.post("/v1/admin/policies", policy + ",\"caps\":{\"tool_allowlist\":" + tools(101, 8) + "}}"), "caps.tool_allowlist");
            assert400(admin.post("/v1/admin/policies", policy + ",\"caps\":{\"tool_denylist\":" + tools(1, 129) + "}}"), "caps.tool_denylist");
            assert400(admin.post("/v1/admin/policies", policy + ",\"description\":\"" + "d".repeat(1025) + "\"}"), "description");
            assertEquals(0, Rows.count(server, "policies", "tenant_id = 'caps'"));
            Api.Res p = admin.post("/v1/admin/policies", policy + ",\"caps\":{\"tool_allowlist\":" + tools(100, 128)
                    + ",\"tool_denylist\":" + tools(100, 128) + "}}");
            assertEquals(201, p.status(), p.toString());
            assert400(admin.patch("/v1/admin/policies/" + p.text("policy_id"), "{\"caps\":{\"tool_allowlist\":" + tools(101, 8) + "}}"),
                    "caps.tool_allowlist");
            assert400(admin.patch("/v1/admin/policies/" + p.text("policy_id"), "{\"name\":\"" + "n".repeat(257) + "\"}"), "name");
        }
    }

    /** The reported failure itself: the server as shipped, in 96 MiB, over a database holding the bombs. */
    @Test
    void aServerWith96MiBOfHeapSurvivesTheBombsAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("cycles-bomb");
        try {
            TestServer seeded = TestServer.start(dir);
            plantBombs(seeded, "bomb-xs");
            seeded.stop();
            Process child = ChildServer.start(dir, "-Xmx96m");
            try {
                Api admin = new TestClient("http://127.0.0.1:" + ChildServer.awaitPort(child)).admin();
                assertServerCopes(admin, "bomb-xs");
            } finally {
                child.destroy();
                if (!child.waitFor(20, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }
}
