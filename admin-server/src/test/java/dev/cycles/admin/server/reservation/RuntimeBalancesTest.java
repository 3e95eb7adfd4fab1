package dev.cycles.admin.server.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cycles.admin.server.reservation.RuntimeSteps.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/balances on the runtime plane: the runtime Balance shape, segment filters, tenancy, paging. */
class RuntimeBalancesTest extends ServerTest {
    static String a;
    static String b;
    static Api keyA;
    static Api keyB;

    @BeforeAll
    static void start() {
        Api admin = server.admin();
        a = uniqueTenant("bal-a");
        b = uniqueTenant("bal-b");
        Fixtures.tenant(admin, a);
        Fixtures.tenant(admin, b);
        String t = "tenant:" + a;
        budget(admin, a, t, "TOKENS", 1000);
        budget(admin, a, t, "CREDITS", 50);
        budget(admin, a, t + "/workspace:eng", "TOKENS", 500);
        budget(admin, a, t + "/workspace:engineering", "TOKENS", 100);
        budget(admin, a, t + "/workspace:eng/agent:bot", "TOKENS", 200);
        budget(admin, a, t + "/workspace:ops", "TOKENS", 300);
        Api.Res frozen = admin.post("/v1/admin/budgets/freeze?scope=" + enc(t + "/workspace:ops") + "&unit=TOKENS", null);
        assertEquals(200, frozen.status(), frozen.body());
        budget(admin, b, "tenant:" + b, "TOKENS", 10);
        budget(admin, b, "tenant:" + b + "/workspace:eng", "TOKENS", 10);
        keyA = server.runtime(key(admin, a));
        keyB = server.runtime(key(admin, b));
        reserve(keyA, "hold", "\"tenant\":\"" + a + "\",\"workspace\":\"eng\",\"agent\":\"bot\"", 30, null);
    }

    static List<String> scopes(Api api, String query) {
        return all(api, "/v1/balances", query, "balances").stream()
                .map(n -> n.path("scope_path").asText() + "|" + n.path("remaining").path("unit").asText()).toList();
    }

    @Test
    void everyLedgerOfTheTenantInScopeThenUnitOrder() {
        String t = "tenant:" + a;
        assertEquals(List.of(t + "|CREDITS", t + "|TOKENS", t + "/workspace:eng|TOKENS", t + "/workspace:eng/agent:bot|TOKENS",
                t + "/workspace:engineering|TOKENS", t + "/workspace:ops|TOKENS"), scopes(keyA, "tenant=" + a),
                "all units and statuses (the frozen ops ledger too)");
        Api.Res res = keyA.get("/v1/balances?tenant=" + a);
        assertEquals(a, res.header("X-Cycles-Tenant"));
        assertFalse(res.json().path("has_more").asBoolean());
        for (JsonNode bal : res.json().path("balances")) {
            String path = bal.path("scope_path").asText();
            assertEquals(path.substring(path.lastIndexOf('/') + 1), bal.path("scope").asText());
            String unit = bal.path("remaining").path("unit").asText();
            for (String f : List.of("reserved", "spent", "debt", "allocated", "overdraft_limit")) {
                assertEquals(unit, bal.path(f).path("unit").asText(), path + " " + f + " in one unit");
            }
            long remaining = bal.path("allocated").path("amount").asLong() - bal.path("spent").path("amount").asLong()
                    - bal.path("reserved").path("amount").asLong() - bal.path("debt").path("amount").asLong();
            assertEquals(remaining, bal.path("remaining").path("amount").asLong(), path);
            assertFalse(bal.path("is_over_limit").asBoolean());
            boolean held = unit.equals("TOKENS") && (path.equals("tenant:" + a) || path.endsWith("/workspace:eng")
                    || path.endsWith("/agent:bot"));
            assertEquals(held ? 30 : 0, bal.path("reserved").path("amount").asLong(), path + " holds the reservation");
        }
        JsonNode bot = res.json().path("balances").get(3);
        assertEquals(170, bot.path("remaining").path("amount").asLong());
        assertEquals(200, bot.path("allocated").path("amount").asLong());
    }

