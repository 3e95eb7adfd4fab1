package dev.cycles.admin.server.runtime;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 401s and 403s of every implemented runtime operation: missing, unknown, revoked and closed
 * tenants' keys; the admin key where only a tenant key is accepted; permissions; scope_filter;
 * another tenant's reservation and subject. Nothing refused changes a ledger.
 */
class RuntimeAuthTest extends ServerTest {
    static String t;
    static String scope;
    static Api rt;

    @BeforeAll
    static void setUp() {
        t = uniqueTenant("auth");
        scope = "tenant:" + t;
        rt = tenantWithKey(server, t);
        budget(server, t, scope, 1_000_000);
        budget(server, t, scope + "/agent:a", 1_000_000);
        budget(server, t, scope + "/agent:b", 1_000_000);
    }

    /** A fresh hold of 100 on agent a, for one test. */
    private static String fresh() {
        return hold(rt, subject(t, "a"), 100, "").path("reservation_id").asText();
    }

    /** The stored figures of the tenant's ledgers, to show a refused request changed none of them. */
    private static String figures() {
        return java.util.Arrays.toString(ledger(server, t, scope)) + java.util.Arrays.toString(ledger(server, t, scope + "/agent:a"))
                + java.util.Arrays.toString(ledger(server, t, scope + "/agent:b"));
    }

    /** One request per implemented operation, against reservation {@code id}. */
    private static List<Call> calls(String id) {
        return List.of(
                new Call("create", a -> a.post("/v1/reservations", reserve(key("k"), subject(t, "a"), 1, ""))),
                new Call("dry run", a -> a.post("/v1/reservations", reserve(key("k"), subject(t, "a"), 1, ",\"dry_run\":true"))),
                new Call("decide", a -> a.post("/v1/decide", decide(key("k"), subject(t, "a"), 1))),
                new Call("commit", a -> a.post("/v1/reservations/" + id + "/commit", commit(key("k"), 1))),
                new Call("release", a -> a.post("/v1/reservations/" + id + "/release", release(key("k"), null))),
                new Call("extend", a -> a.post("/v1/reservations/" + id + "/extend", extend(key("k"), 1000))),
                new Call("get", a -> a.get("/v1/reservations/" + id)));
    }

    record Call(String name, Function<Api, Api.Res> send) {
    }

