package dev.cycles.admin.server.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.cycles.admin.server.budget.Budgets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Budget lists are answered from memory between writes; these check that every kind of write
 * shows in the very next list, and that callers asking the same question see only their own rows.
 */
class BudgetListFreshnessTest extends ServerTest {

    private static JsonNode ledgers(Api api, String query) {
        Api.Res r = api.get("/v1/admin/budgets" + query);
        assertEquals(200, r.status(), r.body());
        return r.json().path("ledgers");
    }

    private static long allocatedOf(Api api, String query, String scope) {
        for (JsonNode l : ledgers(api, query)) {
            if (l.path("scope").asText().equals(scope)) {
                return amount(l, "allocated");
            }
        }
        throw new AssertionError(scope + " not listed");
    }

    @Test
    void everyWriteShowsInTheNextList() {
        Api admin = server.admin();
        String t = uniqueTenant("fresh");
        Fixtures.tenant(admin, t);
        String scope = "tenant:" + t + "/workspace:eng";
        create(admin, t, scope, "TOKENS", 100);
        String q = "?tenant_id=" + t;
        for (int i = 1; i <= 5; i++) {
            assertEquals(100 + (i - 1) * 10L, allocatedOf(admin, q, scope));
            assertEquals(100 + (i - 1) * 10L, allocatedOf(admin, q, scope), "asked twice with no write between");
            fundOk(admin, scope, "TOKENS", "CREDIT", 10);
        }
        assertEquals(150, allocatedOf(admin, q, scope));

        assertEquals(200, admin.post("/v1/admin/budgets/freeze" + q(scope, "TOKENS"), null).status());
        assertEquals("FROZEN", ledgers(admin, q).get(0).path("status").asText());
        create(admin, t, "tenant:" + t + "/workspace:ops", "TOKENS", 1);
        assertEquals(2, ledgers(admin, q).size());
        // a write that bypasses the services entirely (the test's own SQL) is seen too
        setFigures(server, scope, "TOKENS", 40, 0, 0);
        for (JsonNode l : ledgers(admin, q)) {
            if (l.path("scope").asText().equals(scope)) {
                assertEquals(110, amount(l, "remaining"));
            }
        }
    }

    @Test
    void callersAskingTheSameQuestionSeeOnlyTheirOwnRows() {
        Api admin = server.admin();
        String a = uniqueTenant("same-a");
        String b = uniqueTenant("same-b");
        Fixtures.tenant(admin, a);
        Fixtures.tenant(admin, b);
        create(admin, a, "tenant:" + a + "/workspace:eng", "TOKENS", 1);
        create(admin, a, "tenant:" + a + "/workspace:ops", "TOKENS", 2);
        create(admin, b, "tenant:" + b + "/workspace:eng", "TOKENS", 3);
        Api keyA = server.tenant(Fixtures.key(admin, a, "[\"budgets:read\"]"));
        Api keyB = server.tenant(Fixtures.key(admin, b, "[\"budgets:read\"]"));
        Api keyAEng = server.tenant(keyWithFilter(admin, a, "[\"budgets:read\"]", "[\"workspace:eng\"]"));
        for (int round = 0; round < 3; round++) {
            assertEquals(List.of("tenant:" + a + "/workspace:eng", "tenant:" + a + "/workspace:ops"), scopes(keyA, ""));
            assertEquals(List.of("tenant:" + b + "/workspace:eng"), scopes(keyB, ""));
            assertEquals(List.of("tenant:" + a + "/workspace:eng"), scopes(keyAEng, ""));
            assertEquals(List.of("tenant:" + b + "/workspace:eng"), scopes(admin, "?tenant_id=" + b));
        }
    }

    private static List<String> scopes(Api api, String query) {
        List<String> out = new ArrayList<>();
        ledgers(api, query).forEach(l -> out.add(l.path("scope").asText()));
        return out.stream().sorted().toList();
    }
}