    @Test
    void subjectLevelsMatchWholeSegmentsIgnoringCase() {
        String t = "tenant:" + a;
        assertEquals(List.of(t + "/workspace:eng|TOKENS", t + "/workspace:eng/agent:bot|TOKENS"), scopes(keyA, "workspace=eng"));
        assertEquals(scopes(keyA, "workspace=eng"), scopes(keyA, "workspace=ENG"));
        assertEquals(scopes(keyA, "workspace=eng"), scopes(keyA, "workspace=eng&include_children=true"), "include_children changes nothing");
        assertEquals(scopes(keyA, "workspace=eng"), scopes(keyA, "workspace=eng&include_children=false"));
        assertEquals(List.of(t + "/workspace:eng/agent:bot|TOKENS"), scopes(keyA, "agent=bot"));
        assertEquals(List.of(t + "/workspace:eng/agent:bot|TOKENS"), scopes(keyA, "tenant=" + a + "&workspace=eng&agent=bot"));
        assertEquals(List.of(t + "/workspace:engineering|TOKENS"), scopes(keyA, "workspace=engineering"));
        assertEquals(List.of(), scopes(keyA, "workspace=nope"));
        assertEquals(List.of(), scopes(keyA, "workspace=" + enc("eng/agent:bot")));
        assertEquals(List.of(), scopes(keyA, "app=eng"));
    }

    @Test
    void atLeastOneSubjectLevelIsRequired() {
        for (String q : List.of("", "?include_children=true", "?tenant=", "?limit=10", "?unit=TOKENS")) {
            Api.Res res = keyA.get("/v1/balances" + q);
            assertError(res, 400, "INVALID_REQUEST");
        }
    }

    @Test
    void theKeysTenantOnly() {
        assertError(keyA.get("/v1/balances?tenant=" + b), 403, "FORBIDDEN");
        assertError(keyA.get("/v1/balances?tenant=" + b + "&workspace=eng"), 403, "FORBIDDEN");
        assertEquals(List.of("tenant:" + b + "/workspace:eng|TOKENS"), scopes(keyB, "workspace=eng"), "never another tenant's eng");
        assertEquals(2, scopes(keyB, "tenant=" + b).size());
        assertError(server.runtimeAdmin().get("/v1/balances?tenant=" + a), 401, "UNAUTHORIZED");
        assertError(server.runtimeAnonymous().get("/v1/balances?tenant=" + a), 401, "UNAUTHORIZED");
    }

    @Test
    void pagesOfTwoGiveTheSameList() {
        Api.Res first = keyA.get("/v1/balances?tenant=" + a + "&limit=2");
        assertEquals(2, first.json().path("balances").size());
        assertTrue(first.json().path("has_more").asBoolean());
        assertEquals(scopes(keyA, "tenant=" + a), scopes(keyA, "tenant=" + a + "&limit=2"));
        String cursor = enc(first.text("next_cursor"));
        assertError(keyA.get("/v1/balances?workspace=eng&cursor=" + cursor), 400, "INVALID_REQUEST");
        for (String bad : List.of("0", "201", "x")) {
            assertError(keyA.get("/v1/balances?tenant=" + a + "&limit=" + bad), 400, "INVALID_REQUEST");
        }
        assertEquals(200, keyA.get("/v1/balances?tenant=" + a + "&limit=200").status());
    }

    @Test
    void permissionAndScopeFilter() {
        Api admin = server.admin();
        assertError(server.runtime(Fixtures.key(admin, a, "[\"reservations:list\"]")).get("/v1/balances?tenant=" + a), 403, "FORBIDDEN");
        Api eng = server.runtime(keyWithFilter(admin, a, ALL, "[\"workspace:eng\"]"));
        String t = "tenant:" + a;
        assertEquals(List.of(t + "/workspace:eng|TOKENS", t + "/workspace:eng/agent:bot|TOKENS"), scopes(eng, "tenant=" + a));
        assertEquals(List.of(), scopes(eng, "workspace=ops"));
    }
}
