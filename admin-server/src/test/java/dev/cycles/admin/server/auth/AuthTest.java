package dev.cycles.admin.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenant-key authentication, POST /v1/auth/validate and GET /v1/auth/introspect. */
class AuthTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final List<String> CAPABILITIES = List.of("view_overview", "view_budgets", "view_events", "view_webhooks",
            "view_audit", "view_tenants", "view_api_keys", "view_policies", "view_reservations", "manage_budgets",
            "manage_policies", "manage_webhooks", "manage_tenants", "manage_api_keys", "manage_reservations");
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static String newTenant() {
        String id = "auth-" + SEQ.incrementAndGet();
        Fixtures.tenant(admin, id);
        return id;
    }

    static Api.Res validate(String secret) {
        return admin.post("/v1/auth/validate", "{\"key_secret\":\"" + secret + "\"}");
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Map<String, Boolean> capabilities(Api.Res r) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        JsonNode caps = r.json().path("capabilities");
        for (Iterator<String> it = caps.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            assertTrue(caps.get(name).isBoolean(), name);
            out.put(name, caps.get(name).asBoolean());
        }
        return out;
    }

    /** The expected map: every capability false except those named. */
    static Map<String, Boolean> onlyTrue(String... names) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        CAPABILITIES.forEach(c -> out.put(c, List.of(names).contains(c)));
        return out;
    }

    @Test
    void validateAnActiveKey() {
        String t = newTenant();
        Api.Res k = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"v\",\"permissions\":[\"balances:read\",\"budgets:read\"],"
                + "\"scope_filter\":[\"workspace:eng\"]}");
        Api.Res r = validate(k.text("key_secret"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().path("valid").asBoolean());
        assertEquals(t, r.text("tenant_id"));
        assertEquals(k.text("key_id"), r.text("key_id"));
        assertEquals(List.of("balances:read", "budgets:read"), strings(r.json().path("permissions")));
        assertEquals(List.of("workspace:eng"), strings(r.json().path("scope_filter")));
        assertEquals(k.text("expires_at"), r.text("expires_at"));
        assertFalse(r.json().has("reason"));
    }

    @Test
    void validateRevokedUnknownSuspendedAndExpiredKeys() {
        String t = newTenant();
        Api.Res revoked = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"r\"}");
        assertEquals(200, admin.delete("/v1/admin/api-keys/" + revoked.text("key_id")).status());
        Api.Res r = validate(revoked.text("key_secret"));
        assertEquals(200, r.status());
        assertFalse(r.json().path("valid").asBoolean());
        assertEquals(t, r.text("tenant_id"));
        assertEquals("KEY_REVOKED", r.text("reason"));
        assertFalse(r.json().has("permissions"));

        for (String unknown : List.of("cyc_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-key", "x")) {
            Api.Res u = validate(unknown);
            assertEquals(200, u.status(), u.body());
            assertFalse(u.json().path("valid").asBoolean());
            assertEquals("", u.text("tenant_id"));
            assertTrue(u.json().path("tenant_id").isTextual());
            assertEquals("KEY_NOT_FOUND", u.text("reason"));
        }

        String s = newTenant();
        String secret = Fixtures.key(admin, s, "[\"balances:read\"]");
        assertEquals(200, admin.patch("/v1/admin/tenants/" + s, "{\"status\":\"SUSPENDED\"}").status());
        Api.Res susp = validate(secret);
        assertFalse(susp.json().path("valid").asBoolean());
        assertEquals(s, susp.text("tenant_id"));
        assertEquals("TENANT_SUSPENDED", susp.text("reason"));
        // Reactivation makes the same key valid again.
        assertEquals(200, admin.patch("/v1/admin/tenants/" + s, "{\"status\":\"ACTIVE\"}").status());
        assertTrue(validate(secret).json().path("valid").asBoolean());

        String e = newTenant();
        Api.Res expiring = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + e + "\",\"name\":\"old\"}");
        expire(expiring.text("key_id"));
        Api.Res exp = validate(expiring.text("key_secret"));
        assertFalse(exp.json().path("valid").asBoolean());
        assertEquals("KEY_EXPIRED", exp.text("reason"));
        assertEquals(1, admin.get("/v1/admin/api-keys?tenant_id=" + e + "&status=EXPIRED").json().path("keys").size());
        Api.Res intro = server.tenant(expiring.text("key_secret")).get("/v1/auth/introspect");
        assertEquals(401, intro.status(), intro.body());
        assertEquals("KEY_EXPIRED", intro.error());
    }

    /** Moves a key's expiry into the past directly in the database (no waiting in tests). */
    static void expire(String keyId) {
        server.db().write(c -> {
            try (var p = c.prepareStatement("UPDATE api_keys SET expires_at = ? WHERE key_id = ?")) {
                p.setLong(1, System.currentTimeMillis() - 1000);
                p.setString(2, keyId);
                assertEquals(1, p.executeUpdate());
            }
            return null;
        });
    }

    @Test
    void validateNeedsTheAdminKeyAndABody() {
        Api.Res missing = admin.post("/v1/auth/validate", "{}");
        assertEquals(400, missing.status(), missing.body());
        assertEquals("INVALID_REQUEST", missing.error());
        Api.Res noAuth = server.anonymous().post("/v1/auth/validate", "{\"key_secret\":\"x\"}");
        assertEquals(401, noAuth.status());
        assertEquals("UNAUTHORIZED", noAuth.error());
        String t = newTenant();
        String secret = Fixtures.key(admin, t, "[\"balances:read\"]");
        Api.Res withTenantKey = server.tenant(secret).post("/v1/auth/validate", "{\"key_secret\":\"" + secret + "\"}");
        assertEquals(401, withTenantKey.status(), withTenantKey.body());
        assertEquals("UNAUTHORIZED", withTenantKey.error());
    }

    @Test
    void introspectWithTheAdminKey() {
        Api.Res r = admin.get("/v1/auth/introspect");
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertTrue(j.path("authenticated").asBoolean());
        assertEquals("admin", j.path("auth_type").asText());
        assertEquals(List.of("*"), strings(j.path("permissions")));
        assertFalse(j.has("tenant_id"));
        assertFalse(j.has("scope_filter"));
        Map<String, Boolean> all = new LinkedHashMap<>();
        CAPABILITIES.forEach(c -> all.put(c, true));
        assertEquals(all, capabilities(r));
    }

    @Test
    void introspectWithTenantKeysFollowsTheCapabilityTable() {
        String t = newTenant();
        Api.Res balancesOnly = server.tenant(Fixtures.key(admin, t, "[\"balances:read\"]")).get("/v1/auth/introspect");
        assertEquals(200, balancesOnly.status(), balancesOnly.body());
        assertEquals("tenant", balancesOnly.text("auth_type"));
        assertEquals(t, balancesOnly.text("tenant_id"));
        assertTrue(balancesOnly.json().path("authenticated").asBoolean());
        assertEquals(List.of("balances:read"), strings(balancesOnly.json().path("permissions")));
        assertEquals(onlyTrue(), capabilities(balancesOnly), "balances:read grants no screen");

        Api.Res mixed = server.tenant(Fixtures.key(admin, t, "[\"reservations:list\",\"budgets:write\",\"events:read\"]"))
                .get("/v1/auth/introspect");
        assertEquals(onlyTrue("view_reservations", "manage_budgets", "view_events"), capabilities(mixed));

        Api.Res reserving = server.tenant(Fixtures.key(admin, t, "[\"reservations:create\",\"policies:read\",\"webhooks:write\"]"))
                .get("/v1/auth/introspect");
        assertEquals(onlyTrue("view_reservations", "manage_reservations", "view_policies", "manage_webhooks"), capabilities(reserving));

        Api.Res legacyRead = server.tenant(Fixtures.key(admin, t, "[\"admin:read\"]")).get("/v1/auth/introspect");
        assertEquals(onlyTrue("view_budgets", "view_policies", "view_webhooks", "view_events", "view_reservations"), capabilities(legacyRead));

        Api.Res legacyWrite = server.tenant(Fixtures.key(admin, t, "[\"admin:write\",\"admin:tenants:write\",\"admin:apikeys:read\",\"admin:audit:read\"]"))
                .get("/v1/auth/introspect");
        assertEquals(onlyTrue("manage_budgets", "manage_policies", "manage_webhooks", "manage_reservations"), capabilities(legacyWrite),
                "tenant keys never see admin-plane screens");

        Api.Res granular = server.tenant(Fixtures.key(admin, t, "[\"admin:budgets:read\",\"admin:policies:write\",\"admin:events:read\",\"admin:webhooks:read\"]"))
                .get("/v1/auth/introspect");
        assertEquals(onlyTrue("view_budgets", "manage_policies", "view_events", "view_webhooks"), capabilities(granular));

        Api.Res defaults = server.tenant(admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"d\",\"scope_filter\":[\"agent:*\"]}")
                .text("key_secret")).get("/v1/auth/introspect");
        assertEquals(onlyTrue("view_budgets", "view_policies", "view_reservations", "manage_reservations"),
                capabilities(defaults), "the default permissions read budgets and policies but cannot change them");
        assertEquals(List.of("agent:*"), strings(defaults.json().path("scope_filter")));
        assertFalse(balancesOnly.json().has("scope_filter"), "absent when the key has no scope filter");
    }

    @Test
    void introspectRejectsRevokedAndSuspendedKeys() {
        String t = newTenant();
        Api.Res k = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"r\"}");
        Api tenantApi = server.tenant(k.text("key_secret"));
        assertEquals(200, tenantApi.get("/v1/auth/introspect").status());
        assertEquals(200, admin.delete("/v1/admin/api-keys/" + k.text("key_id")).status());
        Api.Res revoked = tenantApi.get("/v1/auth/introspect");
        assertEquals(401, revoked.status(), revoked.body());
        assertEquals("KEY_REVOKED", revoked.error());

        String s = newTenant();
        String secret = Fixtures.key(admin, s, "[\"balances:read\"]");
        assertEquals(200, admin.patch("/v1/admin/tenants/" + s, "{\"status\":\"SUSPENDED\"}").status());
        Api.Res suspended = server.tenant(secret).get("/v1/auth/introspect");
        assertEquals(403, suspended.status(), suspended.body());
        assertEquals("TENANT_SUSPENDED", suspended.error());

        Api.Res unknown = server.tenant("cyc_live_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB").get("/v1/auth/introspect");
        assertEquals(401, unknown.status());
        assertEquals("UNAUTHORIZED", unknown.error());
    }

    @Test
    void missingOrWrongKeys() {
        Api.Res none = server.anonymous().get("/v1/auth/introspect");
        assertEquals(401, none.status());
        assertEquals("UNAUTHORIZED", none.error());

        Api.Res noAdmin = server.anonymous().get("/v1/admin/tenants");
        assertEquals(401, noAdmin.status());
        assertEquals("UNAUTHORIZED", noAdmin.error());

        Api wrong = server.admin().withKey("X-Admin-API-Key", "not-the-admin-key");
        for (String path : List.of("/v1/admin/tenants", "/v1/auth/introspect", "/v1/admin/api-keys")) {
            Api.Res r = wrong.get(path);
            assertEquals(401, r.status(), path);
            assertEquals("UNAUTHORIZED", r.error());
        }
        Api.Res wrongWrite = wrong.post("/v1/admin/tenants", "{\"tenant_id\":\"never-made\",\"name\":\"x\"}");
        assertEquals(401, wrongWrite.status());
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'never-made'"));

        // The admin key sent in the tenant header is not a tenant key.
        Api.Res adminAsTenant = server.tenant(TestServer.ADMIN_KEY).get("/v1/admin/tenants");
        assertEquals(401, adminAsTenant.status());
    }

    @Test
    void tenantKeyCannotUseAdminOnlyEndpoints() {
        String t = newTenant();
        Api tenantApi = server.tenant(Fixtures.key(admin, t, "[\"admin:write\",\"admin:read\",\"admin:tenants:write\"]"));
        for (String path : List.of("/v1/admin/tenants", "/v1/admin/tenants/" + t, "/v1/admin/api-keys")) {
            Api.Res r = tenantApi.get(path);
            assertEquals(401, r.status(), path + " " + r.body());
            assertEquals("UNAUTHORIZED", r.error());
        }
        Api.Res create = tenantApi.post("/v1/admin/tenants", "{\"tenant_id\":\"by-tenant-key\",\"name\":\"x\"}");
        assertEquals(401, create.status());
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'by-tenant-key'"));
        Api.Res patch = tenantApi.patch("/v1/admin/tenants/" + t, "{\"name\":\"hijacked\"}");
        assertEquals(401, patch.status());
        assertEquals("Tenant " + t, admin.get("/v1/admin/tenants/" + t).text("name"));
        Api.Res key = tenantApi.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"more\"}");
        assertEquals(401, key.status());
    }

    @Test
    void usingAKeyRecordsLastUsedAt() {
        String t = newTenant();
        Api.Res k = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"used\"}");
        assertFalse(admin.get("/v1/admin/api-keys?tenant_id=" + t).json().path("keys").get(0).has("last_used_at"));
        assertEquals(200, server.tenant(k.text("key_secret")).get("/v1/auth/introspect").status());
        JsonNode listed = admin.get("/v1/admin/api-keys?tenant_id=" + t).json().path("keys").get(0);
        assertNotNull(listed.path("last_used_at").textValue(), listed.toString());
    }
}
