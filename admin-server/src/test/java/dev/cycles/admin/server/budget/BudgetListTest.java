package dev.cycles.admin.server.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static dev.cycles.admin.server.budget.Budgets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** listBudgets: every filter, every sort in both directions, and cursor paging. */
class BudgetListTest extends ServerTest {
    static Api admin;
    static String t;

    @BeforeAll
    static void start() {
        admin = server.admin();
        t = uniqueTenant("ls");
        Fixtures.tenant(admin, t);
        // 12 ledgers with varied figures
        String[] scopes = {"", "/workspace:eng", "/workspace:engineering", "/workspace:eng/agent:a", "/workspace:eng/agent:b",
                "/workspace:ops", "/toolset:t", "/app:web/agent:x", "/agent:solo", "/workspace:eng/app:api", "/app:web", "/workflow:w"};
        for (int i = 0; i < scopes.length; i++) {
            String unit = i % 3 == 0 ? "CREDITS" : "TOKENS";
            create(admin, t, "tenant:" + t + scopes[i], unit, 1000);
            // utilization i/12-ish, debt on every 4th
            setFigures(server, "tenant:" + t + scopes[i], unit, i * 75L, 0, i % 4 == 0 ? i * 10L : 0);
        }
        // one FROZEN, one over limit (fund op recomputes the flag), one with a commit policy
        assertEquals(200, admin.post("/v1/admin/budgets/freeze" + q("tenant:" + t + "/workspace:ops", "TOKENS"), null).status());
        fundOk(admin, "tenant:" + t + "/agent:solo", "TOKENS", "CREDIT", 0);
        assertEquals(200, admin.patch("/v1/admin/budgets" + q("tenant:" + t + "/app:web", "TOKENS"),
                "{\"commit_overage_policy\":\"REJECT\"}").status());
        assertEquals(200, admin.patch("/v1/admin/budgets" + q("tenant:" + t + "/workflow:w", "TOKENS"),
                "{\"commit_overage_policy\":\"ALLOW_WITH_OVERDRAFT\"}").status());
        // another tenant's ledger that must never leak into a tenant_id-filtered list
        String other = uniqueTenant("ls-other");
        Fixtures.tenant(admin, other);
        create(admin, other, "tenant:" + other + "/workspace:eng", "TOKENS", 5);
    }

    private static List<JsonNode> all(String query) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        Set<String> seen = new HashSet<>();
        for (int guard = 0; guard < 100; guard++) {
            Api.Res r = admin.get("/v1/admin/budgets?" + query + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            assertEquals(200, r.status(), r.body());
            for (JsonNode l : r.json().path("ledgers")) {
                assertTrue(seen.add(l.path("ledger_id").asText()), "repeated row " + l);
                assertEquals(l.path("tenant_id").asText().isEmpty(), false);
                out.add(l);
            }
            boolean more = r.json().path("has_more").asBoolean();
            cursor = r.json().path("next_cursor").isTextual() ? r.json().path("next_cursor").asText() : null;
            assertEquals(more, cursor != null, r.body());
            if (!more) {
                return out;
            }
        }
        throw new AssertionError("paging did not end");
    }

    private static List<String> scopes(List<JsonNode> ledgers) {
        return ledgers.stream().map(l -> l.path("scope").asText() + "|" + l.path("unit").asText()).sorted().toList();
    }

    private static String base() {
        return "tenant_id=" + t + "&limit=100";
    }

    @Test
    void tenantFilterReturnsExactlyThatTenant() {
        List<JsonNode> ls = all(base());
        assertEquals(12, ls.size());
        ls.forEach(l -> assertEquals(t, l.path("tenant_id").asText()));
        assertTrue(all("limit=100").size() >= 13, "without tenant_id the admin sees every tenant");
    }

    @Test
    void scopePrefixIsSegmentAware() {
        List<String> got = scopes(all(base() + "&scope_prefix=" + enc("tenant:" + t + "/workspace:eng")));
        assertEquals(List.of("tenant:" + t + "/workspace:eng/agent:a|CREDITS", "tenant:" + t + "/workspace:eng/agent:b|TOKENS",
                "tenant:" + t + "/workspace:eng/app:api|CREDITS", "tenant:" + t + "/workspace:eng|TOKENS"), got);
        assertFalse(got.stream().anyMatch(s -> s.contains("engineering")));
        assertEquals(12, all(base() + "&scope_prefix=" + enc("tenant:" + t)).size());
        assertEquals(1, all("scope_prefix=" + enc("tenant:" + t + "/workspace:engineering")).size());
        assertEquals(0, all(base() + "&scope_prefix=" + enc("tenant:" + t + "/workspace:en")).size());
        // prefixes are lower-cased like scopes
        assertEquals(4, all(base() + "&scope_prefix=" + enc("tenant:" + t + "/workspace:ENG")).size());
        // LIKE wildcards in the prefix are literal
        assertEquals(0, all(base() + "&scope_prefix=" + enc("tenant:" + t + "/workspace:e%")).size());
        assertEquals(0, all(base() + "&scope_prefix=" + enc("tenant:" + t + "/workspace:en_")).size());
    }

