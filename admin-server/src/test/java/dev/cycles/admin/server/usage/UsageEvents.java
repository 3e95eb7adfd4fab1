package dev.cycles.admin.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestServer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Set-up and read-back steps shared by the POST /v1/events tests. */
final class UsageEvents {
    static final String USD = "USD_MICROCENTS";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private UsageEvents() {
    }

    /** A fresh tenant with a key holding {@code permissionsJson}; returns the tenant id and its runtime client. */
    record Tenant(String id, Api runtime) {
        String root() {
            return "tenant:" + id;
        }

        String agent(String name) {
            return root() + "/agent:" + name;
        }
    }

    static Tenant tenant(TestServer server, String permissionsJson) {
        String id = "ue-" + System.nanoTime() % 100000 + "-" + SEQ.incrementAndGet();
        Fixtures.tenant(server.admin(), id);
        return new Tenant(id, runtime(server, key(server, id, permissionsJson, null)));
    }

    /**
     * A key's secret. Unchecked: events:create is outside the public spec's permission enum
     * (the seed guide grants it), so the key's own 201 would fail that contract.
     */
    static String key(TestServer server, String tenantId, String permissionsJson, String scopeFilterJson) {
        Api.Res r = server.admin().unchecked().post("/v1/admin/api-keys", "{\"tenant_id\":\"" + tenantId + "\",\"name\":\"k\","
                + "\"permissions\":" + permissionsJson + (scopeFilterJson == null ? "" : ",\"scope_filter\":" + scopeFilterJson) + "}");
        assertEquals(201, r.status(), r.body());
        return r.text("key_secret");
    }

    /** The runtime plane, every answer checked against the public runtime spec and runtime-openapi.yaml. */
    static Api runtime(TestServer server, String secret) {
        return server.runtime(secret);
    }

    /** Creates a ledger (overdraft limit {@code overdraft}, overage policy {@code policy} or none) and asserts 201. */
    static void budget(TestServer server, String tenantId, String scope, String unit, long allocated, long overdraft, String policy) {
        Api.Res r = server.admin().post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenantId + "\",\"scope\":\"" + scope
                + "\",\"unit\":\"" + unit + "\",\"allocated\":{\"unit\":\"" + unit + "\",\"amount\":" + allocated + "}"
                + ",\"overdraft_limit\":{\"unit\":\"" + unit + "\",\"amount\":" + overdraft + "}"
                + (policy == null ? "" : ",\"commit_overage_policy\":\"" + policy + "\"") + "}");
        assertEquals(201, r.status(), r.body());
    }

    /** An event body for {@code {tenant, agent}} (agent null: the tenant only); {@code policy} null leaves it out. */
    static String body(String key, String tenantId, String agent, String unit, long amount, String policy) {
        return "{\"idempotency_key\":\"" + key + "\",\"subject\":{\"tenant\":\"" + tenantId + "\""
                + (agent == null ? "" : ",\"agent\":\"" + agent + "\"") + "},\"action\":{\"kind\":\"llm.completion\",\"name\":\"gpt\"},"
                + "\"actual\":{\"unit\":\"" + unit + "\",\"amount\":" + amount + "}"
                + (policy == null ? "" : ",\"overage_policy\":\"" + policy + "\"") + "}";
    }

    static Api.Res post(Tenant t, String json) {
        return t.runtime().post("/v1/events", json);
    }

    static JsonNode applied(Api.Res r) {
        assertEquals(201, r.status(), r.body());
        JsonNode n = r.json();
        assertEquals("APPLIED", n.path("status").asText(), r.body());
        assertTrue(n.path("event_id").asText().startsWith("uev_"), r.body());
        return n;
    }

    static void refused(Api.Res r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.error(), r.body());
    }

    /** The tenant's ledgers as the admin plane lists them, each checked against the ledger invariant. */
    static List<JsonNode> ledgers(TestServer server, String tenantId) {
        Api.Res r = server.admin().get("/v1/admin/budgets?tenant_id=" + tenantId);
        assertEquals(200, r.status(), r.body());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode l : r.json().path("ledgers")) {
            long remaining = l.path("allocated").path("amount").asLong() - l.path("spent").path("amount").asLong()
                    - l.path("reserved").path("amount").asLong() - l.path("debt").path("amount").asLong();
            assertEquals(remaining, l.path("remaining").path("amount").asLong(), "invariant: " + l);
            out.add(l);
        }
        return out;
    }

    /** Asserts (spent, debt, remaining, is_over_limit) of the ledger at {@code scope}, via the admin plane. */
    static void assertLedger(TestServer server, String tenantId, String scope, long spent, long debt, long remaining, boolean overLimit) {
        JsonNode l = ledgers(server, tenantId).stream().filter(n -> n.path("scope").asText().equals(scope)).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger at " + scope));
        assertEquals(spent, l.path("spent").path("amount").asLong(), "spent " + l);
        assertEquals(debt, l.path("debt").path("amount").asLong(), "debt " + l);
        assertEquals(remaining, l.path("remaining").path("amount").asLong(), "remaining " + l);
        assertEquals(0, l.path("reserved").path("amount").asLong(), "reserved " + l);
        assertEquals(overLimit, l.path("is_over_limit").asBoolean(), "is_over_limit " + l);
    }

    /** The balance for {@code scope} in an answer's balances. */
    static JsonNode balance(JsonNode answer, String scope) {
        for (JsonNode b : answer.path("balances")) {
            if (b.path("scope_path").asText().equals(scope)) {
                return b;
            }
        }
        throw new AssertionError("no balance for " + scope + " in " + answer);
    }

    /** The governance events of the tenant, oldest first, as the admin plane lists them. */
    static List<JsonNode> events(TestServer server, String tenantId) {
        Api.Res r = server.admin().get("/v1/admin/events?tenant_id=" + tenantId + "&limit=200");
        assertEquals(200, r.status(), r.body());
        List<JsonNode> out = new ArrayList<>();
        r.json().path("events").forEach(out::add);
        return out;
    }

    /** The ids of the tenant's governance events so far. */
    static Set<String> eventIds(TestServer server, String tenantId) {
        Set<String> out = new HashSet<>();
        events(server, tenantId).forEach(e -> out.add(e.path("event_id").asText()));
        return out;
    }

    /** event_type@scope of every event not in {@code before}, sorted (order within a transaction is not the point). */
    static List<String> newEvents(TestServer server, String tenantId, Set<String> before) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events(server, tenantId)) {
            if (!before.contains(e.path("event_id").asText())) {
                out.add(e.path("event_type").asText() + "@" + e.path("scope").asText());
            }
        }
        out.sort(null);
        return out;
    }

    /** The one new event of {@code type} at {@code scope}. */
    static JsonNode newEvent(TestServer server, String tenantId, Set<String> before, String type, String scope) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : events(server, tenantId)) {
            if (!before.contains(e.path("event_id").asText()) && e.path("event_type").asText().equals(type)
                    && e.path("scope").asText().equals(scope)) {
                found.add(e);
            }
        }
        assertEquals(1, found.size(), type + "@" + scope + ": " + found);
        return found.get(0);
    }

    static long usageRows(TestServer server, String tenantId) {
        return server.db().read(c -> Sql.count(c, "SELECT COUNT(*) FROM usage_events WHERE tenant_id = ?", tenantId));
    }
}
