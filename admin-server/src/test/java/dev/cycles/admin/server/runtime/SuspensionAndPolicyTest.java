package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A SUSPENDED tenant may settle but not start work (runtime digest §5.3 [rec]); policies at
 * reserve time: caps make ALLOW_WITH_CAPS, reservation_ttl_override caps the TTL, and the policy's
 * commit_overage_policy applies (digest §4.2), frozen on the reservation.
 */
class SuspensionAndPolicyTest extends ServerTest {

    @Test
    void aSuspendedTenantSettlesButStartsNothing() {
        String t = uniqueTenant("sus");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, 1000);
        String a = hold(rt, subject(t, null), 100, "").path("reservation_id").asText();
        String b = hold(rt, subject(t, null), 50, "").path("reservation_id").asText();
        String c = hold(rt, subject(t, null), 20, "").path("reservation_id").asText();
        assertEquals(200, server.admin().patch("/v1/admin/tenants/" + t, "{\"status\":\"SUSPENDED\"}").status());

        assertErr(rt.post("/v1/reservations", reserve(key("s"), subject(t, null), 1, "")), 403, "FORBIDDEN");
        Api.Res dry = rt.post("/v1/reservations", reserve(key("s"), subject(t, null), 1, ",\"dry_run\":true"));
        Api.Res dec = rt.post("/v1/decide", decide(key("s"), subject(t, null), 1));
        for (Api.Res r : java.util.List.of(dry, dec)) {
            assertEquals(200, r.status(), r.body());
            assertEquals("DENY", r.json().path("decision").asText());
            assertEquals("TENANT_SUSPENDED", r.json().path("reason_code").asText());
        }
        assertEquals(200, rt.get("/v1/reservations/" + a).status());
        Api.Res ext = extendRes(rt, a, 1000);
        assertEquals(200, ext.status(), ext.body());
        Api.Res com = commitRes(rt, a, 90);
        assertEquals(200, com.status(), com.body());
        assertEquals(90, com.json().path("charged").path("amount").asLong());
        assertEquals(200, releaseRes(rt, b).status());
        assertEquals(200, server.runtimeAdmin().post("/v1/reservations/" + c + "/release", release(key("a"), "suspended")).status());
        assertLedger(server, t, scope, 1000, 90, 0, 0);
        assertEquals(0L, (long) server.db().read(x -> dev.cycles.admin.server.db.Sql.count(x,
                "SELECT COUNT(*) FROM reservations WHERE tenant_id = ? AND status = 'ACTIVE'", t)));
        // reactivated, it may start work again
        assertEquals(200, server.admin().patch("/v1/admin/tenants/" + t, "{\"status\":\"ACTIVE\"}").status());
        hold(rt, subject(t, null), 1, "");
    }

    private static String policy(String tenant, String body) {
        Api.Res r = server.admin().post("/v1/admin/policies", "{\"tenant_id\":\"" + tenant + "\"," + body + "}");
        assertEquals(201, r.status(), r.body());
        return r.text("policy_id");
    }

    @Test
    void capsMakeAllowWithCaps() {
        String t = uniqueTenant("caps");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        policy(t, "\"name\":\"low\",\"scope_pattern\":\"tenant:" + t + "/agent:*\",\"caps\":{\"max_tokens\":9},\"priority\":1");
        policy(t, "\"name\":\"high\",\"scope_pattern\":\"tenant:" + t + "/agent:*\",\"caps\":{\"max_tokens\":4096,"
                + "\"tool_denylist\":[\"shell\"]},\"priority\":10");
        policy(t, "\"name\":\"empty\",\"scope_pattern\":\"tenant:" + t + "\",\"caps\":{},\"priority\":5");

        JsonNode live = hold(rt, subject(t, "bot"), 10, "");
        Api.Res dry = rt.post("/v1/reservations", reserve(key("c"), subject(t, "bot"), 10, ",\"dry_run\":true"));
        Api.Res dec = rt.post("/v1/decide", decide(key("c"), subject(t, "bot"), 10));
        for (JsonNode body : java.util.List.of(live, dry.json(), dec.json())) {
            assertEquals("ALLOW_WITH_CAPS", body.path("decision").asText(), body.toString());
            assertEquals(4096, body.path("caps").path("max_tokens").asLong(), "the highest priority policy: " + body);
            assertEquals("shell", body.path("caps").path("tool_denylist").get(0).asText());
        }
        JsonNode plain = hold(rt, subject(t, null), 10, "");
        assertEquals("ALLOW", plain.path("decision").asText(), "an empty caps object decides nothing: " + plain);
        assertFalse(plain.has("caps"));
        // a DENY carries no caps
        Api.Res deny = rt.post("/v1/decide", decide(key("c"), subject(t, "bot"), 5000));
        assertEquals("DENY", deny.json().path("decision").asText());
        assertFalse(deny.json().has("caps"), deny.body());
        assertLedger(server, t, "tenant:" + t, 1000, 0, 20, 0);
    }

    /** Tenant rules are remembered between reserves; a policy created or disabled reaches the very next one. */
    @Test
    void aPolicyChangeReachesTheNextReserve() {
        String t = uniqueTenant("pchg");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        assertEquals("ALLOW", hold(rt, subject(t, "bot"), 10, "").path("decision").asText());
        String id = policy(t, "\"name\":\"cap\",\"scope_pattern\":\"tenant:" + t + "/agent:*\",\"caps\":{\"max_tokens\":7}");
        JsonNode capped = hold(rt, subject(t, "bot"), 10, "");
        assertEquals("ALLOW_WITH_CAPS", capped.path("decision").asText(), capped.toString());
        assertEquals(7, capped.path("caps").path("max_tokens").asLong());
        Api.Res off = server.admin().patch("/v1/admin/policies/" + id, "{\"status\":\"DISABLED\"}");
        assertEquals(200, off.status(), off.body());
        JsonNode plain = hold(rt, subject(t, "bot"), 10, "");
        assertEquals("ALLOW", plain.path("decision").asText(), plain.toString());
        assertFalse(plain.has("caps"));
        assertLedger(server, t, "tenant:" + t, 1000, 0, 30, 0);
    }

    @Test
    void aTtlOverrideCapsTheReservation() {
        String t = uniqueTenant("ttlp");
        Api rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        policy(t, "\"name\":\"short\",\"scope_pattern\":\"tenant:" + t + "/agent:*\",\"reservation_ttl_override\":"
                + "{\"default_ttl_ms\":2000,\"max_ttl_ms\":5000,\"max_extensions\":1}");
        String capped = hold(rt, subject(t, "bot"), 1, ",\"ttl_ms\":60000").path("reservation_id").asText();
        String defaulted = hold(rt, subject(t, "bot"), 1, "").path("reservation_id").asText();
        String outside = hold(rt, subject(t, null), 1, ",\"ttl_ms\":60000").path("reservation_id").asText();
        assertEquals(5000, ttlOf(capped));
        assertEquals(2000, ttlOf(defaulted));
        assertEquals(60000, ttlOf(outside), "the policy does not match the tenant scope");
        assertEquals(200, extendRes(rt, capped, 1000).status());
        assertErr(extendRes(rt, capped, 1000), 409, "MAX_EXTENSIONS_EXCEEDED");
    }

    private static long ttlOf(String id) {
        var row = one(server, "SELECT created_at_ms, expires_at_ms FROM reservations WHERE reservation_id = ?", id);
        return ((Number) row.get("expires_at_ms")).longValue() - ((Number) row.get("created_at_ms")).longValue();
    }

    @Test
    void thePolicysOveragePolicyApplies() {
        String t = uniqueTenant("ovp");
        Api rt = tenantWithKey(server, t);
        String scope = "tenant:" + t;
        budget(server, t, scope, "TOKENS", 1000, ",\"commit_overage_policy\":\"ALLOW_IF_AVAILABLE\"");
        policy(t, "\"name\":\"strict\",\"scope_pattern\":\"tenant:" + t + "/agent:*\",\"commit_overage_policy\":\"REJECT\"");

        String byPolicy = hold(rt, subject(t, "bot"), 10, "").path("reservation_id").asText();
        assertErr(commitRes(rt, byPolicy, 11), 409, "BUDGET_EXCEEDED");
        String byRequest = hold(rt, subject(t, "bot"), 10, ",\"overage_policy\":\"ALLOW_IF_AVAILABLE\"").path("reservation_id").asText();
        assertEquals(11, commitRes(rt, byRequest, 11).json().path("charged").path("amount").asLong(), "the request wins");
        String byLedger = hold(rt, subject(t, null), 10, "").path("reservation_id").asText();
        assertEquals(12, commitRes(rt, byLedger, 12).json().path("charged").path("amount").asLong(), "no policy: the ledger's");
        assertEquals("REJECT", one(server, "SELECT overage_policy FROM reservations WHERE reservation_id = ?", byPolicy).get("overage_policy"));

        // frozen at creation: a later policy change does not reach the existing hold
        String pid = server.admin().get("/v1/admin/policies?tenant_id=" + t).json().path("policies").get(0).path("policy_id").asText();
        assertEquals(200, server.admin().patch("/v1/admin/policies/" + pid, "{\"commit_overage_policy\":\"ALLOW_IF_AVAILABLE\"}").status());
        assertErr(commitRes(rt, byPolicy, 11), 409, "BUDGET_EXCEEDED");
        assertEquals(200, commitRes(rt, byPolicy, 10).status());
        assertLedger(server, t, scope, 1000, 33, 0, 0);
    }
}
