package dev.cycles.admin.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static dev.cycles.admin.server.usage.UsageEvents.USD;
import static dev.cycles.admin.server.usage.UsageEvents.applied;
import static dev.cycles.admin.server.usage.UsageEvents.assertLedger;
import static dev.cycles.admin.server.usage.UsageEvents.body;
import static dev.cycles.admin.server.usage.UsageEvents.budget;
import static dev.cycles.admin.server.usage.UsageEvents.eventIds;
import static dev.cycles.admin.server.usage.UsageEvents.newEvents;
import static dev.cycles.admin.server.usage.UsageEvents.post;
import static dev.cycles.admin.server.usage.UsageEvents.refused;
import static dev.cycles.admin.server.usage.UsageEvents.usageRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/events: validation, replay, who may call it, and every refusal, each leaving the ledgers untouched. */
class UsageEventRulesTest extends ServerTest {

    /** A tenant with a 1000 ledger at its root and a 300 ledger at agent:bot, and a key holding {@code permissions}. */
    private static UsageEvents.Tenant funded(String permissions) {
        UsageEvents.Tenant t = UsageEvents.tenant(server, permissions);
        budget(server, t.id(), t.root(), USD, 1000, 0, null);
        budget(server, t.id(), t.agent("bot"), USD, 300, 0, null);
        return t;
    }

