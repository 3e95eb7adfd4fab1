package dev.cycles.admin.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The public dashboard creates keys with scope filters such as {@code tenant:acme/*}; the server
 * answered 400. Every wildcard form of the scope grammar is accepted now, and the SQL filter of
 * the budget list, the lookup check and the write checks agree on what each form allows.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScopeFilterWildcardTest extends ServerTest {
    static final String T = "wct";
    static final List<String> SCOPES = List.of("tenant:wct", "tenant:wct/workspace:eng", "tenant:wct/workspace:eng/agent:a",
            "tenant:wct/workspace:ops", "tenant:wct/agent:x", "tenant:wct/workspace:engineering");
    static final String PERMS = "[\"budgets:read\",\"budgets:write\",\"balances:read\",\"policies:read\",\"policies:write\"]";

    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
        Fixtures.tenant(admin, T);
        Fixtures.tenant(admin, "wct-other");
        for (String s : SCOPES) {
            Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"wct\",\"scope\":\"" + s + "\",\"unit\":\"TOKENS\",\"allocated\":10}");
            assertEquals(201, r.status(), r.body());
        }
    }

    private static Api.Res createKey(String filterJson) {
        return admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"wct\",\"name\":\"f\",\"permissions\":" + PERMS
                + ",\"scope_filter\":" + filterJson + "}");
    }

    private static Set<String> listed(Api key) {
        Set<String> out = new TreeSet<>();
        Api.Res r = key.get("/v1/admin/budgets?limit=100&unit=TOKENS");
        assertEquals(200, r.status(), r.body());
        for (JsonNode l : r.json().path("ledgers")) {
            out.add(l.path("scope").asText());
        }
        Api.Res b = key.get("/v1/balances?limit=100&unit=TOKENS");
        Set<String> balances = new TreeSet<>();
        b.json().path("balances").forEach(l -> balances.add(l.path("scope").asText()));
        assertEquals(out, balances, "balances and the budget list apply the same filter");
        return out;
    }

    private static Set<String> lookable(Api key) {
        Set<String> out = new TreeSet<>();
        for (String s : SCOPES) {
            Api.Res r = key.get("/v1/admin/budgets/lookup?scope=" + URLEncoder.encode(s, StandardCharsets.UTF_8) + "&unit=TOKENS");
            if (r.status() == 200) {
                out.add(s);
            } else {
                assertEquals(403, r.status(), s + " -> " + r.body());
                assertEquals("FORBIDDEN", r.error());
            }
        }
        return out;
    }

    private static void assertAllows(String filterJson, String... expected) {
        Api.Res k = createKey(filterJson);
        assertEquals(201, k.status(), filterJson + " -> " + k.body());
        Api key = server.tenant(k.text("key_secret"));
        Set<String> want = new TreeSet<>(List.of(expected));
        assertEquals(want, listed(key), "list with " + filterJson);
        assertEquals(want, lookable(key), "lookup with " + filterJson);
    }

    @Test
    void everyWildcardFormIsAcceptedAndReadsAgree() {
        assertAllows("[\"tenant:wct\"]", SCOPES.toArray(new String[0]));
        assertAllows("[\"tenant:wct/*\"]", "tenant:wct/workspace:eng", "tenant:wct/workspace:eng/agent:a", "tenant:wct/workspace:ops",
                "tenant:wct/agent:x", "tenant:wct/workspace:engineering");
        assertAllows("[\"workspace:eng\"]", "tenant:wct/workspace:eng", "tenant:wct/workspace:eng/agent:a");
        assertAllows("[\"workspace:*\"]", "tenant:wct/workspace:eng", "tenant:wct/workspace:eng/agent:a", "tenant:wct/workspace:ops",
                "tenant:wct/workspace:engineering");
        assertAllows("[\"tenant:wct/workspace:eng/*\"]", "tenant:wct/workspace:eng/agent:a");
        assertAllows("[\"tenant:wct/workspace:*\"]", "tenant:wct/workspace:eng", "tenant:wct/workspace:ops", "tenant:wct/workspace:engineering");
        assertAllows("[\"tenant:wct/workspace:eng\"]", "tenant:wct/workspace:eng");
        assertAllows("[\"tenant:wct/workspace:eng\",\"tenant:wct/workspace:eng/*\"]", "tenant:wct/workspace:eng", "tenant:wct/workspace:eng/agent:a");
        assertAllows("[\"agent:*\",\"tenant:wct/workspace:ops\"]", "tenant:wct/workspace:eng/agent:a", "tenant:wct/agent:x", "tenant:wct/workspace:ops");
    }

    @Test
    void wildcardFormsAreStoredCanonicallyAndIntrospected() {
        Api.Res k = createKey("[\"Tenant:WCT/Workspace:Eng/*\"]");
        assertEquals(400, k.status(), "kinds are lower-case words: " + k.body());
        k = createKey("[\"tenant:WCT/workspace:Eng/*\"]");
        assertEquals(201, k.status(), k.body());
        Api.Res intro = server.tenant(k.text("key_secret")).get("/v1/auth/introspect");
        assertEquals(List.of("tenant:wct/workspace:eng/*"), strings(intro.json().path("scope_filter")));
    }

    @Test
    void malformedOrForeignFiltersAre400() {
        for (String bad : new String[]{"[\"*\"]", "[\"**\"]", "[\"tenant:*\"]", "[\"workspace:eng/*\"]", "[\"tenant:wct/**\"]",
                "[\"tenant:wct/workspace:*/*\"]", "[\"tenant:wct/*/agent:a\"]", "[\"tenant:wct-other/*\"]", "[\"tenant:wct-other\"]",
                "[\"team:eng\"]", "[\"\"]", "[null]", "[\"tenant:wct/agent:a/workspace:b\"]"}) {
            Api.Res r = createKey(bad);
            assertEquals(400, r.status(), bad + " -> " + r.body());
            assertEquals("INVALID_REQUEST", r.error());
        }
    }

    @Test
    void writesFollowTheSameRule() {
        Api.Res k = createKey("[\"tenant:wct/workspace:eng/*\"]");
        Api key = server.tenant(k.text("key_secret"));
        assertEquals(201, key.post("/v1/admin/policies", "{\"name\":\"a\",\"scope_pattern\":\"tenant:wct/workspace:eng/agent:*\"}").status());
        assertEquals(201, key.post("/v1/admin/policies", "{\"name\":\"b\",\"scope_pattern\":\"tenant:wct/workspace:eng/*\"}").status());
        assertEquals(201, key.post("/v1/admin/policies", "{\"name\":\"c\",\"scope_pattern\":\"tenant:wct/workspace:eng/agent:a\"}").status());
        Api.Res exact = key.post("/v1/admin/policies", "{\"name\":\"d\",\"scope_pattern\":\"tenant:wct/workspace:eng\"}");
        assertEquals(403, exact.status(), exact.body());
        Api.Res broader = key.post("/v1/admin/policies", "{\"name\":\"e\",\"scope_pattern\":\"tenant:wct/workspace:*\"}");
        assertEquals(403, broader.status(), broader.body());
        assertEquals(200, key.post("/v1/admin/budgets/fund?scope=tenant:wct/workspace:eng/agent:a&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":1}").status());
        assertEquals(403, key.post("/v1/admin/budgets/fund?scope=tenant:wct/workspace:eng&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":1}").status());
        assertEquals(201, key.post("/v1/admin/budgets", "{\"scope\":\"tenant:wct/workspace:eng/app:new\",\"unit\":\"CREDITS\",\"allocated\":1}").status());
        assertEquals(403, key.post("/v1/admin/budgets", "{\"scope\":\"tenant:wct/workspace:ops/app:new\",\"unit\":\"CREDITS\",\"allocated\":1}").status());

        Api.Res segment = createKey("[\"workspace:*\"]");
        Api seg = server.tenant(segment.text("key_secret"));
        assertEquals(201, seg.post("/v1/admin/policies", "{\"name\":\"f\",\"scope_pattern\":\"tenant:wct/workspace:*\"}").status());
        assertEquals(201, seg.post("/v1/admin/policies", "{\"name\":\"g\",\"scope_pattern\":\"tenant:wct/workspace:ops/*\"}").status());
        assertEquals(403, seg.post("/v1/admin/policies", "{\"name\":\"h\",\"scope_pattern\":\"tenant:wct/*\"}").status());
        assertEquals(403, seg.post("/v1/admin/policies", "{\"name\":\"i\",\"scope_pattern\":\"tenant:wct/agent:*\"}").status());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
