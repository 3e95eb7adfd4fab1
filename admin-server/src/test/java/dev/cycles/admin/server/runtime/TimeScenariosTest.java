package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.MutableClock;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Runtime digest §10 scenarios 10 and 11 on a server whose clock the test moves: grace windows,
 * the expiry sweep (polled, bounded), TTL caps and extension limits; and replays recomputing
 * remaining_ttl_ms from the first expiry.
 */
class TimeScenariosTest {
    static MutableClock clock;
    static TestServer server;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2031-03-01T00:00:00Z"));
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Scenario 10: extend has no grace, commit has; a hold left alone expires once, by the sweeper, as the system. */
    @Test
    void expiryAndGrace() {
        String t = uniqueTenant("s10");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, 1000);
        long t0 = clock.millis();
        String shape = ",\"ttl_ms\":1000,\"grace_period_ms\":2000";
        JsonNode first = hold(rt, subject(t, null), 100, shape);
        assertEquals(t0 + 1000, first.path("expires_at_ms").asLong());
        assertEquals(1000, first.path("remaining_ttl_ms").asLong());
        String committed = first.path("reservation_id").asText();
        String left = hold(rt, subject(t, null), 50, shape).path("reservation_id").asText();
        assertLedger(server, t, scope, 1000, 0, 150, 0);

        clock.advance(Duration.ofMillis(1500));
        assertErr(extendRes(rt, committed, 1000), 410, "RESERVATION_EXPIRED");
        clock.advance(Duration.ofMillis(1000)); // 2,500 ms: inside the grace
        Api.Res c = commitRes(rt, committed, 80);
        assertEquals(200, c.status(), c.body());
        assertLedger(server, t, scope, 1000, 80, 50, 0);
        assertEquals("ACTIVE", status(server, left));

        clock.advance(Duration.ofMillis(501)); // 3,001 ms: past expires_at + grace
        await("the sweeper expires " + left, () -> "EXPIRED".equals(status(server, left)));
        assertLedger(server, t, scope, 1000, 80, 0, 0);
        List<JsonNode> expired = events(server, t, "reservation.expired");
        assertEquals(1, expired.size());
        JsonNode e = expired.get(0);
        assertEquals("system", e.path("actor").path("type").asText(), e.toString());
        assertEquals(left, e.path("data").path("reservation_id").asText());
        assertEquals(50, e.path("data").path("estimated_amount").asLong());
        assertEquals(1000, e.path("data").path("ttl_ms").asLong());
        assertEquals(0, e.path("data").path("extensions_used").asLong());
        assertEquals(Instant.ofEpochMilli(t0 + 1000).toString(), e.path("data").path("expired_at").asText());

        assertErr(rt.get("/v1/reservations/" + left), 410, "RESERVATION_EXPIRED");
        assertErr(commitRes(rt, left, 50), 410, "RESERVATION_EXPIRED");
        assertErr(releaseRes(rt, left), 410, "RESERVATION_EXPIRED");
        assertErr(extendRes(rt, left, 1000), 410, "RESERVATION_EXPIRED");
        assertErr(server.runtimeAdmin().post("/v1/reservations/" + left + "/release", release(key("adm"), "late")), 410,
                "RESERVATION_EXPIRED");
        assertEquals(200, rt.get("/v1/reservations/" + committed).status(), "a committed reservation stays readable");

