package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runtime digest §10 scenarios 1, 2, 8 and 12: holds across a hierarchy, scope derivation, reserve idempotency, isolation. */
class ReserveScenariosTest extends ServerTest {

    /** Scenario 1: a reserve is all or nothing across every budgeted level. */
    @Test
    void atomicHierarchy() {
        String t = uniqueTenant("s1");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        budget(server, t, "tenant:" + t + "/agent:a", 100);

        JsonNode refused = assertErr(rt.post("/v1/reservations", reserve("too-much", subject(t, "a"), 150, "")), 409, "BUDGET_EXCEEDED");
        assertTrue(refused.path("message").asText().contains("tenant:" + t + "/agent:a"), refused.toString());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 0, 0);
        assertLedger(server, t, "tenant:" + t + "/agent:a", 100, 0, 0, 0);
        assertEquals(0, count("SELECT COUNT(*) FROM reservations WHERE tenant_id = ?", t));

        Api.Res ok = rt.post("/v1/reservations", reserve("fits", subject(t, "a"), 80, ""));
        assertEquals(200, ok.status(), ok.body());
        JsonNode b = ok.json();
        assertEquals("ALLOW", b.path("decision").asText());
        assertEquals(80, b.path("reserved").path("amount").asLong());
        assertEquals("tenant:" + t + "/agent:a", b.path("scope_path").asText());
        assertEquals(List.of("tenant:" + t, "tenant:" + t + "/agent:a"), strings(b.path("affected_scopes")));
        assertEquals(2, b.path("balances").size());
        assertBalance(b.path("balances").get(0), "tenant:" + t, 1000, 0, 80, 0);
        assertBalance(b.path("balances").get(1), "tenant:" + t + "/agent:a", 100, 0, 80, 0);
        assertLedger(server, t, "tenant:" + t, 1000, 0, 80, 0);
        assertLedger(server, t, "tenant:" + t + "/agent:a", 100, 0, 80, 0);
        assertEquals("ACTIVE", status(server, b.path("reservation_id").asText()));
    }

    /** Scenario 2: absent levels are skipped; another unit is UNIT_MISMATCH; no ledger at all is 404. */
    @Test
    void skippedLevelAndUnitProbe() {
        String t = uniqueTenant("s2");
        Api rt = tenantWithKey(server, t);
        String app = "tenant:" + t + "/workspace:w/app:a";
        budget(server, t, "tenant:" + t, 500);
        budget(server, t, app, 50);
        String subject = "{\"tenant\":\"" + t + "\",\"workspace\":\"w\",\"app\":\"a\"}";

        Api.Res ok = rt.post("/v1/reservations", reserve("tok", subject, 10, ""));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(List.of("tenant:" + t, "tenant:" + t + "/workspace:w", app), strings(ok.json().path("affected_scopes")));
        assertEquals(2, ok.json().path("balances").size(), "the workspace level has no ledger and is skipped");
        assertBalance(ok.json().path("balances").get(0), "tenant:" + t, 500, 0, 10, 0);
        assertBalance(ok.json().path("balances").get(1), app, 50, 0, 10, 0);
        assertLedger(server, t, app, 50, 0, 10, 0);

        String usd = "{\"idempotency_key\":\"usd\",\"subject\":" + subject + ",\"action\":" + ACTION
                + ",\"estimate\":{\"unit\":\"USD_MICROCENTS\",\"amount\":10}}";
        JsonNode mismatch = assertErr(rt.post("/v1/reservations", usd), 400, "UNIT_MISMATCH");
        assertEquals("tenant:" + t, mismatch.path("details").path("scope").asText(), mismatch.toString());
        assertEquals("USD_MICROCENTS", mismatch.path("details").path("requested_unit").asText());
        assertEquals(List.of("TOKENS"), strings(mismatch.path("details").path("expected_units")));

        String bare = uniqueTenant("s2-bare");
        Api other = tenantWithKey(server, bare);
        JsonNode missing = assertErr(other.post("/v1/reservations", reserve("none", subject(bare, "x"), 1, "")), 404, "NOT_FOUND");
        assertEquals("Budget not found for provided scope: tenant:" + bare + "/agent:x", missing.path("message").asText());
        // a subject that is not tenant-rooted derives scopes no admin ledger can have
        assertErr(rt.post("/v1/reservations", reserve("rootless", "{\"workspace\":\"w\"}", 1, "")), 404, "NOT_FOUND");
        assertLedger(server, t, "tenant:" + t, 500, 0, 10, 0);
    }

    /** Scenario 8: a replayed reserve answers the first body and holds once; a changed body or flipped dry_run is a 409. */
    @Test
    void reserveIdempotency() {
        String t = uniqueTenant("s8");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        String body = reserve("same", subject(t, "a"), 100, "");

        Api.Res first = rt.post("/v1/reservations", body);
        assertEquals(200, first.status(), first.body());
        Api.Res again = rt.post("/v1/reservations", body);
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json().path("reservation_id").asText(), again.json().path("reservation_id").asText());
        assertEquals(withoutTtl(first.json()), withoutTtl(again.json()), "identical but for remaining_ttl_ms");
        long ttl = again.json().path("remaining_ttl_ms").asLong();
        assertTrue(ttl > 0 && ttl <= first.json().path("remaining_ttl_ms").asLong(), again.body());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 100, 0);
        assertEquals(1, count("SELECT COUNT(*) FROM reservations WHERE tenant_id = ?", t));

        assertErr(rt.post("/v1/reservations", reserve("same", subject(t, "a"), 101, "")), 409, "IDEMPOTENCY_MISMATCH");
        assertErr(rt.post("/v1/reservations", reserve("same", subject(t, "a"), 100, ",\"dry_run\":true")), 409, "IDEMPOTENCY_MISMATCH");
        assertErr(rt.send("POST", "/v1/reservations", reserve("body-key", subject(t, "a"), 1, ""), "application/json",
                "X-Idempotency-Key", "header-key"), 400, "INVALID_REQUEST");
        // the same key in the header is fine, and a default sent explicitly is the same request
        Api.Res header = rt.send("POST", "/v1/reservations",
                reserve("same", subject(t, "a"), 100, ",\"grace_period_ms\":5000,\"dry_run\":false"), "application/json",
                "X-Idempotency-Key", "same");
        assertEquals(200, header.status(), header.body());
        assertEquals(first.json().path("reservation_id").asText(), header.json().path("reservation_id").asText());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 100, 0);
        assertEquals(1, count("SELECT COUNT(*) FROM reservations WHERE tenant_id = ?", t));
    }

    /** Scenario 12: another tenant's key learns nothing and changes nothing. */
    @Test
    void tenantIsolation() {
        String a = uniqueTenant("s12a");
        String b = uniqueTenant("s12b");
        Api rtA = tenantWithKey(server, a);
        Api rtB = tenantWithKey(server, b);
        budget(server, a, "tenant:" + a, 1000);
        budget(server, b, "tenant:" + b, 1000);
        String id = hold(rtA, subject(a, "x"), 100, "").path("reservation_id").asText();

        JsonNode get = assertErr(rtB.get("/v1/reservations/" + id), 403, "FORBIDDEN");
        assertFalse(get.toString().contains("\"100\""), get.toString());
        assertErr(rtB.post("/v1/reservations/" + id + "/commit", commit("steal", 100)), 403, "FORBIDDEN");
        assertErr(rtB.post("/v1/reservations/" + id + "/release", release("steal", null)), 403, "FORBIDDEN");
        assertErr(rtB.post("/v1/reservations/" + id + "/extend", extend("steal", 1000)), 403, "FORBIDDEN");
        assertErr(rtB.get("/v1/reservations/rsv_does_not_exist"), 404, "NOT_FOUND");
        assertErr(rtB.post("/v1/reservations/rsv_does_not_exist/commit", commit("x", 1)), 404, "NOT_FOUND");
        assertErr(rtB.post("/v1/reservations", reserve("as-a", subject(a, "x"), 1, "")), 403, "FORBIDDEN");
        assertErr(rtB.post("/v1/decide", decide("as-a", subject(a, "x"), 1)), 403, "FORBIDDEN");
        assertErr(rtB.post("/v1/reservations", reserve("upper", subject(b.toUpperCase(), "x"), 1, "")), 403, "FORBIDDEN");

        assertLedger(server, a, "tenant:" + a, 1000, 0, 100, 0);
        assertLedger(server, b, "tenant:" + b, 1000, 0, 0, 0);
        assertEquals("ACTIVE", status(server, id));
        assertEquals(200, rtA.get("/v1/reservations/" + id).status());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static long count(String sql, Object... params) {
        return server.db().read(c -> dev.cycles.admin.server.db.Sql.count(c, sql, params));
    }
}
