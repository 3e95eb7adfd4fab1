package dev.cycles.admin.server.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cycles.admin.server.bulk.BulkSteps.ids;
import static dev.cycles.admin.server.bulk.BulkSteps.patchStatus;
import static dev.cycles.admin.server.bulk.BulkSteps.sorted;
import static dev.cycles.admin.server.bulk.BulkSteps.tenant;
import static dev.cycles.admin.server.bulk.BulkSteps.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/admin/tenants/bulk-action: each action and row outcome, the gates, replay, audit and events. */
class BulkTenantActionTest extends ServerTest {
    static final String PATH = "/v1/admin/tenants/bulk-action";

    static String body(String filterJson, String action, Long expected, String key) {
        return "{\"filter\":" + filterJson + ",\"action\":\"" + action + "\"" + (expected == null ? "" : ",\"expected_count\":" + expected)
                + ",\"idempotency_key\":\"" + key + "\"}";
    }

    static String search(String text) {
        return "{\"search\":\"" + text + "\"}";
    }

    /** Three tenants under one prefix: ACTIVE, SUSPENDED, CLOSED. */
    static String[] threeStates(Api admin, String prefix) {
        String active = prefix + "-a", suspended = prefix + "-s", closed = prefix + "-c";
        tenant(admin, active, null);
        tenant(admin, suspended, "SUSPENDED");
        tenant(admin, closed, null);
        patchStatus(admin, closed, "CLOSED");
        return new String[]{active, suspended, closed};
    }

    static String status(Api admin, String id) {
        return admin.get("/v1/admin/tenants/" + id).text("status");
    }

