package dev.cycles.admin.server.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.cycles.admin.server.bulk.BulkSteps.budget;
import static dev.cycles.admin.server.bulk.BulkSteps.ids;
import static dev.cycles.admin.server.bulk.BulkSteps.tenant;
import static dev.cycles.admin.server.bulk.BulkSteps.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bulk CLOSE runs the same cascade as PATCH status=CLOSED: keys revoked, budgets closed, each
 * with its audit row and event; afterwards every change to what the tenant owns is 409
 * TENANT_CLOSED while reads still work, and closing again only finishes what is missing.
 */
class BulkCloseCascadeTest extends ServerTest {

    @Test
    void bulkCloseCascadesAndEveryChildMutationIsThen409() {
        Api admin = server.admin();
        String t = unique("casc");
        tenant(admin, t, null);
        String scope = "tenant:" + t + "/workspace:eng";
        budget(admin, t, scope, "TOKENS", 1000);
        budget(admin, t, "tenant:" + t, "TOKENS", 5000);
        String key1 = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"k1\"}").text("key_id");
        admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"k2\"}");
        Api.Res pol = admin.post("/v1/admin/policies", "{\"tenant_id\":\"" + t + "\",\"name\":\"p\",\"scope_pattern\":\"tenant:" + t + "/*\"}");
        assertEquals(201, pol.status(), pol.body());
        String policyId = pol.text("policy_id");
        Api.Res hook = admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"https://casc.example.com/hook\",\"event_types\":[\"budget.funded\"]}");
        assertEquals(201, hook.status(), hook.body());
        String webhookId = hook.json().path("subscription").path("subscription_id").asText();
        // A delivery still queued when the tenant closes is cancelled by the cascade.
        server.db().write(c -> {
            c.createStatement().executeUpdate("INSERT INTO webhook_deliveries(delivery_id, subscription_id, event_id, event_type, tenant_id, status,"
                    + " attempts, next_attempt_at, created_at) SELECT 'whdel_casc', '" + webhookId + "', event_id, event_type, tenant_id, 'RETRYING', 1,"
                    + " 4102444800000, timestamp FROM events WHERE tenant_id = '" + t + "' LIMIT 1");
            return null;
        });

        Api.Res close = admin.post("/v1/admin/tenants/bulk-action", "{\"filter\":{\"search\":\"" + t + "\"},\"action\":\"CLOSE\","
                + "\"expected_count\":1,\"idempotency_key\":\"" + unique("k") + "\"}");
        assertEquals(200, close.status(), close.body());
        assertEquals(List.of(t), ids(close.json().path("succeeded")));
        String requestId = close.header("X-Request-Id");
        String cascade = "tenant_close_cascade:" + t + ":" + requestId;
        assertEquals(0, Rows.count(server, "budgets", "tenant_id = ? AND status <> 'CLOSED'", t));
        assertEquals(0, Rows.count(server, "api_keys", "tenant_id = ? AND status = 'ACTIVE'", t));
        assertEquals(2, Rows.count(server, "events", "correlation_id = ? AND event_type = 'budget.closed_via_tenant_cascade'", cascade));
        assertEquals(2, Rows.count(server, "events", "correlation_id = ? AND event_type = 'api_key.revoked_via_tenant_cascade'", cascade));
        assertEquals(1, Rows.count(server, "events", "correlation_id = ? AND event_type = 'tenant.closed'", "tenant_bulk_action:close:" + requestId));
        assertEquals(2, Rows.count(server, "audit_logs", "request_id = ? AND operation = 'budget.closed_via_tenant_cascade'", requestId));
        assertEquals(2, Rows.count(server, "audit_logs", "request_id = ? AND operation = 'api_key.revoked_via_tenant_cascade'", requestId));
        assertEquals(1, Rows.count(server, "audit_logs", "request_id = ? AND operation = 'bulkActionTenants'", requestId));
        assertEquals(1, Rows.count(server, "events", "correlation_id = ? AND event_type = 'webhook.disabled_via_tenant_cascade'", cascade));
        assertEquals("DISABLED", admin.get("/v1/admin/webhooks/" + webhookId).text("status"));
        assertEquals(0, Rows.count(server, "webhook_deliveries", "subscription_id = ? AND status IN ('PENDING', 'RETRYING')", webhookId));

        String q = "?scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&unit=TOKENS";
        List<Api.Res> mutations = List.of(
                admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"tenant:" + t + "/app:x\",\"unit\":\"TOKENS\",\"allocated\":1}"),
                admin.patch("/v1/admin/budgets" + q, "{\"overdraft_limit\":5}"),
                admin.post("/v1/admin/budgets/freeze" + q, null),
                admin.post("/v1/admin/budgets/unfreeze" + q, null),
                admin.post("/v1/admin/budgets/fund" + q, "{\"operation\":\"CREDIT\",\"amount\":5}"),
                admin.post("/v1/admin/budgets/bulk-action", "{\"filter\":{\"tenant_id\":\"" + t + "\"},\"action\":\"CREDIT\","
                        + "\"amount\":{\"unit\":\"TOKENS\",\"amount\":1},\"idempotency_key\":\"" + unique("k") + "\"}"),
                admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"k3\"}"),
                admin.patch("/v1/admin/api-keys/" + key1, "{\"name\":\"renamed\"}"),
                admin.delete("/v1/admin/api-keys/" + key1),
                admin.post("/v1/admin/policies", "{\"tenant_id\":\"" + t + "\",\"name\":\"p2\",\"scope_pattern\":\"tenant:" + t + "\"}"),
                admin.patch("/v1/admin/policies/" + policyId, "{\"priority\":5}"),
                admin.patch("/v1/admin/webhooks/" + webhookId, "{\"name\":\"renamed\"}"),
                admin.patch("/v1/admin/webhooks/" + webhookId, "{\"status\":\"ACTIVE\"}"),
                admin.post("/v1/admin/webhooks/" + webhookId + "/test", null),
                admin.post("/v1/admin/webhooks/" + webhookId + "/replay", "{\"from\":\"2020-01-01T00:00:00Z\"}"),
                admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"https://casc2.example.com/hook\",\"event_types\":[\"budget.funded\"]}"),
                admin.delete("/v1/admin/webhooks/" + webhookId));
        for (Api.Res r : mutations) {
            assertEquals(409, r.status(), r.body());
            assertEquals("TENANT_CLOSED", r.error(), r.body());
        }
        assertEquals(200, admin.get("/v1/admin/tenants/" + t).status());
        assertEquals("CLOSED", admin.get("/v1/admin/budgets/lookup" + q).text("status"));
        assertEquals(2, admin.get("/v1/admin/budgets?tenant_id=" + t).json().path("ledgers").size());
        assertEquals(2, admin.get("/v1/admin/api-keys?tenant_id=" + t).json().path("keys").size());
        assertEquals(1, admin.get("/v1/admin/policies?tenant_id=" + t).json().path("policies").size());
        assertEquals(200, admin.get("/v1/admin/events?tenant_id=" + t).status());
    }

    @Test
    void closingAClosedTenantAgainFinishesMissingChildrenOnceByPatchAndByBulk() {
        Api admin = server.admin();
        String t = unique("conv");
        tenant(admin, t, null);
        admin.patch("/v1/admin/tenants/" + t, "{\"status\":\"CLOSED\"}");
        // A child left open under the closed tenant (written by an older server or another component).
        BulkSteps.insertLedgers(server, t, "tenant:" + t, 1, "TOKENS", 10);
        Api.Res patch = admin.patch("/v1/admin/tenants/" + t, "{\"status\":\"CLOSED\"}");
        assertEquals(200, patch.status(), patch.body());
        assertEquals(0, Rows.count(server, "budgets", "tenant_id = ? AND status <> 'CLOSED'", t));
        assertEquals(1, Rows.count(server, "events", "request_id = ? AND event_type = 'budget.closed_via_tenant_cascade'", patch.header("X-Request-Id")));
        // Closed again: nothing left to do, nothing recorded twice.
        Api.Res again = admin.patch("/v1/admin/tenants/" + t, "{\"status\":\"CLOSED\"}");
        assertEquals(0, Rows.count(server, "events", "request_id = ?", again.header("X-Request-Id")));

        BulkSteps.insertLedgers(server, t, "tenant:" + t + "/workspace:w", 1, "TOKENS", 10);
        server.db().write(c -> Sql.update(c, "UPDATE budgets SET reserved = 4 WHERE tenant_id = ? AND status = 'ACTIVE'", t));
        String body = "{\"filter\":{\"search\":\"" + t + "\"},\"action\":\"CLOSE\",\"idempotency_key\":\"" + unique("k") + "\"}";
        Api.Res bulk = admin.post("/v1/admin/tenants/bulk-action", body);
        JsonNode b = bulk.json();
        assertEquals(List.of(t), ids(b.path("skipped")));
        String rid = bulk.header("X-Request-Id");
        assertEquals(0, Rows.count(server, "budgets", "tenant_id = ? AND status <> 'CLOSED'", t));
        List<Map<String, Object>> events = Rows.select(server, "events", "request_id = ?", rid);
        assertEquals(2, events.size(), events.toString());
        assertEquals(1, Rows.count(server, "events", "request_id = ? AND event_type = 'reservation.released_via_tenant_cascade'", rid));
        assertEquals(0, Rows.count(server, "events", "request_id = ? AND event_type = 'tenant.closed'", rid));
    }
}
