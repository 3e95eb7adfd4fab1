package dev.cycles.admin.server.audit;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One audit_logs row per write request, success or failure, with the request's correlation facts. */
class AuditTrailTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String UA = "audit-test-agent/1.0";
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static String newId() {
        return "audit-" + SEQ.incrementAndGet();
    }

    static Api.Res post(Api api, String path, String body) {
        return api.send("POST", path, body, "application/json", "User-Agent", UA);
    }

    static Api.Res patch(Api api, String path, String body) {
        return api.send("PATCH", path, body, "application/json", "User-Agent", UA);
    }

    static Api.Res delete(Api api, String path) {
        return api.send("DELETE", path, null, null, "User-Agent", UA);
    }

    /** The request's single audit row, checked for the fields every row must carry. */
    static Map<String, Object> row(Api.Res r, String operation, String resourceType, String resourceId, String tenantId,
                                   int status, String errorCode) {
        Map<String, Object> row = Rows.oneAudit(server, r);
        assertEquals(operation, row.get("operation"), row.toString());
        assertEquals(resourceType, row.get("resource_type"), row.toString());
        assertEquals(resourceId, row.get("resource_id"), row.toString());
        assertEquals(tenantId, row.get("tenant_id"), row.toString());
        assertEquals(status, ((Number) row.get("status")).intValue(), row.toString());
        assertEquals(errorCode, row.get("error_code"), row.toString());
        assertEquals(r.header("X-Request-Id"), row.get("request_id"));
        assertEquals(r.header("X-Cycles-Trace-Id"), row.get("trace_id"));
        assertEquals("127.0.0.1", row.get("source_ip"));
        assertEquals(UA, row.get("user_agent"));
        assertTrue(String.valueOf(row.get("log_id")).length() > 4);
        assertTrue(((Number) row.get("timestamp")).longValue() > 0);
        return row;
    }

    @Test
    void tenantWritesSucceedingAndFailing() {
        String id = newId();
        Api.Res created = post(admin, "/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"A\"}");
        assertEquals(201, created.status());
        Map<String, Object> r = row(created, "createTenant", "tenant", id, id, 201, null);
        assertNull(r.get("key_id"));

        Api.Res replay = post(admin, "/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"A\"}");
        assertEquals(200, replay.status());
        row(replay, "createTenant", "tenant", id, id, 200, null);

        Api.Res dup = post(admin, "/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"B\"}");
        assertEquals(409, dup.status());
        // A refused create is filed under the tenant it named, so it shows in that tenant's activity.
        row(dup, "createTenant", "tenant", id, id, 409, "DUPLICATE_RESOURCE");

        Api.Res invalid = post(admin, "/v1/admin/tenants", "{\"tenant_id\":\"UPPER\",\"name\":\"B\"}");
        assertEquals(400, invalid.status());
        // Text that is not a tenant id is not recorded as one (it could be anything, even a secret).
        row(invalid, "createTenant", "tenant", null, "__admin__", 400, "INVALID_REQUEST");

        Api.Res malformed = post(admin, "/v1/admin/tenants", "{nope");
        row(malformed, "createTenant", "tenant", null, "__admin__", 400, "INVALID_REQUEST");

        Api.Res plain = admin.unchecked().send("POST", "/v1/admin/tenants", "{}", "text/plain", "User-Agent", UA);
        assertEquals(415, plain.status());
        row(plain, "createTenant", "tenant", null, "__admin__", 415, "INVALID_REQUEST");

        Api.Res big = admin.unchecked().send("POST", "/v1/admin/tenants", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}",
                "application/json", "User-Agent", UA);
        assertEquals(413, big.status());
        row(big, "createTenant", "tenant", null, "__admin__", 413, "INVALID_REQUEST");

        Api.Res patched = patch(admin, "/v1/admin/tenants/" + id, "{\"name\":\"A2\"}");
        assertEquals(200, patched.status());
        Map<String, Object> p = row(patched, "updateTenant", "tenant", id, id, 200, null);
        assertTrue(String.valueOf(p.get("metadata")).contains("name"), "changed fields recorded: " + p);

        Api.Res missing = patch(admin, "/v1/admin/tenants/audit-missing", "{\"name\":\"x\"}");
        assertEquals(404, missing.status());
        row(missing, "updateTenant", "tenant", "audit-missing", "audit-missing", 404, "TENANT_NOT_FOUND");

        Api.Res noop = patch(admin, "/v1/admin/tenants/" + id, "{}");
        assertEquals(200, noop.status());
        row(noop, "updateTenant", "tenant", id, id, 200, null);
    }

    @Test
    void apiKeyWritesAndValidate() {
        String t = newId();
        Fixtures.tenant(admin, t);
        Api.Res created = post(admin, "/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"k\"}");
        assertEquals(201, created.status());
        String keyId = created.text("key_id");
        row(created, "createApiKey", "api_key", keyId, t, 201, null);

        Api.Res badPerm = post(admin, "/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"k\",\"permissions\":[\"x\"]}");
        row(badPerm, "createApiKey", "api_key", null, "__admin__", 400, "INVALID_REQUEST");

        Api.Res noTenant = post(admin, "/v1/admin/api-keys", "{\"tenant_id\":\"audit-nobody\",\"name\":\"k\"}");
        row(noTenant, "createApiKey", "api_key", null, "__admin__", 404, "TENANT_NOT_FOUND");

        Api.Res patched = patch(admin, "/v1/admin/api-keys/" + keyId, "{\"name\":\"k2\"}");
        assertEquals(200, patched.status());
        row(patched, "updateApiKey", "api_key", keyId, t, 200, null);

        Api.Res validated = post(admin, "/v1/auth/validate", "{\"key_secret\":\"" + created.text("key_secret") + "\"}");
        assertEquals(200, validated.status());
        row(validated, "validateApiKey", "api_key", null, "__admin__", 200, null);

        Api.Res revoked = delete(admin, "/v1/admin/api-keys/" + keyId);
        assertEquals(200, revoked.status());
        row(revoked, "revokeApiKey", "api_key", keyId, t, 200, null);

        Api.Res again = delete(admin, "/v1/admin/api-keys/" + keyId);
        assertEquals(409, again.status());
        row(again, "revokeApiKey", "api_key", keyId, "__admin__", 409, "KEY_REVOKED");

        Api.Res unknown = delete(admin, "/v1/admin/api-keys/key_ffffffffffffffff");
        row(unknown, "revokeApiKey", "api_key", "key_ffffffffffffffff", "__admin__", 404, "NOT_FOUND");
    }

    @Test
    void unauthenticatedFailuresUseTheUnauthSentinel() {
        Api.Res none = post(server.anonymous(), "/v1/admin/tenants", "{\"tenant_id\":\"audit-anon\",\"name\":\"x\"}");
        assertEquals(401, none.status());
        Map<String, Object> r = row(none, "createTenant", "tenant", null, "__unauth__", 401, "UNAUTHORIZED");
        assertNull(r.get("key_id"));

        Api.Res wrong = post(server.admin().withKey("X-Admin-API-Key", "wrong"), "/v1/admin/api-keys", "{}");
        assertEquals(401, wrong.status());
        row(wrong, "createApiKey", "api_key", null, "__unauth__", 401, "UNAUTHORIZED");

        String t = newId();
        Fixtures.tenant(admin, t);
        String secret = Fixtures.key(admin, t, "[\"admin:write\"]");
        Api.Res tenantKey = patch(server.tenant(secret), "/v1/admin/tenants/" + t, "{\"name\":\"x\"}");
        assertEquals(401, tenantKey.status());
        // Who sent an unauthenticated request is unknown, so it is filed under no resource.
        row(tenantKey, "updateTenant", "tenant", null, "__unauth__", 401, "UNAUTHORIZED");
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'audit-anon'"));
    }

    @Test
    void closeWritesOneCascadeRowPerRevokedKey() {
        String t = newId();
        Fixtures.tenant(admin, t);
        String k1 = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"1\"}").text("key_id");
        String k2 = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"2\"}").text("key_id");
        String k3 = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"3\"}").text("key_id");
        assertEquals(200, admin.delete("/v1/admin/api-keys/" + k3).status());

        Api.Res closed = patch(admin, "/v1/admin/tenants/" + t, "{\"status\":\"CLOSED\"}");
        assertEquals(200, closed.status());
        List<Map<String, Object>> rows = Rows.auditFor(server, closed);
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(1, rows.stream().filter(r -> "updateTenant".equals(r.get("operation"))).count());
        List<Map<String, Object>> cascade = rows.stream()
                .filter(r -> "api_key.revoked_via_tenant_cascade".equals(r.get("operation"))).toList();
        assertEquals(2, cascade.size());
        assertEquals(java.util.Set.of(k1, k2), cascade.stream().map(r -> r.get("resource_id")).collect(java.util.stream.Collectors.toSet()));
        for (Map<String, Object> c : cascade) {
            assertEquals(t, c.get("tenant_id"));
            assertEquals("api_key", c.get("resource_type"));
            assertEquals(closed.header("X-Cycles-Trace-Id"), c.get("trace_id"));
            assertTrue(String.valueOf(c.get("metadata")).contains("tenant_close_cascade:" + t + ":" + closed.header("X-Request-Id")), c.toString());
        }

        Api.Res reclose = patch(admin, "/v1/admin/tenants/" + t, "{\"status\":\"CLOSED\"}");
        assertEquals(1, Rows.auditFor(server, reclose).size(), "re-close writes only its own row");
        assertEquals(2, Rows.count(server, "audit_logs", "tenant_id = ? AND operation = 'api_key.revoked_via_tenant_cascade'", t));
    }

    @Test
    void readsWriteNoRowUnlessTheyFailAuthentication() {
        String t = newId();
        Fixtures.tenant(admin, t);
        String secret = Fixtures.key(admin, t, "[\"balances:read\"]");
        long before = Rows.count(server, "audit_logs", null);
        List<Api.Res> reads = List.of(
                admin.get("/v1/admin/tenants"),
                admin.get("/v1/admin/tenants/" + t),
                admin.get("/v1/admin/tenants/audit-nope"),
                admin.get("/v1/admin/tenants?sort_by=bogus"),
                admin.get("/v1/admin/api-keys?tenant_id=" + t),
                admin.get("/v1/auth/introspect"),
                server.tenant(secret).get("/v1/auth/introspect"),
                admin.unchecked().get("/health"));
        for (Api.Res r : reads) {
            assertEquals(0, Rows.auditFor(server, r).size(), r.toString());
        }
        assertEquals(before, Rows.count(server, "audit_logs", null));

        // The spec's __unauth__ rule covers reads: a keyless read leaves one row.
        Api.Res keyless = server.anonymous().send("GET", "/v1/admin/tenants", null, null, "User-Agent", UA);
        assertEquals(401, keyless.status());
        row(keyless, "listTenants", "tenant", null, "__unauth__", 401, "UNAUTHORIZED");
    }
}