    @Test
    void unitStatusOverLimitDebtFilters() {
        assertEquals(4, all(base() + "&unit=CREDITS").size());
        all(base() + "&unit=CREDITS").forEach(l -> assertEquals("CREDITS", l.path("unit").asText()));
        assertEquals(8, all(base() + "&unit=TOKENS").size());
        List<JsonNode> frozen = all(base() + "&status=FROZEN");
        assertEquals(List.of("tenant:" + t + "/workspace:ops|TOKENS"), scopes(frozen));
        assertEquals(11, all(base() + "&status=ACTIVE").size());
        assertEquals(0, all(base() + "&status=CLOSED").size());
        List<JsonNode> over = all(base() + "&over_limit=true");
        assertEquals(List.of("tenant:" + t + "/agent:solo|TOKENS"), scopes(over));
        assertEquals(11, all(base() + "&over_limit=false").size());
        List<JsonNode> debt = all(base() + "&has_debt=true");
        // i = 4 and 8 have debt (i = 0 has debt 0)
        assertEquals(2, debt.size());
        debt.forEach(l -> assertTrue(amount(l, "debt") > 0));
        assertEquals(10, all(base() + "&has_debt=false").size());
        assertEquals(1, all(base() + "&unit=TOKENS&has_debt=true&over_limit=true").size());
        assertErr(admin.get("/v1/admin/budgets?status=BOGUS"), 400, "INVALID_REQUEST");
        assertErr(admin.get("/v1/admin/budgets?unit=BOGUS"), 400, "INVALID_REQUEST");
    }

    @Test
    void utilizationRange() {
        // spent = i * 75 of 1000: utilization 0, .075, .15, ... .825
        List<JsonNode> mid = all(base() + "&utilization_min=0.3&utilization_max=0.6");
        for (JsonNode l : mid) {
            double u = amount(l, "spent") / 1000.0;
            assertTrue(u >= 0.3 && u <= 0.6, l.toString());
        }
        assertEquals(5, mid.size(), "0.3, 0.375, 0.45, 0.525, 0.6 (bounds inclusive)");
        assertEquals(12, all(base() + "&utilization_min=0&utilization_max=1").size());
        assertEquals(1, all(base() + "&utilization_max=0").size());
        assertEquals(2, all(base() + "&utilization_min=0.75").size());
        assertEquals(List.of(), all(base() + "&utilization_min=0.9"));
        assertErr(admin.get("/v1/admin/budgets?utilization_min=0.7&utilization_max=0.2"), 400, "INVALID_REQUEST");
        assertErr(admin.get("/v1/admin/budgets?utilization_min=-0.1"), 400, "INVALID_REQUEST");
        assertErr(admin.get("/v1/admin/budgets?utilization_max=1.5"), 400, "INVALID_REQUEST");
        assertErr(admin.get("/v1/admin/budgets?utilization_min=abc"), 400, "INVALID_REQUEST");
    }

    @Test
    void searchMatchesScopeAndTenantCaseInsensitively() {
        assertEquals(List.of("tenant:" + t + "/app:web/agent:x|TOKENS", "tenant:" + t + "/app:web|TOKENS"),
                scopes(all(base() + "&search=APP:WEB")));
        assertEquals(12, all(base() + "&search=" + t).size());
        assertEquals(0, all(base() + "&search=nothing-like-this").size());
        assertEquals(12, all(base() + "&search=").size(), "empty search is absent");
        assertErr(admin.get("/v1/admin/budgets?search=" + "x".repeat(129)), 400, "INVALID_REQUEST");
    }

