package dev.cycles.admin.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /v1/admin/api-keys: issue, list, patch and revoke. */
class ApiKeyTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** The server's defaults: the spec's ten without budgets:write and policies:write (see API-DECISIONS). */
    static final List<String> DEFAULTS = List.of("reservations:create", "reservations:commit", "reservations:release",
            "reservations:extend", "reservations:list", "balances:read", "budgets:read", "policies:read");
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static String newTenant() {
        String id = "keys-" + SEQ.incrementAndGet();
        Fixtures.tenant(admin, id);
        return id;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Api.Res create(String json) {
        return admin.post("/v1/admin/api-keys", json);
    }

    @Test
    void createReturnsTheSecretOnceAndStoresOnlyItsDigest() {
        String t = newTenant();
        Api.Res r = create("{\"tenant_id\":\"" + t + "\",\"name\":\"dev-key\",\"description\":\"Development key\","
                + "\"permissions\":[\"balances:read\",\"budgets:read\"],\"metadata\":{\"owner\":\"ci\"}}");
        assertEquals(201, r.status(), r.body());
        JsonNode k = r.json();
        String secret = k.path("key_secret").asText();
        assertTrue(secret.matches("cyc_live_[A-Za-z0-9_-]{32}"), secret);
        assertEquals(secret.substring(0, 14), k.path("key_prefix").asText());
        assertTrue(k.path("key_id").asText().startsWith("key_"));
        assertEquals(t, k.path("tenant_id").asText());
        assertEquals(List.of("balances:read", "budgets:read"), strings(k.path("permissions")));
        Instant created = Instant.parse(k.path("created_at").asText());
        Instant expires = Instant.parse(k.path("expires_at").asText());
        assertEquals(90, ChronoUnit.DAYS.between(created, expires.plusSeconds(1)), "default lifetime is 90 days");

        Map<String, Object> row = Rows.select(server, "api_keys", "key_id = ?", k.path("key_id").asText()).get(0);
        assertEquals(KeySecrets.digest(secret), row.get("key_digest"));
        assertFalse(row.values().stream().anyMatch(v -> v != null && v.toString().contains(secret)), "secret stored in clear: " + row);
        assertEquals("ACTIVE", row.get("status"));
        assertEquals("dev-key", row.get("name"));

        // Reads never return the secret again.
        JsonNode listed = admin.get("/v1/admin/api-keys?tenant_id=" + t).json().path("keys").get(0);
        assertFalse(listed.has("key_secret"));
        assertEquals("Development key", listed.path("description").asText());
        assertEquals("ci", listed.path("metadata").path("owner").asText());
        assertEquals(k.path("created_at").asText(), listed.path("created_at").asText());
        assertEquals(k.path("expires_at").asText(), listed.path("expires_at").asText());

        // Two keys never share a secret.
        String second = Fixtures.key(admin, t, "[\"balances:read\"]");
        assertFalse(second.equals(secret));
    }

    @Test
    void omittedPermissionsGetTheReadAndRuntimeDefaults() {
        String t = newTenant();
        Api.Res r = create("{\"tenant_id\":\"" + t + "\",\"name\":\"temp-key\",\"scope_filter\":[\"agent:*\"]}");
        assertEquals(201, r.status(), r.body());
        assertEquals(DEFAULTS, strings(r.json().path("permissions")));
        String keyId = r.text("key_id");
        JsonNode listed = admin.get("/v1/admin/api-keys?tenant_id=" + t).json().path("keys").get(0);
        assertEquals(DEFAULTS, strings(listed.path("permissions")));
        assertEquals(List.of("agent:*"), strings(listed.path("scope_filter")));
        assertTrue(String.valueOf(Rows.select(server, "api_keys", "key_id = ?", keyId).get(0).get("permissions")).contains("policies:read"));
    }

    @Test
    void unknownPermissionIs400NamingIt() {
        String t = newTenant();
        Api.Res r = create("{\"tenant_id\":\"" + t + "\",\"name\":\"dev-key\",\"permissions\":[\"reservations:create\",\"decide\",\"events:create\"]}");
        assertEquals(400, r.status(), r.body());
        assertEquals("INVALID_REQUEST", r.error());
        assertEquals("Unrecognized permission: decide", r.text("message"));
        assertEquals(0, Rows.count(server, "api_keys", "tenant_id = ?", t));
    }

    @Test
    void seedGuideExampleWithEventsCreateIsAccepted() {
        String t = newTenant();
        // The guide's body verbatim apart from the tenant id; events:create is outside the spec's enum.
        Api.Res r = admin.unchecked().post("/v1/admin/api-keys", "{\n\"tenant_id\": \"" + t + "\",\n\"name\": \"production-key\",\n"
                + "\"permissions\": [\n\"reservations:create\",\n\"reservations:commit\",\n\"reservations:release\",\n"
                + "\"reservations:extend\",\n\"reservations:list\",\n\"balances:read\",\n\"events:create\"\n]\n}");
        assertEquals(201, r.status(), r.body());
        assertTrue(strings(r.json().path("permissions")).contains("events:create"));
        assertEquals(7, r.json().path("permissions").size());
        Api.Res listed = admin.unchecked().get("/v1/admin/api-keys?tenant_id=" + t);
        assertTrue(strings(listed.json().path("keys").get(0).path("permissions")).contains("events:create"));
    }

    @Test
    void createValidation() {
        String t = newTenant();
        Api.Res unknownTenant = create("{\"tenant_id\":\"no-such-tenant\",\"name\":\"k\"}");
        assertEquals(404, unknownTenant.status(), unknownTenant.body());
        assertEquals("TENANT_NOT_FOUND", unknownTenant.error());

        Api.Res past = create("{\"tenant_id\":\"" + t + "\",\"name\":\"k\",\"expires_at\":\"2020-01-01T00:00:00Z\"}");
        assertEquals(400, past.status(), past.body());
        assertEquals("INVALID_REQUEST", past.error());
        assertTrue(past.text("message").contains("expires_at"));

        for (String body : List.of("{\"tenant_id\":\"" + t + "\"}", "{\"name\":\"k\"}",
                "{\"tenant_id\":\"" + t + "\",\"name\":\"k\",\"secret\":\"x\"}",
                "{\"tenant_id\":\"" + t + "\",\"name\":\"" + "n".repeat(257) + "\"}",
                "{\"tenant_id\":\"" + t + "\",\"name\":\"k\",\"permissions\":\"balances:read\"}",
                "{\"tenant_id\":\"" + t + "\",\"name\":\"k\",\"expires_at\":\"tomorrow\"}",
                "{\"tenant_id\":\"" + t + "\",\"name\":\"k\",\"scope_filter\":[\"planet:earth\"]}")) {
            Api.Res r = create(body);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertEquals("INVALID_REQUEST", r.error());
        }
        assertEquals(0, Rows.count(server, "api_keys", "tenant_id = ?", t));

        Instant future = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Res explicit = create("{\"tenant_id\":\"" + t + "\",\"name\":\"k\",\"expires_at\":\"" + future + "\"}");
        assertEquals(201, explicit.status(), explicit.body());
        assertEquals(future, Instant.parse(explicit.text("expires_at")));
    }

    @Test
    void suspendedTenantGetsNoNewKeys() {
        String t = newTenant();
        assertEquals(200, admin.patch("/v1/admin/tenants/" + t, "{\"status\":\"SUSPENDED\"}").status());
        Api.Res r = create("{\"tenant_id\":\"" + t + "\",\"name\":\"k\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("INVALID_REQUEST", r.error());
        assertEquals(0, Rows.count(server, "api_keys", "tenant_id = ?", t));
    }

    @Test
    void listByTenantAcrossTenantsAndByStatusWithoutSecrets() {
        String a = newTenant();
        String b = newTenant();
        Api.Res a1 = create("{\"tenant_id\":\"" + a + "\",\"name\":\"a1\"}");
        Api.Res a2 = create("{\"tenant_id\":\"" + a + "\",\"name\":\"a2\"}");
        Api.Res b1 = create("{\"tenant_id\":\"" + b + "\",\"name\":\"b1\"}");
        assertEquals(200, admin.delete("/v1/admin/api-keys/" + a2.text("key_id")).status());

        Set<String> ofA = keyIds(admin.get("/v1/admin/api-keys?tenant_id=" + a));
        assertEquals(Set.of(a1.text("key_id"), a2.text("key_id")), ofA);
        assertEquals(Set.of(a1.text("key_id")), keyIds(admin.get("/v1/admin/api-keys?tenant_id=" + a + "&status=ACTIVE")));
        assertEquals(Set.of(a2.text("key_id")), keyIds(admin.get("/v1/admin/api-keys?tenant_id=" + a + "&status=REVOKED")));
        assertEquals(Set.of(), keyIds(admin.get("/v1/admin/api-keys?tenant_id=" + a + "&status=EXPIRED")));

        // Unchecked: other tests in this class store the seed guide's events:create, which the spec's enum lacks.
        Api.Res all = admin.unchecked().get("/v1/admin/api-keys?limit=100");
        Set<String> everything = keyIds(all);
        assertTrue(everything.containsAll(Set.of(a1.text("key_id"), a2.text("key_id"), b1.text("key_id"))));
        Set<String> tenants = new HashSet<>();
        all.json().path("keys").forEach(k -> tenants.add(k.path("tenant_id").asText()));
        assertTrue(tenants.containsAll(Set.of(a, b)), "cross-tenant list: " + tenants);

        // No secret, digest or prefix-plus-more ever shows up in a list.
        for (Api.Res created : List.of(a1, a2, b1)) {
            String secret = created.text("key_secret");
            assertFalse(all.body().contains(secret));
            assertFalse(all.body().contains(KeySecrets.digest(secret)));
        }
        all.json().path("keys").forEach(k -> {
            assertFalse(k.has("key_secret"));
            assertFalse(k.has("key_digest"));
            assertFalse(k.has("key_hash"));
        });

        Api.Res bad = admin.get("/v1/admin/api-keys?status=LOST");
        assertEquals(400, bad.status());
        assertEquals("INVALID_REQUEST", bad.error());
        assertEquals(Set.of(), keyIds(admin.get("/v1/admin/api-keys?tenant_id=no-such-tenant")));
    }

    @Test
    void listPagesAndSorts() {
        String t = newTenant();
        List<String> names = List.of("delta", "alpha", "charlie", "bravo", "echo");
        for (String n : names) {
            assertEquals(201, create("{\"tenant_id\":\"" + t + "\",\"name\":\"" + n + "\"}").status());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Res r = admin.get("/v1/admin/api-keys?tenant_id=" + t + "&sort_by=name&sort_dir=asc&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.status(), r.body());
            r.json().path("keys").forEach(k -> seen.add(k.path("name").asText()));
            cursor = r.json().path("has_more").asBoolean() ? r.json().path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo"), seen);
        Api.Res searched = admin.get("/v1/admin/api-keys?tenant_id=" + t + "&search=ECH");
        assertEquals(1, searched.json().path("keys").size(), searched.body());
        assertEquals("echo", searched.json().path("keys").get(0).path("name").asText());
        Api.Res badSort = admin.get("/v1/admin/api-keys?sort_by=secret");
        assertEquals(400, badSort.status());
    }

    static Set<String> keyIds(Api.Res r) {
        assertEquals(200, r.status(), r.body());
        Set<String> out = new HashSet<>();
        r.json().path("keys").forEach(k -> out.add(k.path("key_id").asText()));
        return out;
    }

    @Test
    void patchNamePermissionsAndScopeFilter() {
        String t = newTenant();
        Api.Res k = create("{\"tenant_id\":\"" + t + "\",\"name\":\"temp-key\",\"scope_filter\":[\"agent:*\"],\"metadata\":{\"owner\":\"ci\"}}");
        String id = k.text("key_id");
        Api.Res r = admin.patch("/v1/admin/api-keys/" + id, "{\"name\":\"temp-key-renamed\",\"permissions\":[\"balances:read\"]}");
        assertEquals(200, r.status(), r.body());
        assertEquals("temp-key-renamed", r.text("name"));
        assertEquals(List.of("balances:read"), strings(r.json().path("permissions")));
        assertEquals(List.of("agent:*"), strings(r.json().path("scope_filter")), "untouched fields stay");
        assertEquals("ci", r.json().path("metadata").path("owner").asText());
        assertEquals(k.text("key_prefix"), r.text("key_prefix"));
        assertEquals("ACTIVE", r.text("status"));

        Api.Res scoped = admin.patch("/v1/admin/api-keys/" + id, "{\"scope_filter\":[\"workspace:eng\",\"agent:*\"]}");
        assertEquals(200, scoped.status(), scoped.body());
        assertEquals(List.of("workspace:eng", "agent:*"), strings(scoped.json().path("scope_filter")));
        assertEquals(List.of("balances:read"), strings(scoped.json().path("permissions")));

        Map<String, Object> row = Rows.select(server, "api_keys", "key_id = ?", id).get(0);
        assertEquals("temp-key-renamed", row.get("name"));
        assertEquals("[\"balances:read\"]", row.get("permissions"));
        assertTrue(String.valueOf(row.get("scope_filter")).contains("workspace:eng"));
        assertEquals(2, Rows.count(server, "events", "event_type = 'api_key.permissions_changed' AND data LIKE ?", "%" + id + "%"));

        // The new permissions take effect for the key's holder at once.
        Api.Res v = admin.post("/v1/auth/validate", "{\"key_secret\":\"" + k.text("key_secret") + "\"}");
        assertEquals(List.of("balances:read"), strings(v.json().path("permissions")));

        for (String body : List.of("{\"permissions\":[\"root\"]}", "{\"tenant_id\":\"other\"}", "{\"status\":\"REVOKED\"}",
                "{\"expires_at\":\"2030-01-01T00:00:00Z\"}", "{\"name\":\"" + "n".repeat(257) + "\"}")) {
            Api.Res bad = admin.patch("/v1/admin/api-keys/" + id, body);
            assertEquals(400, bad.status(), body + " -> " + bad.body());
            assertEquals("INVALID_REQUEST", bad.error());
        }
        Api.Res unknownPerm = admin.patch("/v1/admin/api-keys/" + id, "{\"permissions\":[\"root\"]}");
        assertEquals("Unrecognized permission: root", unknownPerm.text("message"));
        assertEquals("[\"balances:read\"]", Rows.select(server, "api_keys", "key_id = ?", id).get(0).get("permissions"));

        Api.Res missing = admin.patch("/v1/admin/api-keys/key_doesnotexist", "{\"name\":\"x\"}");
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.error());
    }

    @Test
    void revokeIsFinal() {
        String t = newTenant();
        Api.Res k = create("{\"tenant_id\":\"" + t + "\",\"name\":\"to-revoke\"}");
        String id = k.text("key_id");

        Api.Res revoked = admin.delete("/v1/admin/api-keys/" + id + "?reason=leaked");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("REVOKED", revoked.text("status"));
        assertTrue(revoked.json().hasNonNull("revoked_at"));
        assertEquals("leaked", revoked.text("revoked_reason"));
        assertEquals(id, revoked.text("key_id"));
        assertFalse(revoked.json().has("key_secret"));
        Map<String, Object> row = Rows.select(server, "api_keys", "key_id = ?", id).get(0);
        assertEquals("REVOKED", row.get("status"));
        assertNotNull(row.get("revoked_at"));
        assertEquals(1, Rows.count(server, "events", "event_type = 'api_key.revoked' AND data LIKE ?", "%" + id + "%"));

        Api.Res again = admin.delete("/v1/admin/api-keys/" + id);
        assertEquals(409, again.status(), again.body());
        assertEquals("KEY_REVOKED", again.error());
        assertEquals(row.get("revoked_at"), Rows.select(server, "api_keys", "key_id = ?", id).get(0).get("revoked_at"));

        Api.Res patch = admin.patch("/v1/admin/api-keys/" + id, "{\"name\":\"new\"}");
        assertEquals(409, patch.status(), patch.body());
        assertEquals("KEY_REVOKED", patch.error());
        assertEquals("to-revoke", Rows.select(server, "api_keys", "key_id = ?", id).get(0).get("name"));

        Api.Res unknown = admin.delete("/v1/admin/api-keys/key_0000000000000000");
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.error());

        Api.Res longReason = admin.delete("/v1/admin/api-keys/" + create("{\"tenant_id\":\"" + t + "\",\"name\":\"r\"}").text("key_id")
                + "?reason=" + "r".repeat(513));
        assertEquals(400, longReason.status());
        assertNull(Rows.select(server, "api_keys", "tenant_id = ? AND name = 'r'", t).get(0).get("revoked_at"));
    }
}
