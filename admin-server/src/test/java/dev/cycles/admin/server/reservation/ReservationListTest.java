package dev.cycles.admin.server.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.cycles.admin.server.reservation.RuntimeSteps.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/reservations: tenancy and the admin key, every filter (effective status, subject
 * segments, the three windows, the reserve key), every sort in both directions, the include
 * projection, and cursor paging. Time is a MutableClock, so the windows are exact.
 */
class ReservationListTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static MutableClock clock;
    static TestServer server;
    static String a;
    static String b;
    static Api keyA;
    static Api keyB;
    /** r[1]..r[9] of tenant A; r[8] and r[9] were created in the same millisecond. */
    static String[] r = new String[10];
    static String rb;

    static String at(int seconds) {
        return enc(T0.plusSeconds(seconds).toString());
    }

    @BeforeAll
    static void start() {
        clock = new MutableClock(T0);
        server = TestServer.start(clock);
        Api admin = server.admin();
        a = uniqueTenant("rl-a");
        b = uniqueTenant("rl-b");
        Fixtures.tenant(admin, a);
        Fixtures.tenant(admin, b);
        budget(admin, a, "tenant:" + a, "TOKENS", 1_000_000);
        budget(admin, b, "tenant:" + b, "TOKENS", 1_000_000);
        keyA = server.runtime(key(admin, a));
        keyB = server.runtime(key(admin, b));
        String t = "\"tenant\":\"" + a + "\",";
        String ttl = "\"ttl_ms\":600000";
        String[] subjects = {null, t + "\"workspace\":\"eng\",\"agent\":\"bot\"", t + "\"workspace\":\"ops\"", t + "\"workspace\":\"eng\"",
                t + "\"workspace\":\"ENG\",\"agent\":\"x\"", t + "\"workspace\":\"engineering\"", t + "\"workspace\":\"eng\"",
                t + "\"app\":\"web\"", t + "\"workspace\":\"ops\"", t + "\"workspace\":\"ops\""};
        String[] extras = {null, ttl + ",\"metadata\":{\"step\":1}", ttl, ttl + ",\"metadata\":{\"m\":\"x\"}", ttl, ttl,
                "\"ttl_ms\":1000,\"grace_period_ms\":0", ttl, ttl, ttl};
        for (int i = 1; i <= 9; i++) {
            if (i <= 8) {
                clock.advance(Duration.ofSeconds(1));
            }
            r[i] = reserve(keyA, "k" + i, subjects[i], i * 100L, extras[i]);
        }
        rb = reserve(keyB, "k3", "\"tenant\":\"" + b + "\",\"workspace\":\"eng\"", 5, ttl);
        clock.advance(Duration.ofSeconds(2));   // t+10
        commit(keyA, r[1], 80, "\"metadata\":{\"done\":true}");
        clock.advance(Duration.ofSeconds(1));   // t+11
        release(keyA, r[2]);
        clock.advance(Duration.ofSeconds(1));   // t+12
        commit(keyA, r[7], 700, null);
        // t+20: r6 (1 s TTL, no grace, created at t+6) has expired; the others have minutes left
        clock.advance(Duration.ofSeconds(8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> ids(List<JsonNode> rows) {
        return rows.stream().map(n -> n.path("reservation_id").asText()).toList();
    }

    static Set<String> idSet(String query) {
        return Set.copyOf(ids(all(keyA, "/v1/reservations", query, "reservations")));
    }

    static Set<String> of(int... which) {
        return java.util.Arrays.stream(which).mapToObj(i -> r[i]).collect(Collectors.toSet());
    }

    static JsonNode row(List<JsonNode> rows, int i) {
        return rows.stream().filter(n -> n.path("reservation_id").asText().equals(r[i])).findFirst().orElseThrow();
    }

    @Test
    void newestFirstByDefaultWithTheReservationIdBreakingTies() {
        Api.Res res = keyA.get("/v1/reservations");
        assertEquals(200, res.status(), res.body());
        assertEquals(a, res.header("X-Cycles-Tenant"));
        assertFalse(res.json().path("has_more").asBoolean());
        assertFalse(res.json().has("next_cursor"));
        List<JsonNode> rows = new ArrayList<>();
        res.json().path("reservations").forEach(rows::add);
        List<String> tied = new ArrayList<>(List.of(r[8], r[9]));
        tied.sort(Comparator.reverseOrder());
        List<String> expected = new ArrayList<>(tied);
        for (int i = 7; i >= 1; i--) {
            expected.add(r[i]);
        }
        assertEquals(expected, ids(rows));

        JsonNode committed = row(rows, 1);
        assertEquals("COMMITTED", committed.path("status").asText());
        assertEquals(80, committed.path("committed").path("amount").asLong());
        assertEquals(100, committed.path("reserved").path("amount").asLong());
        assertEquals(T0.plusSeconds(10).toEpochMilli(), committed.path("finalized_at_ms").asLong());
        assertEquals(T0.plusSeconds(1).toEpochMilli(), committed.path("created_at_ms").asLong());
        assertEquals("k1", committed.path("idempotency_key").asText());
        assertEquals("tenant:" + a + "/workspace:eng/agent:bot", committed.path("scope_path").asText());
        assertEquals("bot", committed.path("subject").path("agent").asText());
        assertFalse(committed.has("metadata") || committed.has("committed_metadata"), "metadata only when asked for");
        JsonNode released = row(rows, 2);
        assertEquals("RELEASED", released.path("status").asText());
        assertEquals(T0.plusSeconds(11).toEpochMilli(), released.path("finalized_at_ms").asLong());
        assertFalse(released.has("committed"));
        assertEquals("ACTIVE", row(rows, 3).path("status").asText());
        assertFalse(row(rows, 3).has("finalized_at_ms"));
        assertEquals("ENG", row(rows, 4).path("subject").path("workspace").asText(), "the subject as sent");
        assertEquals("tenant:" + a + "/workspace:eng/agent:x", row(rows, 4).path("scope_path").asText());
        assertEquals("EXPIRED", row(rows, 6).path("status").asText());
        assertFalse(row(rows, 6).has("finalized_at_ms"));
    }

    @Test
    void includeProjectsTheMetadataAskedFor() {
        List<JsonNode> reserveTime = all(keyA, "/v1/reservations", "include=metadata", "reservations");
        assertEquals(1, row(reserveTime, 1).path("metadata").path("step").asInt());
        assertFalse(row(reserveTime, 1).has("committed_metadata"));
        assertEquals("x", row(reserveTime, 3).path("metadata").path("m").asText());
        assertFalse(row(reserveTime, 2).has("metadata"), "a reservation without metadata has none");

        List<JsonNode> commitTime = all(keyA, "/v1/reservations", "include=committed_metadata,bogus,", "reservations");
        assertTrue(row(commitTime, 1).path("committed_metadata").path("done").asBoolean());
        assertFalse(row(commitTime, 1).has("metadata"));

        List<JsonNode> both = all(keyA, "/v1/reservations", "include=" + enc(" metadata , committed_metadata"), "reservations");
        assertTrue(row(both, 1).has("metadata") && row(both, 1).has("committed_metadata"), row(both, 1).toString());
        assertEquals(9, all(keyA, "/v1/reservations", "include=", "reservations").size(), "an empty include is no include");
    }

    @Test
    void statusFilterUsesTheEffectiveStatus() {
        assertEquals(of(3, 4, 5, 8, 9), idSet("status=ACTIVE"));
        assertEquals(of(1, 7), idSet("status=COMMITTED"));
        assertEquals(of(2), idSet("status=RELEASED"));
        assertEquals(of(6), idSet("status=EXPIRED"), "past expiry and grace: EXPIRED, whether or not the sweeper has run");
        assertError(keyA.get("/v1/reservations?status=active"), 400, "INVALID_REQUEST");
        assertError(keyA.get("/v1/reservations?status=PENDING"), 400, "INVALID_REQUEST");
        assertError(keyA.get("/v1/reservations/" + r[6]), 410, "RESERVATION_EXPIRED");
    }

    /**
     * The same rule without racing the sweeper: the rows are read an hour ahead of the server's
     * clock, so they are still ACTIVE in the database while the reader must see them EXPIRED.
     */
    @Test
    void anActiveHoldPastItsGraceReadsAsExpiredBeforeTheSweeperHasRun() throws Exception {
        ReservationStore store = new ReservationStore(server.db().dialect());
        ReservationQueries later = new ReservationQueries(server.db(), store,
                Clock.fixed(clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC));
        OperationContext ctx = new OperationContext("req_test", "0".repeat(31) + "1", "127.0.0.1", "test", "listReservations");
        ctx.authenticate(Principal.ADMIN);
        ReservationFilter any = new ReservationFilter(null, null, null, Map.of(), null, null, null, null, null, null, null);
        assertEquals(ReservationStatus.ACTIVE, server.db().read(c -> store.find(c, r[3])).status(), "still ACTIVE in the database");

        Function<ReservationStatus, Set<String>> withStatus = st -> later.list(ctx, a, new ReservationFilter(null, null, st, Map.of(),
                null, null, null, null, null, null, null), PageSpec.first(50), false, false).items().stream()
                .map(Reservation::reservationId).collect(Collectors.toSet());
        assertEquals(Set.of(), withStatus.apply(ReservationStatus.ACTIVE));
        assertEquals(of(3, 4, 5, 6, 8, 9), withStatus.apply(ReservationStatus.EXPIRED));
        assertEquals(of(1, 7), withStatus.apply(ReservationStatus.COMMITTED));

        List<Reservation> byStatus = later.list(ctx, a, any, new PageSpec("status", false, 50, null, ""), false, false).items();
        assertEquals(List.of("COMMITTED", "COMMITTED", "EXPIRED", "EXPIRED", "EXPIRED", "EXPIRED", "EXPIRED", "EXPIRED", "RELEASED"),
                byStatus.stream().map(x -> x.status().name()).toList(), "sorted by the status the rows show");
        assertEquals(ReservationStatus.ACTIVE, server.db().read(c -> store.find(c, r[3])).status(), "reading changed nothing");
    }

    @Test
    void subjectFiltersMatchWholeSegmentsIgnoringCase() {
        assertEquals(of(1, 3, 4, 6), idSet("workspace=eng"));
        assertEquals(of(1, 3, 4, 6), idSet("workspace=ENG"));
        assertEquals(of(5), idSet("workspace=engineering"));
        assertEquals(of(1), idSet("workspace=eng&agent=bot"));
        assertEquals(of(4), idSet("agent=x"));
        assertEquals(of(7), idSet("app=web"));
        assertEquals(Set.of(), idSet("workspace=en"));
        assertEquals(Set.of(), idSet("workflow=eng"), "the kind matters too");
        assertEquals(Set.of(), idSet("workspace=" + enc("eng/agent:bot")), "a value is one segment");
        assertEquals(Set.of(), idSet("workspace=" + enc("e%")), "LIKE wildcards are literal");
        assertEquals(of(1, 2, 3, 4, 5, 6, 7, 8, 9), idSet("workspace="), "a blank filter is no filter");
    }

    @Test
    void idempotencyKeyFindsTheReservationItCreated() {
        assertEquals(of(3), idSet("idempotency_key=k3"));
        assertEquals(Set.of(rb), Set.copyOf(ids(all(keyB, "/v1/reservations", "idempotency_key=k3", "reservations"))),
                "the same key in another tenant is that tenant's");
        assertEquals(Set.of(), idSet("idempotency_key=nope"));
        assertError(keyA.get("/v1/reservations?idempotency_key=" + "x".repeat(257)), 400, "INVALID_REQUEST");
    }

    @Test
    void timeWindowsAreInclusiveAndValidated() {
        assertEquals(of(3, 4, 5, 6, 7, 8, 9), idSet("from=" + at(3)));
        assertEquals(of(1, 2, 3), idSet("to=" + at(3)));
        assertEquals(of(3, 4, 5), idSet("from=" + at(3) + "&to=" + at(5)));
        assertEquals(of(1, 2, 3, 4, 5, 6, 7, 8, 9), idSet("from=&to=&expires_from=&expires_to=&finalized_from=&finalized_to="),
                "blank bounds are unset");
        // r6 expires at t+7 (t+6 plus its 1 s TTL); every other one ten minutes after its creation
        assertEquals(of(6), idSet("expires_to=" + at(7)));
        assertEquals(of(1, 2, 3, 4, 5, 7, 8, 9), idSet("expires_from=" + at(8)));
        assertEquals(of(1, 2, 7), idSet("finalized_from=" + enc(T0.toString())), "ACTIVE and EXPIRED rows have no finalized_at_ms");
        assertEquals(of(2, 7), idSet("finalized_from=" + at(11)));
        assertEquals(of(1), idSet("finalized_to=" + at(10)));
        assertEquals(of(2), idSet("finalized_from=" + at(11) + "&finalized_to=" + at(11)));
        assertEquals(of(3), idSet("from=" + at(3) + "&to=" + at(3) + "&expires_from=" + at(3)), "windows combine with AND");
        for (String bad : List.of("from=" + at(5) + "&to=" + at(3), "expires_from=" + at(900) + "&expires_to=" + at(800),
                "finalized_from=" + at(12) + "&finalized_to=" + at(11), "from=yesterday", "to=2026-03-01", "expires_to=12")) {
            Api.Res res = keyA.get("/v1/reservations?" + bad);
            assertError(res, 400, "INVALID_REQUEST");
        }
        assertTrue(keyA.get("/v1/reservations?from=" + at(5) + "&to=" + at(3)).text("message").contains("from"));
    }

    /** The field each sort key orders by, read back from a row. */
    static Comparable<?> sortValue(JsonNode row, String key) {
        return switch (key) {
            case "tenant" -> row.path("subject").path("tenant").asText("");
            case "reserved" -> row.path("reserved").path("amount").asLong();
            case "created_at_ms", "expires_at_ms" -> row.path(key).asLong();
            default -> row.path(key).asText();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void everySortKeyInBothDirectionsWithPagesThatAgree() {
        for (String key : List.of("reservation_id", "tenant", "scope_path", "status", "reserved", "created_at_ms", "expires_at_ms")) {
            for (String dir : List.of("asc", "desc")) {
                List<JsonNode> rows = all(keyA, "/v1/reservations", "sort_by=" + key + "&sort_dir=" + dir + "&limit=2", "reservations");
                assertEquals(9, rows.size(), key + " " + dir);
                Comparator<JsonNode> byKey = Comparator.comparing(n -> (Comparable) sortValue(n, key));
                Comparator<JsonNode> order = byKey.thenComparing(n -> n.path("reservation_id").asText());
                List<JsonNode> expected = new ArrayList<>(rows);
                expected.sort(dir.equals("asc") ? order : order.reversed());
                assertEquals(ids(expected), ids(rows), key + " " + dir);
                List<JsonNode> onePage = all(keyA, "/v1/reservations", "sort_by=" + key + "&sort_dir=" + dir + "&limit=200", "reservations");
                assertEquals(ids(rows), ids(onePage), "pages of 2 and one page agree: " + key + " " + dir);
            }
        }
        List<JsonNode> reserved = all(keyA, "/v1/reservations", "sort_by=reserved", "reservations");
        assertEquals(r[9], reserved.get(0).path("reservation_id").asText(), "sort_by alone sorts descending");
        assertEquals(r[1], reserved.get(8).path("reservation_id").asText());
        Function<String, String> first = q -> keyA.get("/v1/reservations?" + q).json().path("reservations").get(0).path("status").asText();
        assertEquals("ACTIVE", first.apply("sort_by=status&sort_dir=asc"));
        assertEquals("RELEASED", first.apply("sort_by=status&sort_dir=desc"));
        assertError(keyA.get("/v1/reservations?sort_by=amount"), 400, "INVALID_REQUEST");
        assertError(keyA.get("/v1/reservations?sort_by=created_at_ms&sort_dir=up"), 400, "INVALID_REQUEST");
    }

    @Test
    void aCursorContinuesOnlyTheListItCameFrom() {
        Api.Res first = keyA.get("/v1/reservations?limit=4");
        assertEquals(200, first.status(), first.body());
        assertEquals(4, first.json().path("reservations").size());
        assertTrue(first.json().path("has_more").asBoolean());
        String cursor = enc(first.text("next_cursor"));
        Api.Res next = keyA.get("/v1/reservations?limit=4&include=metadata&cursor=" + cursor);
        assertEquals(200, next.status(), "include is not part of the cursor: " + next.body());
        assertEquals(r[5], next.json().path("reservations").get(0).path("reservation_id").asText());
        assertEquals(200, keyA.get("/v1/reservations?limit=7&cursor=" + cursor).status(), "nor is the limit");
        assertError(keyA.get("/v1/reservations?status=ACTIVE&cursor=" + cursor), 400, "INVALID_REQUEST");
        assertError(keyA.get("/v1/reservations?from=" + at(1) + "&cursor=" + cursor), 400, "INVALID_REQUEST");
        assertError(keyA.get("/v1/reservations?sort_by=reserved&cursor=" + cursor), 400, "INVALID_REQUEST");
        assertError(keyA.get("/v1/reservations?sort_dir=asc&cursor=" + cursor), 400, "INVALID_REQUEST");
        assertError(keyA.get("/v1/reservations?cursor=not-a-cursor"), 400, "INVALID_REQUEST");
        assertError(keyB.get("/v1/reservations?cursor=" + cursor), 400, "INVALID_REQUEST");
    }

    @Test
    void limitIsOneToTwoHundred() {
        for (String bad : List.of("0", "201", "-1", "abc")) {
            assertError(keyA.get("/v1/reservations?limit=" + bad), 400, "INVALID_REQUEST");
        }
        assertEquals(1, keyA.get("/v1/reservations?limit=1").json().path("reservations").size());
        assertEquals(9, keyA.get("/v1/reservations?limit=200").json().path("reservations").size());
    }

    @Test
    void theAdminKeyMustNameTheTenant() {
        Api admin = server.runtimeAdmin();
        Api.Res missing = admin.get("/v1/reservations");
        assertError(missing, 400, "INVALID_REQUEST");
        assertEquals("tenant query parameter is required when using admin key authentication", missing.text("message"));
        assertEquals(of(1, 2, 3, 4, 5, 6, 7, 8, 9), Set.copyOf(ids(all(admin, "/v1/reservations", "tenant=" + a, "reservations"))));
        assertEquals(Set.of(rb), Set.copyOf(ids(all(admin, "/v1/reservations", "tenant=" + b, "reservations"))));
        assertEquals(of(1, 3, 4, 6), Set.copyOf(ids(all(admin, "/v1/reservations", "tenant=" + a + "&workspace=eng", "reservations"))));
        assertEquals(List.of(), ids(all(admin, "/v1/reservations", "tenant=nobody", "reservations")));
        assertError(server.runtimeAdmin().withKey("X-Admin-API-Key", "wrong").get("/v1/reservations?tenant=" + a), 401, "UNAUTHORIZED");
    }

    @Test
    void aTenantKeySeesItsOwnTenantOnly() {
        assertEquals(Set.of(rb), Set.copyOf(ids(all(keyB, "/v1/reservations", "", "reservations"))));
        assertEquals(Set.of(rb), Set.copyOf(ids(all(keyB, "/v1/reservations", "tenant=" + b, "reservations"))));
        Api.Res other = keyB.get("/v1/reservations?tenant=" + a);
        assertError(other, 403, "FORBIDDEN");
        assertNotEquals(-1, other.text("message").indexOf(a));
        assertError(keyA.get("/v1/reservations?tenant=" + a.toUpperCase()), 403, "FORBIDDEN");
        assertError(server.runtime("cyc_live_nope").get("/v1/reservations"), 401, "UNAUTHORIZED");
    }

    @Test
    void theKeysScopeFilterNarrowsTheListSilently() {
        Api admin = server.admin();
        Api eng = server.runtime(keyWithFilter(admin, a, ALL, "[\"workspace:eng\"]"));
        assertEquals(of(1, 3, 4, 6), Set.copyOf(ids(all(eng, "/v1/reservations", "", "reservations"))));
        assertEquals(Set.of(), Set.copyOf(ids(all(eng, "/v1/reservations", "workspace=ops", "reservations"))));
        Api web = server.runtime(keyWithFilter(admin, a, ALL, "[\"tenant:" + a + "/app:*\"]"));
        assertEquals(of(7), Set.copyOf(ids(all(web, "/v1/reservations", "", "reservations"))));
    }

    @Test
    void listingNeedsReservationsList() {
        Api balancesOnly = server.runtime(Fixtures.key(server.admin(), a, "[\"balances:read\"]"));
        assertError(balancesOnly.get("/v1/reservations"), 403, "FORBIDDEN");
        Api reader = server.runtime(Fixtures.key(server.admin(), a, "[\"admin:read\"]"));
        assertEquals(200, reader.get("/v1/reservations").status(), "admin:read covers the read");
    }
}
