package dev.cycles.admin.server.tenant;

import com.fasterxml.jackson.databind.JsonNode;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PATCH /v1/admin/tenants/{id}: settings, name, metadata, the status lifecycle and the close cascade. */
class TenantUpdateTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static String newTenant() {
        String id = "upd-" + SEQ.incrementAndGet();
        Fixtures.tenant(admin, id);
        return id;
    }

    static Map<String, Object> row(String id) {
        return Rows.select(server, "tenants", "tenant_id = ?", id).get(0);
    }

    @Test
    void seedGuideDefaultsPatchVerbatim() {
        String id = newTenant();
        Api.Res r = admin.patch("/v1/admin/tenants/" + id, "{\n\"default_reservation_ttl_ms\": 60000,\n\"max_reservation_ttl_ms\": 300000,\n"
                + "\"max_reservation_extensions\": 10,\n\"default_commit_overage_policy\": \"ALLOW_IF_AVAILABLE\"\n}");
        assertEquals(200, r.status(), r.body());
        assertEquals(300000, r.json().path("max_reservation_ttl_ms").asLong());
        assertEquals(60000, r.json().path("default_reservation_ttl_ms").asLong());
        assertEquals(300000L, ((Number) row(id).get("max_reservation_ttl_ms")).longValue());
        assertEquals(r.json(), admin.get("/v1/admin/tenants/" + id).json());
    }

    @Test
    void patchDefaultsNameAndMetadata() {
        String id = newTenant();
        Api.Res r = admin.patch("/v1/admin/tenants/" + id, "{\"default_commit_overage_policy\":\"ALLOW_WITH_OVERDRAFT\",\"default_reservation_ttl_ms\":120000,"
                + "\"max_reservation_ttl_ms\":7200000,\"max_reservation_extensions\":5,\"metadata\":{\"plan\":\"enterprise\"}}");
        assertEquals(200, r.status(), r.body());
        JsonNode t = r.json();
        assertEquals("ALLOW_WITH_OVERDRAFT", t.path("default_commit_overage_policy").asText());
        assertEquals(120000, t.path("default_reservation_ttl_ms").asLong());
        assertEquals(7200000, t.path("max_reservation_ttl_ms").asLong());
        assertEquals(5, t.path("max_reservation_extensions").asLong());
        assertEquals("enterprise", t.path("metadata").path("plan").asText());
        assertTrue(t.hasNonNull("updated_at"));

        Api.Res renamed = admin.patch("/v1/admin/tenants/" + id, "{\"name\":\"Acme Corp (Enterprise)\"}");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("Acme Corp (Enterprise)", renamed.text("name"));
        // Fields not in the patch keep their values.
        assertEquals("ALLOW_WITH_OVERDRAFT", renamed.json().path("default_commit_overage_policy").asText());
        assertEquals("enterprise", renamed.json().path("metadata").path("plan").asText());

        Api.Res meta = admin.patch("/v1/admin/tenants/" + id, "{\"metadata\":{\"plan\":\"free\",\"region\":\"eu\"}}");
        assertEquals(200, meta.status());
        JsonNode got = admin.get("/v1/admin/tenants/" + id).json();
        assertEquals("Acme Corp (Enterprise)", got.path("name").asText());
        assertEquals("free", got.path("metadata").path("plan").asText());
        assertEquals("eu", got.path("metadata").path("region").asText());
        Map<String, Object> row = row(id);
        assertEquals("Acme Corp (Enterprise)", row.get("name"));
        assertTrue(String.valueOf(row.get("metadata")).contains("\"region\""));
        assertEquals("ALLOW_WITH_OVERDRAFT", row.get("default_commit_overage_policy"));
    }

    @Test
    void invalidPatchesAre400AndChangeNothing() {
        String id = newTenant();
        for (String body : List.of("{\"default_reservation_ttl_ms\":500}", "{\"max_reservation_ttl_ms\":86400001}",
                "{\"status\":\"PAUSED\"}", "{\"name\":\"" + "x".repeat(257) + "\"}", "{\"reservation_expiry_policy\":\"GRACE_ONLY\"}",
                "{\"parent_tenant_id\":\"abc\"}", "{\"tenant_id\":\"other\"}", "{\"default_commit_overage_policy\":\"MAYBE\"}",
                "{\"default_reservation_ttl_ms\":7200000}")) {
            Api.Res r = admin.patch("/v1/admin/tenants/" + id, body);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertEquals("INVALID_REQUEST", r.error(), body);
        }
        Map<String, Object> row = row(id);
        assertEquals(60000L, ((Number) row.get("default_reservation_ttl_ms")).longValue());
        assertEquals("ACTIVE", row.get("status"));
        assertNull(row.get("updated_at"));
    }

    @Test
    void patchUnknownTenantIs404() {
        Api.Res r = admin.patch("/v1/admin/tenants/no-such-tenant", "{\"name\":\"x\"}");
        assertEquals(404, r.status());
        assertEquals("TENANT_NOT_FOUND", r.error());
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'no-such-tenant'"));
    }

    @Test
    void suspendThenReactivate() {
        String id = newTenant();
        Api.Res suspended = admin.patch("/v1/admin/tenants/" + id, "{\"status\": \"SUSPENDED\"}");
        assertEquals(200, suspended.status(), suspended.body());
        assertEquals("SUSPENDED", suspended.text("status"));
        assertTrue(suspended.json().hasNonNull("suspended_at"));
        assertEquals("SUSPENDED", admin.get("/v1/admin/tenants/" + id).text("status"));
        assertNotNull(row(id).get("suspended_at"));
        assertEquals(1, Rows.count(server, "events", "tenant_id = ? AND event_type = 'tenant.suspended'", id));

        Api.Res active = admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"ACTIVE\"}");
        assertEquals(200, active.status(), active.body());
        assertEquals("ACTIVE", active.text("status"));
        assertFalse(active.json().has("closed_at"));
        assertEquals("ACTIVE", row(id).get("status"));
        assertEquals(1, Rows.count(server, "events", "tenant_id = ? AND event_type = 'tenant.reactivated'", id));
    }

    @Test
    void closeRevokesTheTenantsKeysInTheSameRequest() {
        String id = newTenant();
        String other = newTenant();
        Fixtures.key(admin, id, "[\"balances:read\"]");
        Fixtures.key(admin, id, "[\"budgets:read\"]");
        Api.Res third = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + id + "\",\"name\":\"already-revoked\"}");
        String thirdId = third.text("key_id");
        assertEquals(200, admin.delete("/v1/admin/api-keys/" + thirdId + "?reason=rotated").status());
        String otherSecret = Fixtures.key(admin, other, "[\"balances:read\"]");

        Api.Res closed = admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"CLOSED\"}");
        assertEquals(200, closed.status(), closed.body());
        assertEquals("CLOSED", closed.text("status"));
        assertTrue(closed.json().hasNonNull("closed_at"));
        String requestId = closed.header("X-Request-Id");

        Api.Res keys = admin.get("/v1/admin/api-keys?tenant_id=" + id);
        assertEquals(3, keys.json().path("keys").size());
        keys.json().path("keys").forEach(k -> {
            assertEquals("REVOKED", k.path("status").asText(), k.toString());
            assertTrue(k.hasNonNull("revoked_at"), k.toString());
        });
        // The key revoked earlier keeps its own reason; the two active ones were revoked by the close.
        List<Map<String, Object>> rows = Rows.select(server, "api_keys", "tenant_id = ?", id);
        assertEquals(2, rows.stream().filter(r -> "tenant_closed".equals(r.get("revoked_reason"))).count());
        assertEquals("rotated", Rows.select(server, "api_keys", "key_id = ?", thirdId).get(0).get("revoked_reason"));
        // One cascade audit row and event per key actually revoked, sharing the close's request id.
        assertEquals(2, Rows.count(server, "audit_logs", "request_id = ? AND operation = 'api_key.revoked_via_tenant_cascade'", requestId));
        assertEquals(2, Rows.count(server, "events", "request_id = ? AND event_type = 'api_key.revoked_via_tenant_cascade'"
                + " AND correlation_id = ?", requestId, "tenant_close_cascade:" + id + ":" + requestId));
        // Another tenant's key is untouched.
        assertEquals(1, Rows.count(server, "api_keys", "tenant_id = ? AND status = 'ACTIVE'", other));
        assertEquals(200, server.tenant(otherSecret).get("/v1/auth/introspect").status());
        // The tenant stays readable.
        assertEquals("CLOSED", admin.get("/v1/admin/tenants/" + id).text("status"));
    }

    @Test
    void closedIsFinalAndReclosingIsANoOp() {
        String id = newTenant();
        Fixtures.key(admin, id, "[\"balances:read\"]");
        Api.Res closed = admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"CLOSED\"}");
        assertEquals(200, closed.status());
        Object closedAt = row(id).get("closed_at");
        assertNotNull(closedAt);
        long eventsBefore = Rows.count(server, "events", "tenant_id = ?", id);
        long cascadeBefore = Rows.count(server, "audit_logs", "tenant_id = ? AND operation = 'api_key.revoked_via_tenant_cascade'", id);

        for (String target : List.of("ACTIVE", "SUSPENDED")) {
            Api.Res r = admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"" + target + "\"}");
            assertEquals(400, r.status(), target + ": " + r.body());
            assertEquals("INVALID_REQUEST", r.error());
            assertEquals("CLOSED", row(id).get("status"));
        }

        Api.Res again = admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"CLOSED\"}");
        assertEquals(200, again.status(), again.body());
        assertEquals("CLOSED", again.text("status"));
        assertEquals(closed.text("closed_at"), again.text("closed_at"));
        assertEquals(closedAt, row(id).get("closed_at"));
        assertEquals(eventsBefore, Rows.count(server, "events", "tenant_id = ?", id), "re-close emits nothing");
        assertEquals(cascadeBefore, Rows.count(server, "audit_logs", "tenant_id = ? AND operation = 'api_key.revoked_via_tenant_cascade'", id));

        // Keys cannot be issued for a closed tenant.
        Api.Res key = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + id + "\",\"name\":\"late\"}");
        assertEquals(409, key.status(), key.body());
        assertEquals("TENANT_CLOSED", key.error());
    }

    @Test
    void suspendedTenantCanBeClosedAndItsKeysRevoked() {
        String id = newTenant();
        String secret = Fixtures.key(admin, id, "[\"balances:read\"]");
        assertEquals(200, admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"SUSPENDED\"}").status());
        Api.Res closed = admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"CLOSED\"}");
        assertEquals(200, closed.status());
        Api.Res v = admin.post("/v1/auth/validate", "{\"key_secret\":\"" + secret + "\"}");
        assertFalse(v.json().path("valid").asBoolean());
        assertEquals("KEY_REVOKED", v.text("reason"));
    }
}
