package dev.cycles.admin.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guide's audit query verbatim, its alias, the sentinels, and entries written by real requests. */
class AuditSeedExamplesTest extends ServerTest {
    static Api admin;
    static String policyRequestId;
    static String wrongKeyRequestId;
    static String adminFailureRequestId;

    @BeforeAll
    static void start() {
        admin = server.admin();
        Fixtures.tenant(admin, "acme-corp");
        Api key = server.tenant(Fixtures.key(admin, "acme-corp", "[\"policies:read\",\"policies:write\"]"));
        policyRequestId = key.post("/v1/admin/policies", "{\"name\":\"p\",\"scope_pattern\":\"tenant:acme-corp/*\"}").header("X-Request-Id");
        for (int i = 0; i < 12; i++) {
            assertEquals(201, admin.post("/v1/admin/policies", "{\"tenant_id\":\"acme-corp\",\"name\":\"p" + i
                    + "\",\"scope_pattern\":\"tenant:acme-corp\"}").status());
        }
        wrongKeyRequestId = server.tenant("cyc_live_wrong").post("/v1/admin/policies", "{}").header("X-Request-Id");
        adminFailureRequestId = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"acme-corp\",\"permissions\":[\"decide\"]}").header("X-Request-Id");
    }

    @Test
    void guideQueryWorksVerbatimAndMatchesTheSpecPath() {
        // admin-api-guide.txt: curl -s 'http://localhost:7979/v1/admin/audit-logs?tenant_id=acme-corp&limit=10'
        Api.Res guide = admin.get("/v1/admin/audit-logs?tenant_id=acme-corp&limit=10");
        assertEquals(200, guide.status(), guide.body());
        JsonNode logs = guide.json().path("logs");
        assertEquals(10, logs.size());
        assertTrue(guide.json().path("has_more").asBoolean());
        logs.forEach(l -> assertEquals("acme-corp", l.path("tenant_id").asText()));
        Api.Res spec = admin.get("/v1/admin/audit/logs?tenant_id=acme-corp&limit=10");
        assertEquals(ids(spec), ids(guide));
        // The alias pages with the same cursors.
        String next = guide.json().path("next_cursor").asText();
        assertEquals(ids(admin.get("/v1/admin/audit/logs?tenant_id=acme-corp&limit=10&cursor=" + next)),
                ids(admin.get("/v1/admin/audit-logs?tenant_id=acme-corp&limit=10&cursor=" + next)));
    }

    @Test
    void entriesCarryTheRequestsFacts() {
        JsonNode e = admin.get("/v1/admin/audit/logs?request_id=" + policyRequestId).json().path("logs").get(0);
        assertEquals("createPolicy", e.path("operation").asText());
        assertEquals("policy", e.path("resource_type").asText());
        assertTrue(e.path("resource_id").asText().startsWith("pol_"));
        assertEquals(201, e.path("status").asInt());
        assertFalse(e.has("error_code"));
        assertTrue(e.path("key_id").asText().startsWith("key_"));
        assertEquals("api_key", e.path("metadata").path("actor_type").asText());
        assertEquals("tenant:acme-corp/*", e.path("metadata").path("scope_pattern").asText());
        assertEquals(32, e.path("trace_id").asText().length());
        assertEquals(e, admin.get("/v1/admin/audit/logs?trace_id=" + e.path("trace_id").asText()).json().path("logs").get(0));
        assertEquals(e, admin.get("/v1/admin/audit/logs?resource_id=" + e.path("resource_id").asText()).json().path("logs").get(0));
        assertEquals(e, admin.get("/v1/admin/audit/logs?key_id=" + e.path("key_id").asText() + "&operation=createPolicy")
                .json().path("logs").get(0));
    }

    @Test
    void sentinelsFileFailuresWithNoTenant() {
        JsonNode unauth = admin.get("/v1/admin/audit/logs?tenant_id=__unauth__&limit=2").json().path("logs");
        assertEquals(wrongKeyRequestId, unauth.get(0).path("request_id").asText());
        assertEquals(401, unauth.get(0).path("status").asInt());
        assertEquals("UNAUTHORIZED", unauth.get(0).path("error_code").asText());
        JsonNode adminRows = admin.get("/v1/admin/audit/logs?tenant_id=__admin__&limit=3").json().path("logs");
        assertEquals(adminFailureRequestId, adminRows.get(0).path("request_id").asText());
        assertEquals("INVALID_REQUEST", adminRows.get(0).path("error_code").asText());
        // Reference transcript 149: failures across tenants, newest first.
        JsonNode failures = admin.get("/v1/admin/audit/logs?status_min=400&limit=3").json().path("logs");
        assertEquals(List.of(adminFailureRequestId, wrongKeyRequestId),
                List.of(failures.get(0).path("request_id").asText(), failures.get(1).path("request_id").asText()));
    }

    private static List<String> ids(Api.Res r) {
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        r.json().path("logs").forEach(l -> out.add(l.path("log_id").asText()));
        return out;
    }
}