    @Test
    void everySortInBothDirectionsPagesWithoutRepeatsOrSkips() {
        List<String> keys = List.of("tenant_id", "scope", "unit", "status", "commit_overage_policy", "utilization", "debt");
        List<String> expectedSet = scopes(all(base()));
        for (String key : keys) {
            Function<JsonNode, Comparable<?>> value = sortValue(key);
            for (String dir : List.of("asc", "desc")) {
                List<JsonNode> paged = all("tenant_id=" + t + "&limit=5&sort_by=" + key + "&sort_dir=" + dir);
                assertEquals(expectedSet, scopes(paged), key + " " + dir + ": paging must neither repeat nor skip");
                List<JsonNode> oneShot = all(base() + "&sort_by=" + key + "&sort_dir=" + dir);
                assertEquals(oneShot.stream().map(l -> l.path("ledger_id").asText()).toList(),
                        paged.stream().map(l -> l.path("ledger_id").asText()).toList(), key + " " + dir + ": pages concatenate to the full order");
                for (int i = 1; i < paged.size(); i++) {
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    int cmp = ((Comparable) value.apply(paged.get(i - 1))).compareTo(value.apply(paged.get(i)));
                    assertTrue(dir.equals("asc") ? cmp <= 0 : cmp >= 0, key + " " + dir + " out of order at " + i + ": " + paged.get(i));
                }
            }
        }
        // sort_by alone defaults to desc
        List<JsonNode> byDebt = all(base() + "&sort_by=debt");
        assertEquals(80, amount(byDebt.get(0), "debt"));
        assertErr(admin.get("/v1/admin/budgets?sort_by=allocated"), 400, "INVALID_REQUEST");
        assertErr(admin.get("/v1/admin/budgets?sort_by=scope&sort_dir=up"), 400, "INVALID_REQUEST");
    }

    private static Function<JsonNode, Comparable<?>> sortValue(String key) {
        return switch (key) {
            case "utilization" -> l -> amount(l, "spent") / (double) amount(l, "allocated");
            case "debt" -> l -> amount(l, "debt");
            default -> l -> l.path(key).asText("");
        };
    }

    @Test
    void defaultOrderIsUtilizationDescending() {
        List<JsonNode> ls = all(base());
        for (int i = 1; i < ls.size(); i++) {
            assertTrue(amount(ls.get(i - 1), "spent") >= amount(ls.get(i), "spent"), ls.get(i).toString());
        }
    }

    @Test
    void pagingIsStableWhileRowsAreAdded() {
        String q = "tenant_id=" + t + "&limit=4&sort_by=scope&sort_dir=asc";
        Api.Res first = admin.get("/v1/admin/budgets?" + q);
        assertEquals(200, first.status());
        assertEquals(4, first.json().path("ledgers").size());
        assertTrue(first.json().path("has_more").asBoolean());
        String cursor = first.json().path("next_cursor").asText();
        // a row sorting before the cursor must not appear; one after must
        create(admin, t, "tenant:" + t + "/agent:aaa-early", "RISK_POINTS", 1);
        create(admin, t, "tenant:" + t + "/workspace:zzz-late", "RISK_POINTS", 1);
        List<String> rest = new ArrayList<>();
        String c = cursor;
        while (c != null) {
            Api.Res r = admin.get("/v1/admin/budgets?" + q + "&cursor=" + enc(c));
            assertEquals(200, r.status(), r.body());
            r.json().path("ledgers").forEach(l -> rest.add(l.path("scope").asText()));
            c = r.json().path("has_more").asBoolean() ? r.json().path("next_cursor").asText() : null;
        }
        List<String> firstScopes = new ArrayList<>();
        first.json().path("ledgers").forEach(l -> firstScopes.add(l.path("scope").asText()));
        assertTrue(rest.contains("tenant:" + t + "/workspace:zzz-late"));
        assertFalse(rest.contains("tenant:" + t + "/agent:aaa-early"));
        rest.forEach(s -> assertFalse(firstScopes.contains(s), "repeated " + s));
        assertEquals(12 + 2 - 1, firstScopes.size() + rest.size(), "all but the row inserted before the cursor");
        List<String> sorted = new ArrayList<>(rest);
        sorted.sort(Comparator.naturalOrder());
        assertEquals(sorted, rest);
        assertNotNull(cursor);
        // a cursor only works under the filters it came from
        assertErr(admin.get("/v1/admin/budgets?tenant_id=" + t + "&limit=4&sort_by=debt&cursor=" + enc(cursor)), 400, "INVALID_REQUEST");
        assertErr(admin.get("/v1/admin/budgets?cursor=garbage"), 400, "INVALID_REQUEST");
        // tidy up the extra rows so other tests see twelve
        server.db().write(c2 -> dev.cycles.admin.server.db.Sql.update(c2, "DELETE FROM budgets WHERE tenant_id = ? AND unit = 'RISK_POINTS'", t));
    }
}