    @Test
    void postBulkActionIsRoutedBesideTheTenantIdPath() {
        Api.Res r = server.admin().post(PATH, body(search("nothing-matches-this"), "SUSPEND", null, unique("k")));
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().path("total_matched").asLong());
        // The id path is unchanged: GET of a tenant called "bulk-action" is an ordinary 404.
        assertEquals(404, server.admin().get(PATH).status());
    }

    @Test
    void suspendSucceedsSkipsAndFailsPerRow() {
        String p = unique("sus");
        String[] t = threeStates(server.admin(), p);
        Api.Res r = server.admin().post(PATH, body(search(p), "SUSPEND", 3L, unique("k")));
        assertEquals(200, r.status(), r.body());
        JsonNode b = r.json();
        assertEquals("SUSPEND", b.path("action").asText());
        assertEquals(3, b.path("total_matched").asLong());
        assertEquals(List.of(t[0]), ids(b.path("succeeded")));
        assertEquals(List.of(t[1]), ids(b.path("skipped")));
        assertEquals("ALREADY_IN_TARGET_STATE", b.path("skipped").get(0).path("reason").asText());
        assertEquals(List.of(t[2]), ids(b.path("failed")));
        assertEquals("INVALID_TRANSITION", b.path("failed").get(0).path("error_code").asText());
        assertTrue(b.path("failed").get(0).path("message").asText().contains("CLOSED"));
        assertEquals("SUSPENDED", status(server.admin(), t[0]));
        assertEquals("CLOSED", status(server.admin(), t[2]));
    }

    @Test
    void reactivateSucceedsSkipsAndFailsPerRow() {
        String p = unique("rea");
        String[] t = threeStates(server.admin(), p);
        JsonNode b = server.admin().post(PATH, body(search(p), "REACTIVATE", null, unique("k"))).json();
        assertEquals(List.of(t[1]), ids(b.path("succeeded")));
        assertEquals(List.of(t[0]), ids(b.path("skipped")));
        assertEquals(List.of(t[2]), ids(b.path("failed")));
        assertEquals("ACTIVE", status(server.admin(), t[1]));
    }

    @Test
    void closeClosesOpenTenantsAndSkipsClosedOnes() {
        String p = unique("clo");
        String[] t = threeStates(server.admin(), p);
        JsonNode b = server.admin().post(PATH, body(search(p), "CLOSE", 3L, unique("k"))).json();
        assertEquals(sorted(List.of(t[0], t[1])), sorted(ids(b.path("succeeded"))));
        assertEquals(List.of(t[2]), ids(b.path("skipped")));
        assertEquals(0, b.path("failed").size());
        assertEquals("CLOSED", status(server.admin(), t[0]));
        assertEquals("CLOSED", status(server.admin(), t[1]));
    }

    @Test
    void oneAuditRowPerCallAndOneEventPerChangedRow() {
        String p = unique("aud");
        String[] t = threeStates(server.admin(), p);
        Api.Res r = server.admin().post(PATH, body(search(p), "SUSPEND", null, unique("k")));
        String requestId = r.header("X-Request-Id");
        Map<String, Object> row = Rows.oneAudit(server, r);
        assertEquals("bulkActionTenants", row.get("operation"));
        assertEquals(200, ((Number) row.get("status")).intValue());
        String meta = (String) row.get("metadata");
        assertTrue(meta.contains("\"actor_type\":\"admin_on_behalf_of\""), meta);
        assertTrue(meta.contains("\"succeeded\":[\"" + t[0] + "\"]"), meta);
        assertTrue(meta.contains(t[2]) && meta.contains("INVALID_TRANSITION"), meta);
        List<Map<String, Object>> events = Rows.select(server, "events", "request_id = ?", requestId);
        assertEquals(1, events.size(), events.toString());
        assertEquals("tenant.suspended", events.get(0).get("event_type"));
        assertEquals(t[0], events.get(0).get("tenant_id"));
        assertEquals("tenant_bulk_action:suspend:" + requestId, events.get(0).get("correlation_id"));
    }

    @Test
    void theFilterSelectsExactlyWhatTheListShows() {
        String p = unique("flt");
        String parent = p + "-parent";
        tenant(server.admin(), parent, null);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = p + "-kid-" + i;
            Api.Res r = server.admin().post("/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Kid " + i
                    + "\",\"parent_tenant_id\":\"" + parent + "\"" + (i == 3 ? ",\"status\":\"SUSPENDED\"" : "") + "}");
            assertEquals(201, r.status(), r.body());
            if (i != 3) {
                expected.add(id);
            }
        }
        tenant(server.admin(), p + "-kid-orphan", null);
        List<String> listed = new ArrayList<>();
        server.admin().get("/v1/admin/tenants?status=ACTIVE&parent_tenant_id=" + parent + "&search=KID&limit=100")
                .json().path("tenants").forEach(n -> listed.add(n.path("tenant_id").asText()));
        assertEquals(sorted(expected), sorted(listed));
        JsonNode b = server.admin().post(PATH, body("{\"status\":\"ACTIVE\",\"parent_tenant_id\":\"" + parent + "\",\"search\":\"KID\"}",
                "SUSPEND", (long) listed.size(), unique("k"))).json();
        assertEquals(listed.size(), b.path("total_matched").asInt());
        assertEquals(sorted(listed), sorted(ids(b.path("succeeded"))));
    }

    @Test
    void countMismatchIs409AndWritesNothing() {
        String p = unique("cnt");
        String[] t = threeStates(server.admin(), p);
        Api.Res r = server.admin().post(PATH, body(search(p), "CLOSE", 2L, unique("k")));
        assertEquals(409, r.status(), r.body());
        assertEquals("COUNT_MISMATCH", r.error());
        assertEquals(3, r.json().path("details").path("total_matched").asLong());
        assertEquals("ACTIVE", status(server.admin(), t[0]));
        assertEquals("SUSPENDED", status(server.admin(), t[1]));
        assertEquals(0, Rows.count(server, "events", "request_id = ?", r.header("X-Request-Id")));
        Map<String, Object> audit = Rows.oneAudit(server, r);
        assertEquals("COUNT_MISMATCH", audit.get("error_code"));
    }

    @Test
    void invalidBodiesAre400() {
        Api admin = server.admin();
        assertEquals("INVALID_REQUEST", admin.post(PATH, body("{}", "SUSPEND", null, "k1")).error());
        assertEquals(400, admin.post(PATH, body("{\"observe_mode\":\"on\"}", "SUSPEND", null, "k1")).status());
        assertEquals(400, admin.post(PATH, body(search("x"), "DELETE", null, "k1")).status());
        assertEquals(400, admin.post(PATH, "{\"filter\":{\"search\":\"x\"},\"action\":\"SUSPEND\"}").status());
        assertEquals(400, admin.post(PATH, body(search("x"), "SUSPEND", null, "")).status());
        assertEquals(400, admin.post(PATH, body(search("x"), "SUSPEND", null, "k".repeat(129))).status());
        assertEquals(400, admin.post(PATH, body(search("x".repeat(129)), "SUSPEND", null, "k1")).status());
        assertEquals(400, admin.post(PATH, body(search("x"), "SUSPEND", -1L, "k1")).status());
        assertEquals(400, admin.post(PATH, body("{\"search\":\"x\",\"name\":\"y\"}", "SUSPEND", null, "k1")).status());
        assertEquals(401, server.anonymous().post(PATH, body(search("x"), "SUSPEND", null, "k1")).status());
    }

    @Test
    void theSameKeyReplaysTheFirstResponseWithoutASecondEffect() {
        String p = unique("idem");
        String[] t = threeStates(server.admin(), p);
        String key = unique("key");
        String request = body(search(p), "SUSPEND", null, key);
        Api.Res first = server.admin().post(PATH, request);
        assertEquals(200, first.status(), first.body());
        // Reactivate by hand: a second application would suspend it again and emit an event.
        patchStatus(server.admin(), t[0], "ACTIVE");
        Api.Res again = server.admin().post(PATH, request);
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json(), again.json());
        assertEquals("ACTIVE", status(server.admin(), t[0]));
        assertEquals(0, Rows.count(server, "events", "request_id = ?", again.header("X-Request-Id")));
        Map<String, Object> audit = Rows.oneAudit(server, again);
        assertTrue(((String) audit.get("metadata")).contains("\"idempotent_replay\":true"));
        // Another request under the same key is refused.
        Api.Res other = server.admin().post(PATH, body(search(p), "CLOSE", null, key));
        assertEquals(409, other.status(), other.body());
        assertEquals("IDEMPOTENCY_MISMATCH", other.error());
        assertNotEquals("CLOSED", status(server.admin(), t[0]));
    }
}