    @Test
    void missingUnknownAndRevokedKeysAre401() {
        String id = fresh();
        String before = figures();
        Api.Res made = server.admin().post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"soon-revoked\",\"permissions\":"
                + ALL + "}");
        assertEquals(201, made.status(), made.body());
        String revoked = made.text("key_secret");
        List<Api> refused = List.of(
                server.runtime(null),
                server.runtime("cyc_live_" + "0".repeat(40)),
                server.runtime("not-even-a-key"));
        for (Call call : calls(id)) {
            for (Api a : refused) {
                expect(call.name(), call.send().apply(a), 401, "UNAUTHORIZED");
            }
        }
        Api revokedKey = server.runtime(revoked);
        assertEquals(200, revokedKey.get("/v1/reservations/" + id).status());
        assertEquals(200, server.admin().delete("/v1/admin/api-keys/" + made.text("key_id")).status());
        for (Call call : calls(id)) {
            expect(call.name() + " with a revoked key", call.send().apply(revokedKey), 401, "UNAUTHORIZED");
        }
        assertEquals(before, figures());
        assertEquals("ACTIVE", status(server, id));
        assertHoldsMatch(server, t);
    }

    @Test
    void theAdminKeyOpensOnlyGetAndRelease() {
        String id = fresh();
        String before = figures();
        Api admin = server.runtimeAdmin();
        for (Call call : calls(id)) {
            if (call.name().equals("release")) {
                continue; // accepted: scenario 13 covers it
            }
            Api.Res r = call.send().apply(admin);
            if (call.name().equals("get")) {
                assertEquals(200, r.status(), r.body());
            } else {
                expect(call.name() + " with the admin key", r, 401, "UNAUTHORIZED");
            }
        }
        Api wrong = admin.withKey("X-Admin-API-Key", "wrong");
        expect("get with a wrong admin key", wrong.get("/v1/reservations/" + id), 401, "UNAUTHORIZED");
        expect("release with a wrong admin key", wrong.post("/v1/reservations/" + id + "/release", release("w", null)), 401, "UNAUTHORIZED");
        // a wrong admin key does not fall through to a valid tenant key on the same request
        Api.Res both = wrong.send("GET", "/v1/reservations/" + id, null, null, "X-Cycles-API-Key", Fixtures.key(server.admin(), t, ALL));
        expect("get with a wrong admin key and a good tenant key", both, 401, "UNAUTHORIZED");
        // the admin header is ignored where it is not accepted: the tenant key decides
        Api.Res tenantWins = rt.send("POST", "/v1/reservations", reserve(key("k"), subject(t, "a"), 1, ",\"dry_run\":true"),
                "application/json", "X-Admin-API-Key", "wrong");
        assertEquals(200, tenantWins.status(), tenantWins.body());
        assertEquals(t, tenantWins.header("X-Cycles-Tenant"));
        assertEquals(before, figures());
        assertEquals("ACTIVE", status(server, id));
    }

    @Test
    void eachOperationNeedsItsPermission() {
        String id = fresh();
        String before = figures();
        Api balancesOnly = server.runtime(Fixtures.key(server.admin(), t, "[\"balances:read\"]"));
        for (Call call : calls(id)) {
            expect(call.name() + " with balances:read only", call.send().apply(balancesOnly), 403, "FORBIDDEN");
        }
        String[][] grants = {
                {"create", "reservations:create"}, {"dry run", "reservations:create"}, {"decide", "reservations:create"},
                {"commit", "reservations:commit"}, {"release", "reservations:release"}, {"extend", "reservations:extend"},
                {"get", "reservations:list"}};
        assertEquals(before, figures());
        for (String[] g : grants) {
            Api only = server.runtime(Fixtures.key(server.admin(), t, "[\"" + g[1] + "\"]"));
            String mine = fresh();
            for (Call call : calls(mine)) {
                Api.Res r = call.send().apply(only);
                if (grantOf(call.name()).equals(g[1])) {
                    assertEquals(200, r.status(), call.name() + " with " + g[1] + ": " + r.body());
                } else {
                    expect(call.name() + " with " + g[1], r, 403, "FORBIDDEN");
                }
            }
        }
        // admin:read opens reads only; admin:write opens the writes
        Api reader = server.runtime(Fixtures.key(server.admin(), t, "[\"admin:read\"]"));
        for (Call call : calls(id)) {
            Api.Res r = call.send().apply(reader);
            if (call.name().equals("get")) {
                assertEquals(200, r.status(), r.body());
            } else {
                expect(call.name() + " with admin:read", r, 403, "FORBIDDEN");
            }
        }
        assertEquals("ACTIVE", status(server, id));
        Api writer = server.runtime(Fixtures.key(server.admin(), t, "[\"admin:write\"]"));
        String mine = hold(writer, subject(t, "b"), 5, "").path("reservation_id").asText();
        assertEquals(200, writer.post("/v1/reservations/" + mine + "/extend", extend(key("k"), 1000)).status());
        assertEquals(200, writer.post("/v1/reservations/" + mine + "/commit", commit(key("k"), 5)).status());
        assertEquals(200, writer.post("/v1/decide", decide(key("k"), subject(t, "b"), 1)).status());
        expect("get with admin:write", writer.get("/v1/reservations/" + id), 403, "FORBIDDEN");
        Api committer = server.runtime(Fixtures.key(server.admin(), t, "[\"reservations:commit\"]"));
        expect("release with commit only", committer.post("/v1/reservations/" + id + "/release", release(key("k"), null)), 403, "FORBIDDEN");
        Api releaser = server.runtime(Fixtures.key(server.admin(), t, "[\"reservations:release\"]"));
        expect("commit with release only", releaser.post("/v1/reservations/" + id + "/commit", commit(key("k"), 1)), 403, "FORBIDDEN");
        assertEquals("ACTIVE", status(server, id));
        assertHoldsMatch(server, t);
    }

    private static String grantOf(String call) {
        return switch (call) {
            case "create", "dry run", "decide" -> "reservations:create";
            case "commit" -> "reservations:commit";
            case "release" -> "reservations:release";
            case "extend" -> "reservations:extend";
            default -> "reservations:list";
        };
    }

    @Test
    void aScopeFilterBoundsSubjectsAndReservations() {
        String id = fresh();
        String before = figures();
        Api.Res k = server.admin().post("/v1/admin/api-keys", "{\"tenant_id\":\"" + t + "\",\"name\":\"b-only\",\"permissions\":" + ALL
                + ",\"scope_filter\":[\"agent:b\"]}");
        assertEquals(201, k.status(), k.body());
        Api bOnly = server.runtime(k.text("key_secret"));
        for (Call call : calls(id)) {
            // every call names agent a: the subject or the reservation lies outside the filter
            expect(call.name() + " outside the scope_filter", call.send().apply(bOnly), 403, "FORBIDDEN");
        }
        expect("tenant-level subject outside the filter", bOnly.post("/v1/reservations", reserve(key("k"), subject(t, null), 1, "")),
                403, "FORBIDDEN");
        assertEquals(before, figures());
        assertEquals("ACTIVE", status(server, id));
        String inside = hold(bOnly, subject(t, "b"), 3, "").path("reservation_id").asText();
        assertEquals(200, bOnly.get("/v1/reservations/" + inside).status());
        assertEquals(200, bOnly.post("/v1/reservations/" + inside + "/release", release(key("k"), null)).status());
        assertEquals(before, figures());
        assertHoldsMatch(server, t);
    }

    @Test
    void anotherTenantsReservationOrSubjectIs403() {
        String other = uniqueTenant("auth-other");
        Api otherRt = tenantWithKey(server, other);
        budget(server, other, "tenant:" + other, 1000);
        String id = fresh();
        String before = figures();
        for (Call call : calls(id)) {
            expect(call.name() + " by another tenant", call.send().apply(otherRt), 403, "FORBIDDEN");
        }
        assertEquals(before, figures());
        assertEquals("ACTIVE", status(server, id));
        assertLedger(server, other, "tenant:" + other, 1000, 0, 0, 0);
    }

    private static void expect(String label, Api.Res r, int status, String code) {
        try {
            assertErr(r, status, code);
        } catch (AssertionError e) {
            throw new AssertionError(label + ": " + e.getMessage(), e);
        }
    }
}