        // a later sweep (proved by a second hold it expires) gives nothing back twice
        String probe = hold(rt, subject(t, null), 7, ",\"ttl_ms\":1000,\"grace_period_ms\":0").path("reservation_id").asText();
        assertLedger(server, t, scope, 1000, 80, 7, 0);
        clock.advance(Duration.ofSeconds(5));
        await("the sweeper expires " + probe, () -> "EXPIRED".equals(status(server, probe)));
        assertLedger(server, t, scope, 1000, 80, 0, 0);
        List<JsonNode> all = events(server, t, "reservation.expired");
        assertEquals(2, all.size());
        assertEquals(probe, all.get(1).path("data").path("reservation_id").asText());
    }

    /** An ACTIVE hold past its grace answers 410 before the sweeper reaches it (effective status). */
    @Test
    void pastGraceIsExpiredBeforeTheSweep() {
        String t = uniqueTenant("s10b");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String id = hold(rt, subject(t, null), 10, ",\"ttl_ms\":1000,\"grace_period_ms\":0").path("reservation_id").asText();
        clock.advance(Duration.ofMillis(1000));
        Api.Res atEdge = commitRes(rt, id, 10); // now == expires_at + grace: still inside
        assertEquals(200, atEdge.status(), atEdge.body());
        String late = hold(rt, subject(t, null), 10, ",\"ttl_ms\":1000,\"grace_period_ms\":0").path("reservation_id").asText();
        clock.advance(Duration.ofMillis(1001));
        assertErr(releaseRes(rt, late), 410, "RESERVATION_EXPIRED");
        await("sweep", () -> "EXPIRED".equals(status(server, late)));
        assertLedger(server, t, "tenant:" + t, 1000, 10, 0, 0);
    }

    /** Scenario 11: the tenant's maximum TTL caps a create and each extend grant; extends add to the old expiry; the limit is frozen. */
    @Test
    void ttlAndExtensionLimits() {
        String t = uniqueTenant("s11");
        Api.Res tenant = server.admin().post("/v1/admin/tenants", "{\"tenant_id\":\"" + t + "\",\"name\":\"T\","
                + "\"default_reservation_ttl_ms\":5000,\"max_reservation_ttl_ms\":10000,\"max_reservation_extensions\":2}");
        assertEquals(201, tenant.status(), tenant.body());
        Api rt = server.runtime(dev.cycles.admin.server.support.Fixtures.key(server.admin(), t, ALL));
        budget(server, t, "tenant:" + t, 1000);
        long now = clock.millis();
        JsonNode r = hold(rt, subject(t, null), 10, ",\"ttl_ms\":60000");
        String id = r.path("reservation_id").asText();
        assertEquals(now + 10_000, r.path("expires_at_ms").asLong());
        assertEquals(10_000, r.path("remaining_ttl_ms").asLong());

        clock.advance(Duration.ofMillis(1000));
        Api.Res e1 = extendRes(rt, id, 5000);
        assertEquals(200, e1.status(), e1.body());
        assertEquals("ACTIVE", e1.json().path("status").asText());
        assertEquals(now + 15_000, e1.json().path("expires_at_ms").asLong(), "added to the old expiry, not to now");
        assertEquals(14_000, e1.json().path("remaining_ttl_ms").asLong());
        Api.Res e2 = extendRes(rt, id, 60_000);
        assertEquals(200, e2.status(), e2.body());
        assertEquals(now + 25_000, e2.json().path("expires_at_ms").asLong(), "each grant is capped at the maximum TTL");
        assertErr(extendRes(rt, id, 1000), 409, "MAX_EXTENSIONS_EXCEEDED");
        assertEquals(now + 25_000, ((Number) one(server, "SELECT expires_at_ms FROM reservations WHERE reservation_id = ?", id)
                .get("expires_at_ms")).longValue());
        assertEquals(2, ((Number) one(server, "SELECT extension_count FROM reservations WHERE reservation_id = ?", id)
                .get("extension_count")).intValue());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 10, 0);

        Api.Res patched = server.admin().patch("/v1/admin/tenants/" + t, "{\"max_reservation_extensions\":5,\"max_reservation_ttl_ms\":100000}");
        assertEquals(200, patched.status(), patched.body());
        assertErr(extendRes(rt, id, 1000), 409, "MAX_EXTENSIONS_EXCEEDED");
        String fresh = hold(rt, subject(t, null), 10, ",\"ttl_ms\":60000").path("reservation_id").asText();
        assertEquals(5, ((Number) one(server, "SELECT max_extensions FROM reservations WHERE reservation_id = ?", fresh)
                .get("max_extensions")).intValue());
        assertEquals(clock.millis() + 60_000, ((Number) one(server, "SELECT expires_at_ms FROM reservations WHERE reservation_id = ?",
                fresh).get("expires_at_ms")).longValue());
    }

    /** Replays recompute remaining_ttl_ms from the first expiry, and say 0 once the reservation is not ACTIVE. */
    @Test
    void replaysRecomputeTheRemainingTtl() {
        String t = uniqueTenant("ttl");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String body = reserve("rk", subject(t, null), 10, ",\"ttl_ms\":10000");
        Api.Res first = rt.post("/v1/reservations", body);
        assertEquals(10_000, first.json().path("remaining_ttl_ms").asLong());
        String id = first.json().path("reservation_id").asText();
        clock.advance(Duration.ofMillis(3000));
        Api.Res replay = rt.post("/v1/reservations", body);
        assertEquals(7_000, replay.json().path("remaining_ttl_ms").asLong(), replay.body());
        assertEquals(withoutTtl(first.json()), withoutTtl(replay.json()));

        Api.Res ext = rt.post("/v1/reservations/" + id + "/extend", extend("ek", 2000));
        assertEquals(9_000, ext.json().path("remaining_ttl_ms").asLong(), ext.body());
        clock.advance(Duration.ofMillis(1000));
        Api.Res extAgain = rt.post("/v1/reservations/" + id + "/extend", extend("ek", 2000));
        assertEquals(200, extAgain.status(), extAgain.body());
        assertEquals(ext.json().path("expires_at_ms").asLong(), extAgain.json().path("expires_at_ms").asLong());
        assertEquals(8_000, extAgain.json().path("remaining_ttl_ms").asLong(), "extended only once");
        assertEquals(1, ((Number) one(server, "SELECT extension_count FROM reservations WHERE reservation_id = ?", id)
                .get("extension_count")).intValue());

        assertEquals(200, commitRes(rt, id, 10).status());
        Api.Res afterCommit = rt.post("/v1/reservations", body);
        assertEquals(0, afterCommit.json().path("remaining_ttl_ms").asLong(), afterCommit.body());
        Api.Res extAfter = rt.post("/v1/reservations/" + id + "/extend", extend("ek", 2000));
        assertEquals(200, extAfter.status(), extAfter.body());
        assertEquals(0, extAfter.json().path("remaining_ttl_ms").asLong(), extAfter.body());
        assertFalse(afterCommit.body().contains("\"decision\":\"DENY\""));
        assertLedger(server, t, "tenant:" + t, 1000, 10, 0, 0);
    }

    /**
     * A live reserve's record replays for max(ttl + grace, 24 h), sharing its key with dry runs;
     * after that the key is free again, and the newest reservation made with it is the one replayed.
     */
    @Test
    void aReserveKeyReplaysForItsWindowThenIsFree() {
        String t = uniqueTenant("win");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String k = key("w");
        String body = reserve(k, subject(t, null), 10, ",\"ttl_ms\":60000");
        Api.Res first = rt.post("/v1/reservations", body);
        assertEquals(200, first.status(), first.body());
        String id = first.text("reservation_id");
        assertEquals(200, releaseRes(rt, id).status());

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        Api.Res again = rt.post("/v1/reservations", body);
        assertEquals(200, again.status(), again.body());
        assertEquals(id, again.text("reservation_id"));
        assertEquals(0, again.json().path("remaining_ttl_ms").asLong(), "no longer ACTIVE: " + again.body());
        assertErr(rt.post("/v1/reservations", reserve(k, subject(t, null), 10, ",\"ttl_ms\":60000,\"dry_run\":true")), 409,
                "IDEMPOTENCY_MISMATCH");
        assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);

        clock.advance(Duration.ofSeconds(2));
        Api.Res fresh = rt.post("/v1/reservations", body);
        assertEquals(200, fresh.status(), fresh.body());
        assertNotEquals(id, fresh.text("reservation_id"));
        assertEquals(60000, fresh.json().path("remaining_ttl_ms").asLong());
        Api.Res replay = rt.post("/v1/reservations", body);
        assertEquals(200, replay.status(), replay.body());
        assertEquals(fresh.text("reservation_id"), replay.text("reservation_id"));
        assertLedger(server, t, "tenant:" + t, 1000, 0, 10, 0);
        assertEquals(2L, (long) server.db().read(c -> dev.cycles.admin.server.db.Sql.count(c,
                "SELECT COUNT(*) FROM reservations WHERE tenant_id = ? AND reserve_key = ?", t, k)));
    }

    /** A key past its expires_at is refused with 401 on the runtime plane, as every key failure is. */
    @Test
    void anExpiredKeyIs401() {
        String t = uniqueTenant("kexp");
        dev.cycles.admin.server.support.Fixtures.tenant(server.admin(), t);
        budget(server, t, "tenant:" + t, 1000);
        Api.Res k = server.admin().post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"short\",\"permissions\":" + ALL
                + ",\"expires_at\":\"" + Instant.ofEpochMilli(clock.millis()).plusSeconds(3600) + "\"}");
        assertEquals(201, k.status(), k.body());
        Api rt = server.runtime(k.text("key_secret"));
        String id = hold(rt, subject(t, null), 10, ",\"ttl_ms\":86400000").path("reservation_id").asText();
        clock.advance(Duration.ofHours(2));
        assertErr(rt.get("/v1/reservations/" + id), 401, "UNAUTHORIZED");
        assertErr(commitRes(rt, id, 10), 401, "UNAUTHORIZED");
        assertErr(rt.post("/v1/reservations", reserve(key("x"), subject(t, null), 1, "")), 401, "UNAUTHORIZED");
        assertLedger(server, t, "tenant:" + t, 1000, 0, 10, 0);
    }
}