    private static void untouched(UsageEvents.Tenant t) {
        assertLedger(server, t.id(), t.root(), 0, 0, 1000, false);
        assertLedger(server, t.id(), t.agent("bot"), 0, 0, 300, false);
        assertEquals(0, usageRows(server, t.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1}}",
            "{\"idempotency_key\":\"\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":5}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":-1}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\"}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"dimensions\":{\"a\":\"b\"}},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\",\"agent\":\"a/b\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1},\"client_time_ms\":-1}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1},\"metrics\":{\"tokens_input\":-1}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1},\"overage_policy\":\"SOMETIMES\"}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1},\"dry_run\":true}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\",\"team\":\"x\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1}}",
            "{\"idempotency_key\":\"v\",\"subject\":{\"tenant\":\"%s\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":1},\"metadata\":[1]}",
            "not json"})
    void invalidBodiesAre400AndChargeNothing(String template) {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        Api.Res r = post(t, template.replace("%s", t.id()));
        refused(r, 400, "INVALID_REQUEST");
        untouched(t);
    }

    @Test
    void anIdempotencyKeyLongerThan256Is400() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        refused(post(t, body("k".repeat(257), t.id(), "bot", USD, 1, null)), 400, "INVALID_REQUEST");
        applied(post(t, body("k".repeat(256), t.id(), "bot", USD, 1, null)));
    }

    @Test
    void aReplayAnswersTheFirstBodyAndChargesOnce() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        String first = "{\"idempotency_key\":\"same\",\"subject\":{\"tenant\":\"" + t.id() + "\",\"agent\":\"bot\"},\"action\":{\"kind\":\"llm\","
                + "\"name\":\"gpt\"},\"actual\":{\"unit\":\"USD_MICROCENTS\",\"amount\":120},\"overage_policy\":\"ALLOW_IF_AVAILABLE\","
                + "\"client_time_ms\":1000,\"metrics\":{\"tokens_input\":10,\"latency_ms\":5},\"metadata\":{\"run\":\"r-1\"}}";
        Api.Res a = post(t, first);
        applied(a);
        Set<String> before = eventIds(server, t.id());
        Api.Res again = post(t, first);
        assertEquals(201, again.status(), again.body());
        assertEquals(a.json(), again.json(), "the stored answer, event_id and balances included");
        // client_time_ms is advisory: another client clock is the same event; the header may repeat the key
        Api.Res later = t.runtime().send("POST", "/v1/events", first.replace("\"client_time_ms\":1000", "\"client_time_ms\":99999"),
                "application/json", "X-Idempotency-Key", "same");
        assertEquals(201, later.status(), later.body());
        assertEquals(a.json().path("event_id"), later.json().path("event_id"));
        assertLedger(server, t.id(), t.root(), 120, 0, 880, false);
        assertLedger(server, t.id(), t.agent("bot"), 120, 0, 180, false);
        assertEquals(1, usageRows(server, t.id()));
        assertEquals(List.of(), newEvents(server, t.id(), before), "a replay emits nothing");

        // the same key with another payload is a mismatch, and a freeze does not change what a replay answers
        refused(post(t, first.replace("\"amount\":120", "\"amount\":121")), 409, "IDEMPOTENCY_MISMATCH");
        refused(post(t, first.replace("\"run\":\"r-1\"", "\"run\":\"r-2\"")), 409, "IDEMPOTENCY_MISMATCH");
        refused(post(t, first.replace(",\"overage_policy\":\"ALLOW_IF_AVAILABLE\"", "")), 409, "IDEMPOTENCY_MISMATCH");
        assertEquals(200, server.admin().post("/v1/admin/budgets/freeze?scope=" + enc(t.agent("bot")) + "&unit=" + USD, null).status());
        assertEquals(a.json(), post(t, first).json());
        assertEquals(1, usageRows(server, t.id()));
    }

    @Test
    void aHeaderKeyThatDiffersFromTheBodyIs400() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        Api.Res r = t.runtime().send("POST", "/v1/events", body("body-key", t.id(), "bot", USD, 5, null), "application/json",
                "X-Idempotency-Key", "header-key");
        refused(r, 400, "INVALID_REQUEST");
        untouched(t);
    }

    @Test
    void keysPerTenantAreIndependent() {
        UsageEvents.Tenant a = funded("[\"events:create\"]");
        UsageEvents.Tenant b = funded("[\"events:create\"]");
        String ea = applied(post(a, body("shared", a.id(), "bot", USD, 7, null))).path("event_id").asText();
        String eb = applied(post(b, body("shared", b.id(), "bot", USD, 9, null))).path("event_id").asText();
        assertNotEquals(ea, eb);
        assertLedger(server, b.id(), b.agent("bot"), 9, 0, 291, false);
    }

    @Test
    void permissions() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        Api.Res denied = UsageEvents.runtime(server, UsageEvents.key(server, t.id(), "[\"balances:read\"]", null))
                .post("/v1/events", body("p-0", t.id(), "bot", USD, 1, null));
        refused(denied, 403, "FORBIDDEN");
        assertTrue(denied.json().path("message").asText().contains("events:create"), denied.body());
        // admin:read is a read wildcard: it must not grant a charge
        refused(UsageEvents.runtime(server, UsageEvents.key(server, t.id(), "[\"admin:read\"]", null))
                .post("/v1/events", body("p-1", t.id(), "bot", USD, 1, null)), 403, "FORBIDDEN");
        // the permission is checked before the body is read, as on every other runtime route
        refused(UsageEvents.runtime(server, UsageEvents.key(server, t.id(), "[\"balances:read\"]", null))
                .post("/v1/events", "not json"), 403, "FORBIDDEN");
        untouched(t);
        applied(post(t, body("p-2", t.id(), "bot", USD, 1, null)));
        applied(UsageEvents.runtime(server, UsageEvents.key(server, t.id(), "[\"reservations:commit\"]", null))
                .post("/v1/events", body("p-3", t.id(), "bot", USD, 1, null)));
        applied(UsageEvents.runtime(server, UsageEvents.key(server, t.id(), "[\"admin:write\"]", null))
                .post("/v1/events", body("p-4", t.id(), "bot", USD, 1, null)));
        assertLedger(server, t.id(), t.agent("bot"), 3, 0, 297, false);
        refused(UsageEvents.runtime(server, null).post("/v1/events", body("p-5", t.id(), "bot", USD, 1, null)), 401, "UNAUTHORIZED");
        refused(server.runtimeAdmin().unchecked().post("/v1/events", body("p-6", t.id(), "bot", USD, 1, null)), 401, "UNAUTHORIZED");
    }

    @Test
    void anotherTenantsSubjectAndScopesOutsideTheFilterAre403() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        UsageEvents.Tenant other = funded("[\"events:create\"]");
        refused(post(t, body("x-1", other.id(), "bot", USD, 1, null)), 403, "FORBIDDEN");
        Api filtered = UsageEvents.runtime(server, UsageEvents.key(server, t.id(), "[\"events:create\"]", "[\"agent:bot\"]"));
        refused(filtered.post("/v1/events", body("x-2", t.id(), "other", USD, 1, null)), 403, "FORBIDDEN");
        refused(filtered.post("/v1/events", body("x-3", t.id(), null, USD, 1, null)), 403, "FORBIDDEN");
        untouched(t);
        assertLedger(server, other.id(), other.agent("bot"), 0, 0, 300, false);
        applied(filtered.post("/v1/events", body("x-4", t.id(), "bot", USD, 1, null)));
        assertLedger(server, t.id(), t.agent("bot"), 1, 0, 299, false);
    }

    @Test
    void aWrongUnitIsUnitMismatchAndNoLedgerIs404() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        Api.Res wrong = post(t, body("u-1", t.id(), "bot", "TOKENS", 5, null));
        refused(wrong, 400, "UNIT_MISMATCH");
        JsonNode d = wrong.json().path("details");
        assertEquals(t.root(), d.path("scope").asText(), wrong.body());
        assertEquals("TOKENS", d.path("requested_unit").asText());
        assertEquals(List.of(USD), List.of(d.path("expected_units").get(0).asText()));
        assertEquals(1, d.path("expected_units").size());

        UsageEvents.Tenant bare = UsageEvents.tenant(server, "[\"events:create\"]");
        Api.Res none = post(bare, body("u-2", bare.id(), "bot", USD, 5, null));
        refused(none, 404, "NOT_FOUND");
        assertEquals("Budget not found for provided scope: " + bare.agent("bot"), none.json().path("message").asText());
        untouched(t);
    }

    @Test
    void aFrozenOrClosedLedgerRefusesEveryPolicy() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        Set<String> before = eventIds(server, t.id());
        assertEquals(200, server.admin().post("/v1/admin/budgets/freeze?scope=" + enc(t.agent("bot")) + "&unit=" + USD, null).status());
        for (String p : new String[]{"REJECT", "ALLOW_IF_AVAILABLE", "ALLOW_WITH_OVERDRAFT"}) {
            refused(post(t, body("f-" + p, t.id(), "bot", USD, 1, p)), 409, "BUDGET_FROZEN");
        }
        assertEquals(200, server.admin().post("/v1/admin/budgets/unfreeze?scope=" + enc(t.agent("bot")) + "&unit=" + USD, null).status());
        // a ledger is CLOSED only by its tenant's close, which also revokes the keys: set the status directly
        server.db().write(c -> Sql.update(c, "UPDATE budgets SET status = 'CLOSED' WHERE tenant_id = ? AND scope = ?", t.id(), t.root()));
        refused(post(t, body("c-1", t.id(), "bot", USD, 1, null)), 409, "BUDGET_CLOSED");
        server.db().write(c -> Sql.update(c, "UPDATE budgets SET status = 'ACTIVE' WHERE tenant_id = ? AND scope = ?", t.id(), t.root()));
        untouched(t);
        assertEquals(List.of("budget.frozen@" + t.agent("bot"), "budget.unfrozen@" + t.agent("bot")), newEvents(server, t.id(), before),
                "the refusals raise no signal: only the admin's freeze and unfreeze are in the stream");
        applied(post(t, body("c-2", t.id(), "bot", USD, 1, null)));
    }

    @Test
    void aSuspendedTenantMayNotRecordUsage() {
        UsageEvents.Tenant t = funded("[\"events:create\"]");
        assertEquals(200, server.admin().patch("/v1/admin/tenants/" + t.id(), "{\"status\":\"SUSPENDED\"}").status());
        Api.Res r = post(t, body("s-1", t.id(), "bot", USD, 1, null));
        refused(r, 403, "FORBIDDEN");
        assertTrue(r.json().path("message").asText().contains("tenant suspended"), r.body());
        untouched(t);
        assertEquals(200, server.admin().patch("/v1/admin/tenants/" + t.id(), "{\"status\":\"ACTIVE\"}").status());
        applied(post(t, body("s-1", t.id(), "bot", USD, 1, null)));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
