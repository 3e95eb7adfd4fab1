package dev.cycles.admin.server.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/admin/webhooks/bulk-action: PAUSE, RESUME, DELETE with the list's filter and the shared bulk contract. */
class BulkWebhookActionTest extends ServerTest {

    @Test
    void pauseResumeAndDeleteWithEveryRowOutcome() {
        Api admin = server.admin();
        Fixtures.tenant(admin, "wb-co");
        String active = subscribe(admin, "wb-co", 1);
        String paused = subscribe(admin, "wb-co", 2);
        String disabled = subscribe(admin, "wb-co", 3);
        assertEquals(200, admin.patch("/v1/admin/webhooks/" + paused, "{\"status\":\"PAUSED\"}").status());
        server.db().write(c -> {
            c.createStatement().executeUpdate("UPDATE webhook_subscriptions SET status = 'DISABLED' WHERE subscription_id = '" + disabled + "'");
            return null;
        });
        long auditBefore = Rows.count(server, "audit_logs", "operation = 'bulkActionWebhooks'");

        Api.Res pause = bulk(admin, "{\"filter\":{\"tenant_id\":\"wb-co\"},\"action\":\"PAUSE\",\"expected_count\":3,\"idempotency_key\":\"p1\"}");
        assertEquals(200, pause.status(), pause.body());
        assertEquals(List.of(active), ids(pause, "succeeded"));
        assertEquals(List.of(disabled, paused).stream().sorted().toList(), ids(pause, "skipped"));
        assertEquals("ALREADY_IN_TARGET_STATE", pause.json().path("skipped").get(0).path("reason").asText());
        List<java.util.Map<String, Object>> pausedEvents = Rows.select(server, "events", "event_type = 'webhook.paused' AND correlation_id = ?",
                "webhook_bulk_action:pause:" + pause.header("X-Request-Id"));
        assertEquals(1, pausedEvents.size());

        Api.Res resume = bulk(admin, "{\"filter\":{\"tenant_id\":\"wb-co\"},\"action\":\"RESUME\",\"idempotency_key\":\"r1\"}");
        assertEquals(200, resume.status(), resume.body());
        assertEquals(List.of(active, paused).stream().sorted().toList(), ids(resume, "succeeded"));
        assertEquals(List.of(disabled), ids(resume, "failed"));
        assertEquals("INVALID_TRANSITION", resume.json().path("failed").get(0).path("error_code").asText());
        assertEquals("DISABLED", admin.get("/v1/admin/webhooks/" + disabled).text("status"));

        // What the list shows for a filter is exactly what the bulk action touches.
        List<String> listed = new ArrayList<>();
        admin.get("/v1/admin/webhooks?tenant_id=wb-co&status=ACTIVE").json().path("subscriptions")
                .forEach(s -> listed.add(s.path("subscription_id").asText()));
        Api.Res delete = bulk(admin, "{\"filter\":{\"tenant_id\":\"wb-co\",\"status\":\"ACTIVE\"},\"action\":\"DELETE\",\"idempotency_key\":\"d1\"}");
        assertEquals(200, delete.status(), delete.body());
        assertEquals(new TreeSet<>(listed), new TreeSet<>(ids(delete, "succeeded")));
        assertEquals(404, admin.get("/v1/admin/webhooks/" + active).status());
        assertEquals(2, Rows.count(server, "events", "event_type = 'webhook.deleted' AND correlation_id = ?",
                "webhook_bulk_action:delete:" + delete.header("X-Request-Id")));

        // The same key again replays the first answer and changes nothing.
        Api.Res replay = bulk(admin, "{\"filter\":{\"tenant_id\":\"wb-co\",\"status\":\"ACTIVE\"},\"action\":\"DELETE\",\"idempotency_key\":\"d1\"}");
        assertEquals(delete.json(), replay.json());
        assertEquals(4, Rows.count(server, "audit_logs", "operation = 'bulkActionWebhooks'") - auditBefore,
                "one row per call (three applied, one replayed), none per row");
    }

    @Test
    void theCountGateAndAnEmptyFilterWriteNothing() {
        Api admin = server.admin();
        Fixtures.tenant(admin, "wb-gate");
        String id = subscribe(admin, "wb-gate", 9);
        Api.Res mismatch = bulk(admin, "{\"filter\":{\"tenant_id\":\"wb-gate\"},\"action\":\"PAUSE\",\"expected_count\":2,\"idempotency_key\":\"g1\"}");
        assertEquals(409, mismatch.status(), mismatch.body());
        assertEquals("COUNT_MISMATCH", mismatch.error());
        assertEquals("ACTIVE", admin.get("/v1/admin/webhooks/" + id).text("status"));
        Api.Res empty = bulk(admin, "{\"filter\":{},\"action\":\"DELETE\",\"idempotency_key\":\"g2\"}");
        assertEquals(400, empty.status(), empty.body());
        Api.Res badType = bulk(admin, "{\"filter\":{\"event_type\":\"nope.nope\"},\"action\":\"PAUSE\",\"idempotency_key\":\"g3\"}");
        assertEquals(400, badType.status(), badType.body());
        assertTrue(admin.get("/v1/admin/webhooks/" + id).status() == 200);
    }

    private static String subscribe(Api admin, String tenant, int n) {
        Api.Res r = admin.post("/v1/admin/webhooks?tenant_id=" + tenant, "{\"url\":\"https://h" + n + ".example.com/hook\","
                + "\"event_types\":[\"budget.funded\"]}");
        assertEquals(201, r.status(), r.body());
        return r.json().path("subscription").path("subscription_id").asText();
    }

    private static Api.Res bulk(Api admin, String body) {
        return admin.post("/v1/admin/webhooks/bulk-action", body);
    }

    private static List<String> ids(Api.Res r, String outcome) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : r.json().path(outcome)) {
            out.add(row.path("id").asText());
        }
        return out.stream().sorted().toList();
    }
}
