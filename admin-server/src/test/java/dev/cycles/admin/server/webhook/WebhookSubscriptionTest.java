package dev.cycles.admin.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook subscriptions over HTTP on both planes: CRUD, the two invariants, the boundary, isolation, events, Rule 2, cascade. */
class WebhookSubscriptionTest extends ServerTest {
    static Api admin;
    static final AtomicInteger SEQ = new AtomicInteger();
    static final String RW = "[\"webhooks:read\",\"webhooks:write\"]";
    static final String URL = "https://hooks.example.com/cycles";

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static String tenant() {
        String id = "wh-t" + SEQ.incrementAndGet();
        Fixtures.tenant(admin, id);
        return id;
    }

    static void assertErr(Api.Res r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.error(), r.toString());
    }

    static JsonNode created(Api.Res r) {
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    static List<Map<String, Object>> events(String type, String subscriptionId) {
        return Rows.select(server, "events", "event_type = ? AND data LIKE ?", type, "%" + subscriptionId + "%");
    }

    @Test
    void adminCreatesGetsListsUpdatesAndDeletesATenantSubscription() {
        String t = tenant();
        JsonNode body = created(admin.post("/v1/admin/webhooks?tenant_id=" + t, """
                {"url": "%s", "event_types": ["budget.exhausted", "tenant.suspended"], "name": "ops",
                 "retry_policy": {"max_retries": 3}, "metadata": {"team": "ops"}}""".formatted(URL)));
        JsonNode sub = body.path("subscription");
        String id = sub.path("subscription_id").asText();
        assertTrue(id.startsWith("whsub_"), id);
        assertEquals(t, sub.path("tenant_id").asText());
        assertEquals("ACTIVE", sub.path("status").asText());
        assertEquals(0, sub.path("consecutive_failures").asInt());
        assertEquals(10, sub.path("disable_after_failures").asInt());
        assertEquals(3, sub.path("retry_policy").path("max_retries").asInt());
        assertEquals(1000, sub.path("retry_policy").path("initial_delay_ms").asInt(), "defaults fill the rest");
        assertTrue(body.path("signing_secret").asText().startsWith("whsec_"));
        assertFalse(sub.has("signing_secret"));

        Api.Res got = admin.get("/v1/admin/webhooks/" + id);
        assertEquals(200, got.status(), got.body());
        assertEquals("ops", got.json().path("name").asText());
        assertFalse(got.body().contains("whsec_"));

        Api.Res list = admin.get("/v1/admin/webhooks?tenant_id=" + t);
        assertEquals(1, list.json().path("subscriptions").size(), list.body());
        assertFalse(list.json().path("has_more").asBoolean());

        // Events: created with the digest's correlation id, in the request's trace.
        List<Map<String, Object>> createdEvents = events("webhook.created", id);
        assertEquals(1, createdEvents.size());
        assertEquals("webhook_create:" + id, createdEvents.get(0).get("correlation_id"));
        assertEquals(t, createdEvents.get(0).get("tenant_id"));
        assertTrue(String.valueOf(createdEvents.get(0).get("data")).contains("\"new_status\":\"ACTIVE\""));

        Api.Res paused = admin.patch("/v1/admin/webhooks/" + id, "{\"status\":\"PAUSED\",\"name\":\"ops2\"}");
        assertEquals(200, paused.status(), paused.body());
        assertEquals("PAUSED", paused.json().path("status").asText());
        List<Map<String, Object>> pausedEvents = events("webhook.paused", id);
        assertEquals(1, pausedEvents.size());
        assertEquals("webhook_update:" + id + ":" + paused.header("X-Request-Id"), pausedEvents.get(0).get("correlation_id"));
        assertTrue(String.valueOf(pausedEvents.get(0).get("data")).contains("\"changed_fields\":[\"name\"]"),
                String.valueOf(pausedEvents.get(0).get("data")));

        Api.Res resumed = admin.patch("/v1/admin/webhooks/" + id, "{\"status\":\"ACTIVE\"}");
        assertEquals("ACTIVE", resumed.json().path("status").asText());
        assertEquals(1, events("webhook.resumed", id).size());

        Api.Res updated = admin.patch("/v1/admin/webhooks/" + id, "{\"event_types\":[\"budget.funded\"]}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals(1, events("webhook.updated", id).size());

        // A PATCH that changes nothing emits no event.
        Api.Res same = admin.patch("/v1/admin/webhooks/" + id, "{\"event_types\":[\"budget.funded\"]}");
        assertEquals(200, same.status());
        assertEquals(1, events("webhook.updated", id).size());

        Api.Res deleted = admin.delete("/v1/admin/webhooks/" + id);
        assertEquals(204, deleted.status(), deleted.body());
        List<Map<String, Object>> deletedEvents = events("webhook.deleted", id);
        assertEquals(1, deletedEvents.size());
        assertEquals("webhook_delete:" + id, deletedEvents.get(0).get("correlation_id"));
        assertTrue(String.valueOf(deletedEvents.get(0).get("data")).contains("\"previous_status\":\"ACTIVE\""));
        assertErr(admin.get("/v1/admin/webhooks/" + id), 404, "WEBHOOK_NOT_FOUND");
        assertErr(admin.delete("/v1/admin/webhooks/" + id), 404, "WEBHOOK_NOT_FOUND");
    }

    @Test
    void systemSubscriptionMayCarryAdminOnlyTypesButTenantOwnedMayNot() {
        JsonNode sys = created(admin.post("/v1/admin/webhooks", """
                {"url": "%s", "event_types": ["api_key.created", "system.webhook_delivery_failed"], "event_categories": ["webhook"]}"""
                .formatted(URL))).path("subscription");
        assertEquals("__system__", sys.path("tenant_id").asText());
        created(admin.post("/v1/admin/webhooks?tenant_id=__system__", "{\"url\":\"" + URL + "\",\"event_types\":[\"policy.created\"]}"));

        String t = tenant();
        // INVARIANT 2 on the admin plane: create with an admin-only type or category.
        assertErr(admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"" + URL + "\",\"event_types\":[\"api_key.created\"]}"),
                400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/webhooks?tenant_id=" + t,
                "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"],\"event_categories\":[\"system\"]}"), 400, "INVALID_REQUEST");
        // ... and on update of a tenant-owned subscription.
        String id = created(admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]}"))
                .path("subscription").path("subscription_id").asText();
        assertErr(admin.patch("/v1/admin/webhooks/" + id, "{\"event_categories\":[\"policy\"]}"), 400, "INVALID_REQUEST");
        assertErr(admin.patch("/v1/admin/webhooks/" + id, "{\"event_types\":[\"webhook.created\"]}"), 400, "INVALID_REQUEST");
        assertErr(admin.patch("/v1/webhooks/" + id, "{\"event_types\":[\"api_key.revoked\"]}"), 400, "INVALID_REQUEST");
        // Nothing of the refused writes was stored.
        assertEquals("[\"budget.funded\"]", Rows.select(server, "webhook_subscriptions", "subscription_id = ?", id).get(0).get("event_types"));
    }

    @Test
    void selectorInvariantHoldsOnEveryWritePath() {
        String t = tenant();
        String key = Fixtures.key(admin, t, RW);
        Api tenantApi = server.tenant(key);
        // Create: event_types required and non-empty on both planes.
        assertErr(admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"" + URL + "\",\"event_types\":[]}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[],\"event_categories\":[]}"), 400, "INVALID_REQUEST");
        assertErr(tenantApi.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[]}"), 400, "INVALID_REQUEST");
        assertErr(tenantApi.post("/v1/webhooks", "{\"url\":\"" + URL + "\"}"), 400, "INVALID_REQUEST");

        // Update: clearing event_types is fine while categories remain, refused when both would be empty.
        String id = created(tenantApi.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]}"))
                .path("subscription").path("subscription_id").asText();
        assertErr(tenantApi.patch("/v1/webhooks/" + id, "{\"event_types\":[]}"), 400, "INVALID_REQUEST");
        assertErr(admin.patch("/v1/admin/webhooks/" + id, "{\"event_types\":[]}"), 400, "INVALID_REQUEST");
        assertErr(admin.patch("/v1/webhooks/" + id, "{\"event_types\":[],\"event_categories\":[]}"), 400, "INVALID_REQUEST");
        Api.Res categoryOnly = tenantApi.patch("/v1/webhooks/" + id, "{\"event_types\":[],\"event_categories\":[\"budget\"]}");
        assertEquals(200, categoryOnly.status(), categoryOnly.body());
        assertEquals(0, categoryOnly.json().path("event_types").size());
        // Now the categories are the only selector: clearing them is refused on every path.
        assertErr(tenantApi.patch("/v1/webhooks/" + id, "{\"event_categories\":[]}"), 400, "INVALID_REQUEST");
        assertErr(admin.patch("/v1/admin/webhooks/" + id, "{\"event_categories\":[]}"), 400, "INVALID_REQUEST");
        String sys = created(admin.post("/v1/admin/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"policy.created\"]}"))
                .path("subscription").path("subscription_id").asText();
        assertErr(admin.patch("/v1/admin/webhooks/" + sys, "{\"event_types\":[]}"), 400, "INVALID_REQUEST");
    }

    @Test
    void tenantPlaneCrudWithTheBoundaryAndIsolation() {
        String a = tenant();
        String b = tenant();
        Api keyA = server.tenant(Fixtures.key(admin, a, RW));
        Api keyB = server.tenant(Fixtures.key(admin, b, RW));
        Api readOnlyA = server.tenant(Fixtures.key(admin, a, "[\"webhooks:read\"]"));

        // Boundary: admin-only types and categories are refused on the tenant plane.
        assertErr(keyA.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"api_key.created\"]}"), 400, "INVALID_REQUEST");
        assertErr(keyA.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"],\"event_categories\":[\"webhook\"]}"),
                400, "INVALID_REQUEST");
        assertErr(readOnlyA.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]}"), 403, "INSUFFICIENT_PERMISSIONS");
        // Create is tenant-key only: the admin key gets a 401 there.
        assertEquals(401, admin.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]}").status());

        JsonNode subA = created(keyA.post("/v1/webhooks", """
                {"url": "%s", "event_types": ["budget.funded"], "event_categories": ["tenant"], "scope_filter": "tenant:%s/*"}"""
                .formatted(URL, a))).path("subscription");
        String idA = subA.path("subscription_id").asText();
        assertEquals(a, subA.path("tenant_id").asText());
        String idB = created(keyB.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"tenant.updated\"]}"))
                .path("subscription").path("subscription_id").asText();
        String sys = created(admin.post("/v1/admin/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"tenant.updated\"]}"))
                .path("subscription").path("subscription_id").asText();
        // A scope_filter outside the owner is a 400.
        assertErr(keyA.post("/v1/webhooks", "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"],\"scope_filter\":\"tenant:" + b + "/*\"}"),
                400, "INVALID_REQUEST");

        assertEquals(200, keyA.get("/v1/webhooks/" + idA).status());
        assertEquals(200, readOnlyA.get("/v1/webhooks/" + idA).status());
        // Another tenant's subscription, and a system one, read as missing for a tenant key.
        for (String other : List.of(idB, sys)) {
            assertErr(keyA.get("/v1/webhooks/" + other), 404, "WEBHOOK_NOT_FOUND");
            assertErr(keyA.patch("/v1/webhooks/" + other, "{\"name\":\"x\"}"), 404, "WEBHOOK_NOT_FOUND");
            assertErr(keyA.delete("/v1/webhooks/" + other), 404, "WEBHOOK_NOT_FOUND");
        }
        // Lists: the key sees its own; the admin must name the tenant with the exact message.
        Api.Res mine = keyA.get("/v1/webhooks");
        assertEquals(List.of(idA), ids(mine));
        Api.Res noTenant = admin.get("/v1/webhooks");
        assertErr(noTenant, 400, "INVALID_REQUEST");
        assertEquals("tenant query parameter is required when using admin key authentication", noTenant.text("message"));
        assertEquals(List.of(idB), ids(admin.get("/v1/webhooks?tenant=" + b)));
        assertErr(keyA.get("/v1/webhooks?tenant=" + b), 400, "INVALID_REQUEST");
        // The admin reads any subscription through the tenant plane.
        assertEquals(200, admin.get("/v1/webhooks/" + idB).status());

        assertErr(readOnlyA.patch("/v1/webhooks/" + idA, "{\"name\":\"x\"}"), 403, "INSUFFICIENT_PERMISSIONS");
        Api.Res patched = keyA.patch("/v1/webhooks/" + idA, "{\"name\":\"mine\",\"status\":\"PAUSED\"}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals("api_key", actorType(Rows.oneAudit(server, patched)));
        // Admin writes on a tenant's subscription are audited as admin_on_behalf_of.
        Api.Res onBehalf = admin.patch("/v1/webhooks/" + idA, "{\"status\":\"ACTIVE\"}");
        assertEquals(200, onBehalf.status(), onBehalf.body());
        assertEquals("admin_on_behalf_of", actorType(Rows.oneAudit(server, onBehalf)));
        List<Map<String, Object>> resumed = events("webhook.resumed", idA);
        assertTrue(String.valueOf(resumed.get(0).get("actor")).contains("admin_on_behalf_of"), resumed.toString());
        Api.Res gone = admin.delete("/v1/webhooks/" + idA);
        assertEquals(204, gone.status());
        assertEquals("admin_on_behalf_of", actorType(Rows.oneAudit(server, gone)));
        assertEquals(204, keyB.delete("/v1/webhooks/" + idB).status());
        assertErr(keyB.get("/v1/webhooks/" + idB), 404, "WEBHOOK_NOT_FOUND");
    }

    @Test
    void adminListFiltersSortsAndPages() {
        String t = tenant();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            all.add(created(admin.post("/v1/admin/webhooks?tenant_id=" + t, """
                    {"url": "https://h%d.example.com/x", "event_types": ["%s"]}""".formatted(i, i % 2 == 0 ? "budget.reset_spent" : "budget.funded")))
                    .path("subscription").path("subscription_id").asText());
        }
        assertEquals(3, admin.get("/v1/admin/webhooks?tenant_id=" + t + "&event_type=budget.reset_spent").json().path("subscriptions").size());
        assertEquals(0, admin.get("/v1/admin/webhooks?tenant_id=" + t + "&event_type=budget.reset").json().path("subscriptions").size(),
                "event_type is an exact entry, not a prefix");
        assertEquals(1, admin.get("/v1/admin/webhooks?tenant_id=" + t + "&search=H3.EXAMPLE").json().path("subscriptions").size());
        assertEquals(5, admin.get("/v1/admin/webhooks?tenant_id=" + t + "&status=ACTIVE").json().path("subscriptions").size());
        assertEquals(0, admin.get("/v1/admin/webhooks?tenant_id=" + t + "&status=PAUSED").json().path("subscriptions").size());
        assertErr(admin.get("/v1/admin/webhooks?sort_by=nope"), 400, "INVALID_REQUEST");
        assertErr(admin.get("/v1/admin/webhooks?status=GONE"), 400, "INVALID_REQUEST");

        List<String> urls = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Api.Res page = admin.get("/v1/admin/webhooks?tenant_id=" + t + "&sort_by=url&sort_dir=asc&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.body());
            for (JsonNode s : page.json().path("subscriptions")) {
                urls.add(s.path("url").asText());
                assertTrue(seen.add(s.path("subscription_id").asText()));
            }
            cursor = page.json().path("has_more").asBoolean() ? page.json().path("next_cursor").asText() : null;
        } while (cursor != null);
        assertEquals(all, seen);
        List<String> sorted = new ArrayList<>(urls);
        sorted.sort(String::compareTo);
        assertEquals(sorted, urls);
    }

    @Test
    void validationRefusesBadFields() {
        String t = tenant();
        String base = "\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]";
        String path = "/v1/admin/webhooks?tenant_id=" + t;
        assertErr(admin.post(path, "{" + base + ",\"extra\":1}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.nope\"]}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"retry_policy\":{\"max_retries\":11}}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"retry_policy\":{\"initial_delay_ms\":50}}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"disable_after_failures\":0}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"signing_secret\":\"short\"}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"headers\":{\"X-Cycles-Signature\":\"forged\"}}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"headers\":{\"Bad Name\":\"v\"}}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"headers\":{\"X-A\":\"line\\r\\nInjected: 1\"}}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"name\":\"" + "n".repeat(257) + "\"}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"thresholds\":{\"budget_utilization\":[1.5]}}"), 400, "INVALID_REQUEST");
        assertErr(admin.post(path, "{" + base + ",\"scope_filter\":\"agent:*\"}"), 400, "INVALID_REQUEST");
        assertErr(admin.post("/v1/admin/webhooks?tenant_id=no-such-tenant", "{" + base + "}"), 404, "TENANT_NOT_FOUND");
        String id = created(admin.post(path, "{" + base + "}")).path("subscription").path("subscription_id").asText();
        assertErr(admin.patch("/v1/admin/webhooks/" + id, "{\"status\":\"DISABLED\"}"), 400, "INVALID_REQUEST");
        assertErr(admin.patch("/v1/admin/webhooks/whsub_missing", "{\"name\":\"x\"}"), 404, "WEBHOOK_NOT_FOUND");
        assertEquals(0, Rows.count(server, "webhook_subscriptions", "tenant_id = ? AND subscription_id <> ?", t, id));
    }

    @Test
    void closingTheTenantDisablesItsSubscriptionsAndFreezesThem() {
        String t = tenant();
        String active = created(admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]}"))
                .path("subscription").path("subscription_id").asText();
        String paused = created(admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]}"))
                .path("subscription").path("subscription_id").asText();
        assertEquals(200, admin.patch("/v1/admin/webhooks/" + paused, "{\"status\":\"PAUSED\"}").status());
        Api.Res close = admin.patch("/v1/admin/tenants/" + t, "{\"status\":\"CLOSED\"}");
        assertEquals(200, close.status(), close.body());
        String correlation = "tenant_close_cascade:" + t + ":" + close.header("X-Request-Id");
        for (String id : List.of(active, paused)) {
            assertEquals("DISABLED", admin.get("/v1/admin/webhooks/" + id).json().path("status").asText());
            List<Map<String, Object>> ev = events("webhook.disabled_via_tenant_cascade", id);
            assertEquals(1, ev.size());
            assertEquals(correlation, ev.get(0).get("correlation_id"));
            assertEquals(1, Rows.count(server, "audit_logs", "operation = 'webhook.disabled_via_tenant_cascade' AND resource_id = ?", id));
        }
        // Rule 2: nothing of a CLOSED tenant changes, on either plane; reads still work.
        assertErr(admin.patch("/v1/admin/webhooks/" + active, "{\"status\":\"ACTIVE\"}"), 409, "TENANT_CLOSED");
        assertErr(admin.patch("/v1/webhooks/" + active, "{\"name\":\"x\"}"), 409, "TENANT_CLOSED");
        assertErr(admin.delete("/v1/admin/webhooks/" + active), 409, "TENANT_CLOSED");
        assertErr(admin.delete("/v1/webhooks/" + active), 409, "TENANT_CLOSED");
        assertErr(admin.post("/v1/admin/webhooks?tenant_id=" + t, "{\"url\":\"" + URL + "\",\"event_types\":[\"budget.funded\"]}"),
                409, "TENANT_CLOSED");
        assertEquals(200, admin.get("/v1/webhooks/" + active).status());
    }

    @Test
    void overviewCountsSubscriptions() {
        JsonNode counts = admin.get("/v1/admin/overview").json().path("webhook_counts");
        long total = Rows.count(server, "webhook_subscriptions", null);
        assertEquals(total, counts.path("total").asLong());
        assertEquals(Rows.count(server, "webhook_subscriptions", "status = 'ACTIVE'"), counts.path("active").asLong());
        assertNotNull(admin.get("/v1/admin/overview").json().get("failing_webhooks"));
    }

    static List<String> ids(Api.Res r) {
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        r.json().path("subscriptions").forEach(s -> out.add(s.path("subscription_id").asText()));
        return out;
    }

    static String actorType(Map<String, Object> auditRow) {
        try {
            return dev.cycles.admin.model.Json.mapper().readTree(String.valueOf(auditRow.get("metadata"))).path("actor_type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
