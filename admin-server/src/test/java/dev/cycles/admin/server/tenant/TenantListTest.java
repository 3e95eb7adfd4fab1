package dev.cycles.admin.server.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/admin/tenants: filters, search, sorting, limits and cursor paging. */
class TenantListTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    /** A fresh parent tenant, so each test can list exactly its own children. */
    static String parent() {
        String id = "parent-" + SEQ.incrementAndGet();
        create(id, "Parent " + id, null);
        return id;
    }

    static void create(String id, String name, String parent) {
        String body = "{\"tenant_id\":\"" + id + "\",\"name\":\"" + name + "\""
                + (parent == null ? "" : ",\"parent_tenant_id\":\"" + parent + "\"") + "}";
        Api.Res r = admin.post("/v1/admin/tenants", body);
        assertEquals(201, r.status(), r.body());
    }

    static List<String> ids(Api.Res r) {
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        r.json().path("tenants").forEach(t -> out.add(t.path("tenant_id").asText()));
        return out;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void parentFilterReturnsOnlyChildrenNewestFirstByDefault() {
        String p = parent();
        create(p + "-a", "A", p);
        create(p + "-b", "B", p);
        create(p + "-c", "C", p);
        Api.Res r = admin.get("/v1/admin/tenants?parent_tenant_id=" + p);
        List<String> got = ids(r);
        assertEquals(Set.of(p + "-a", p + "-b", p + "-c"), new HashSet<>(got));
        assertEquals(3, got.size());
        assertFalse(r.json().path("has_more").asBoolean(true));
        assertFalse(r.json().has("next_cursor"));
        // Default order is created_at descending (ties by id), so c was created last and comes first
        // unless two share a millisecond; check the order is non-increasing in created_at.
        List<String> created = new ArrayList<>();
        r.json().path("tenants").forEach(t -> created.add(t.path("created_at").asText()));
        for (int i = 1; i < created.size(); i++) {
            assertTrue(java.time.Instant.parse(created.get(i - 1)).compareTo(java.time.Instant.parse(created.get(i))) >= 0, created.toString());
        }
    }

    @Test
    void statusFilterSelectsByStatus() {
        String p = parent();
        create(p + "-on", "On", p);
        create(p + "-off", "Off", p);
        create(p + "-gone", "Gone", p);
        assertEquals(200, admin.patch("/v1/admin/tenants/" + p + "-off", "{\"status\":\"SUSPENDED\"}").status());
        assertEquals(200, admin.patch("/v1/admin/tenants/" + p + "-gone", "{\"status\":\"CLOSED\"}").status());
        assertEquals(List.of(p + "-off"), ids(admin.get("/v1/admin/tenants?status=SUSPENDED&parent_tenant_id=" + p)));
        assertEquals(List.of(p + "-gone"), ids(admin.get("/v1/admin/tenants?status=CLOSED&parent_tenant_id=" + p)));
        assertEquals(List.of(p + "-on"), ids(admin.get("/v1/admin/tenants?status=ACTIVE&parent_tenant_id=" + p)));
        Api.Res bad = admin.get("/v1/admin/tenants?status=ASLEEP");
        assertEquals(400, bad.status());
        assertEquals("INVALID_REQUEST", bad.error());
    }

    @Test
    void searchIsCaseInsensitiveOverIdAndName() {
        String p = parent();
        create(p + "-zebra", "Striped Horse", p);
        create(p + "-lion", "Big Cat", p);
        create(p + "-other", "Nothing", p);
        assertEquals(List.of(p + "-zebra"), ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&search=STRIPED")));
        assertEquals(List.of(p + "-lion"), ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&search=" + q("-LiOn"))));
        assertEquals(3, ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&search=")).size());
        // LIKE wildcards in the search text are literal, not patterns.
        assertEquals(List.of(), ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&search=" + q("%"))));
        assertEquals(List.of(), ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&search=" + q("_"))));
        Api.Res tooLong = admin.get("/v1/admin/tenants?search=" + "s".repeat(129));
        assertEquals(400, tooLong.status());
        assertEquals("INVALID_REQUEST", tooLong.error());
    }

    @Test
    void sortByAndDirection() {
        String p = parent();
        create(p + "-1", "charlie", p);
        create(p + "-2", "alpha", p);
        create(p + "-3", "bravo", p);
        assertEquals(List.of(p + "-2", p + "-3", p + "-1"),
                ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&sort_by=name&sort_dir=asc")));
        assertEquals(List.of(p + "-1", p + "-3", p + "-2"),
                ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&sort_by=name&sort_dir=desc")));
        // sort_dir defaults to desc when sort_by is given.
        assertEquals(List.of(p + "-3", p + "-2", p + "-1"),
                ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&sort_by=tenant_id")));
        assertEquals(List.of(p + "-1", p + "-2", p + "-3"),
                ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&sort_by=tenant_id&sort_dir=asc")));

        Api.Res unknownSort = admin.get("/v1/admin/tenants?sort_by=colour");
        assertEquals(400, unknownSort.status());
        assertEquals("INVALID_REQUEST", unknownSort.error());
        Api.Res unknownDir = admin.get("/v1/admin/tenants?sort_by=name&sort_dir=sideways");
        assertEquals(400, unknownDir.status());
        assertEquals("INVALID_REQUEST", unknownDir.error());
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        String p = parent();
        create(p + "-x", "X", p);
        assertEquals(List.of(p + "-x"), ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&observe_mode=ENFORCE&whatever=1")));
    }

    @Test
    void limitIsClampedIntoOneToHundred() {
        // Enough tenants that an unclamped limit of 1000 would return more than 100.
        for (int i = 0; i < 105; i++) {
            create("bulk-" + i, "Bulk " + i, null);
        }
        Api.Res zero = admin.get("/v1/admin/tenants?limit=0");
        assertEquals(1, ids(zero).size());
        assertTrue(zero.json().path("has_more").asBoolean());
        assertNotNull(zero.json().path("next_cursor").textValue());

        Api.Res negative = admin.get("/v1/admin/tenants?limit=-5");
        assertEquals(1, ids(negative).size());

        Api.Res big = admin.get("/v1/admin/tenants?limit=1000");
        assertEquals(100, ids(big).size());
        assertTrue(big.json().path("has_more").asBoolean());

        assertEquals(50, ids(admin.get("/v1/admin/tenants")).size(), "default limit");

        Api.Res notNumber = admin.get("/v1/admin/tenants?limit=ten");
        assertEquals(400, notNumber.status());
        assertEquals("INVALID_REQUEST", notNumber.error());
    }

    /** Walks every page; between page requests, inserts rows that sort before and after the cursor. */
    private List<String> walk(String p, String sortQuery, List<String> insertBetween) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Res r = admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&limit=2" + sortQuery
                    + (cursor == null ? "" : "&cursor=" + q(cursor)));
            List<String> page = ids(r);
            assertTrue(page.size() <= 2);
            seen.addAll(page);
            JsonNode json = r.json();
            boolean more = json.path("has_more").asBoolean();
            cursor = more ? json.path("next_cursor").asText(null) : null;
            assertEquals(more, cursor != null, "has_more and next_cursor must agree: " + json);
            if (pages < insertBetween.size()) {
                create(insertBetween.get(pages), "late", p);
            }
            pages++;
        } while (cursor != null && pages < 50);
        assertTrue(pages >= 3, "expected at least 3 pages, got " + pages);
        return seen;
    }

    @Test
    void cursorPagingByIdNeverRepeatsOrSkipsWhileRowsAreInserted() {
        String p = parent();
        List<String> original = new ArrayList<>();
        for (String s : List.of("b", "d", "f", "h", "j", "l", "n")) {
            create(p + "-" + s, "row " + s, p);
            original.add(p + "-" + s);
        }
        // Inserted during the walk: "a" sorts before every cursor (never seen), "z" after (seen at the end),
        // "e" lands behind the cursor after page 1 ended at "d"... the rule checked is the same for all.
        List<String> late = List.of(p + "-a", p + "-z", p + "-e", p + "-m");
        List<String> seen = walk(p, "&sort_by=tenant_id&sort_dir=asc", late);

        assertEquals(new HashSet<>(seen).size(), seen.size(), "a row was repeated: " + seen);
        assertTrue(seen.containsAll(original), "a row that existed before paging was skipped: " + seen);
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen, "pages must follow the sort order");
        assertTrue(seen.contains(p + "-z"), "a row inserted ahead of the cursor must appear: " + seen);
        assertFalse(seen.contains(p + "-a"), "a row inserted behind the cursor cannot appear: " + seen);
    }

    @Test
    void cursorPagingInDefaultOrderNeverRepeatsOrSkips() {
        String p = parent();
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            create(p + "-r" + i, "row " + i, p);
            original.add(p + "-r" + i);
        }
        // Newer rows sort first under created_at desc, so they are behind every cursor.
        List<String> seen = walk(p, "", List.of(p + "-n1", p + "-n2", p + "-n3"));
        assertEquals(new HashSet<>(seen).size(), seen.size(), "a row was repeated: " + seen);
        assertEquals(new HashSet<>(original), new HashSet<>(seen), "every pre-existing row exactly once: " + seen);
    }

    @Test
    void cursorPagingByNameWithDuplicateNames() {
        String p = parent();
        for (int i = 0; i < 7; i++) {
            create(p + "-s" + i, i < 5 ? "same" : "zzz", p);
        }
        List<String> seen = walk(p, "&sort_by=name&sort_dir=asc", List.of());
        assertEquals(7, seen.size(), seen.toString());
        assertEquals(7, new HashSet<>(seen).size(), seen.toString());
    }

    @Test
    void badCursorIs400() {
        Api.Res junk = admin.get("/v1/admin/tenants?cursor=not-a-cursor");
        assertEquals(400, junk.status());
        assertEquals("INVALID_REQUEST", junk.error());

        String p = parent();
        create(p + "-1", "one", p);
        create(p + "-2", "two", p);
        String cursor = admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&limit=1").json().path("next_cursor").asText();
        // The same cursor under another sort or filter is refused rather than silently misapplied.
        Api.Res otherSort = admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&limit=1&sort_by=name&cursor=" + q(cursor));
        assertEquals(400, otherSort.status());
        assertEquals("INVALID_REQUEST", otherSort.error());
        Api.Res otherFilter = admin.get("/v1/admin/tenants?status=ACTIVE&limit=1&cursor=" + q(cursor));
        assertEquals(400, otherFilter.status());
        // And it still works where it came from.
        assertEquals(1, ids(admin.get("/v1/admin/tenants?parent_tenant_id=" + p + "&limit=1&cursor=" + q(cursor))).size());
    }
}
