package dev.cycles.admin.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/admin/events, GET /v1/admin/events/{id} and the tenant's GET /v1/events. */
class EventListTest extends ServerTest {
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    static Api admin;
    static String fundRequestId;
    static String keyA;

    @BeforeAll
    static void seed() {
        admin = server.admin();
        Fixtures.tenant(admin, "ev-alpha");
        Fixtures.tenant(admin, "ev-beta");
        for (String t : List.of("ev-alpha", "ev-beta")) {
            assertEquals(201, admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + t + "\",\"scope\":\"tenant:" + t
                    + "/workspace:eng\",\"unit\":\"TOKENS\",\"allocated\":1000}").status());
        }
        Api.Res fund = admin.send("POST", "/v1/admin/budgets/fund?scope=tenant:ev-alpha/workspace:eng&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":5}", "application/json", "X-Cycles-Trace-Id", TRACE);
        assertEquals(200, fund.status(), fund.body());
        fundRequestId = fund.header("X-Request-Id");
        keyA = Fixtures.key(admin, "ev-alpha", "[\"events:read\",\"budgets:read\"]");
    }

    @Test
    void adminSeesEveryTenantsEventsNewestFirst() {
        JsonNode events = admin.get("/v1/admin/events?limit=100").json().path("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.path("event_type").asText()));
        assertTrue(types.containsAll(List.of("tenant.created", "budget.created", "budget.funded", "api_key.created")), types.toString());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i - 1).path("timestamp").asText().compareTo(events.get(i).path("timestamp").asText()) >= 0);
        }
        JsonNode funded = find(events, "budget.funded");
        assertEquals("budget", funded.path("category").asText());
        assertEquals("ev-alpha", funded.path("tenant_id").asText());
        assertEquals("tenant:ev-alpha/workspace:eng", funded.path("scope").asText());
        // fundBudget is a dual-auth operation on a tenant-owned ledger: the admin acts on the tenant's behalf.
        assertEquals("admin_on_behalf_of", funded.path("actor").path("type").asText());
        assertEquals(TRACE, funded.path("trace_id").asText());
        assertEquals(fundRequestId, funded.path("request_id").asText());
        assertEquals("CREDIT", funded.path("data").path("operation").asText());
    }

    @Test
    void everyFilterNarrowsTheList() {
        assertAll(admin.get("/v1/admin/events?tenant_id=ev-beta&limit=100"), e -> e.path("tenant_id").asText().equals("ev-beta"), 2);
        assertAll(admin.get("/v1/admin/events?event_type=budget.funded,tenant.created&limit=100"),
                e -> Set.of("budget.funded", "tenant.created").contains(e.path("event_type").asText()), 3);
        assertAll(admin.get("/v1/admin/events?category=api_key&limit=100"), e -> e.path("category").asText().equals("api_key"), 1);
        assertAll(admin.get("/v1/admin/events?scope=TENANT:ev-alpha/&limit=100"),
                e -> e.path("scope").asText().startsWith("tenant:ev-alpha/"), 2);
        assertAll(admin.get("/v1/admin/events?trace_id=" + TRACE), e -> e.path("trace_id").asText().equals(TRACE), 1);
        assertAll(admin.get("/v1/admin/events?request_id=" + fundRequestId), e -> e.path("request_id").asText().equals(fundRequestId), 1);
        assertAll(admin.get("/v1/admin/events?search=ev-beta/work&limit=100"), e -> e.path("scope").asText().contains("ev-beta/work"), 1);
        assertEquals(0, admin.get("/v1/admin/events?from=2999-01-01T00:00:00Z").json().path("events").size());
        assertTrue(admin.get("/v1/admin/events?to=2999-01-01T00:00:00Z&from=2000-01-01T00:00:00Z").json().path("events").size() >= 6);
    }

    @Test
    void cursorPagesCoverEveryEventOnceInTheChosenOrder() {
        int total = admin.get("/v1/admin/events?limit=100").json().path("events").size();
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            Api.Res page = admin.get("/v1/admin/events?sort_by=event_type&sort_dir=asc&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.body());
            for (JsonNode e : page.json().path("events")) {
                assertTrue(seen.add(e.path("event_id").asText()), "repeated " + e);
                order.add(e.path("event_type").asText());
            }
            cursor = page.json().path("has_more").asBoolean() ? page.text("next_cursor") : null;
        } while (cursor != null);
        assertEquals(total, seen.size());
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(String::compareTo);
        assertEquals(sorted, order);
    }

    @Test
    void oneEventByIdAndA404() {
        JsonNode first = admin.get("/v1/admin/events?limit=1").json().path("events").get(0);
        Api.Res one = admin.get("/v1/admin/events/" + first.path("event_id").asText());
        assertEquals(200, one.status(), one.body());
        assertEquals(first, one.json());
        Api.Res missing = admin.get("/v1/admin/events/evt_00000000000000000000000000000000");
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.error());
    }

    @Test
    void aTenantKeySeesOnlyItsTenantsTenantAccessibleEvents() {
        JsonNode events = server.tenant(keyA).get("/v1/events?limit=100").json().path("events");
        assertTrue(events.size() >= 3, events.toString());
        for (JsonNode e : events) {
            assertEquals("ev-alpha", e.path("tenant_id").asText(), e.toString());
            assertTrue(Set.of("budget", "reservation", "tenant").contains(e.path("category").asText()), e.toString());
        }
        // Asking for an admin-only category or another tenant gives nothing of theirs.
        assertEquals(0, server.tenant(keyA).get("/v1/events?category=api_key").json().path("events").size());
        assertFalse(server.tenant(keyA).get("/v1/events?tenant_id=ev-beta&limit=100").body().contains("ev-beta"));
    }

    @Test
    void theTenantListNeedsATenantKeyWithEventsRead() {
        String noEvents = Fixtures.key(admin, "ev-alpha", "[\"budgets:read\"]");
        Api.Res forbidden = server.tenant(noEvents).get("/v1/events");
        assertEquals(403, forbidden.status());
        assertEquals("INSUFFICIENT_PERMISSIONS", forbidden.error());
        assertEquals(401, admin.get("/v1/events").status());
        assertEquals(401, server.tenant(keyA).get("/v1/admin/events").status());
    }

    @Test
    void badFiltersAre400s() {
        for (String q : List.of("category=money", "event_type=budget.nope", "trace_id=XYZ", "sort_by=actor",
                "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from=%2B999999999-12-31T23:59:59Z", "cursor=junk")) {
            Api.Res r = admin.get("/v1/admin/events?" + q);
            assertEquals(400, r.status(), q + " -> " + r.body());
            assertEquals("INVALID_REQUEST", r.error());
        }
    }

    private static JsonNode find(JsonNode events, String type) {
        for (JsonNode e : events) {
            if (e.path("event_type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " in " + events);
    }

    private static void assertAll(Api.Res res, java.util.function.Predicate<JsonNode> each, int atLeast) {
        assertEquals(200, res.status(), res.body());
        JsonNode events = res.json().path("events");
        assertTrue(events.size() >= atLeast, "expected at least " + atLeast + ": " + res.body());
        for (JsonNode e : events) {
            assertTrue(each.test(e), e.toString());
        }
    }
}
