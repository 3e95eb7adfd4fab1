package dev.cycles.admin.server.runtime;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every 400 of the implemented runtime operations: strict bodies (unknown fields at any depth),
 * Amount shape and range, subject and action rules, TTL/grace/extend ranges, idempotency keys and
 * reservation ids. A refused request changes nothing.
 */
class RuntimeValidationTest extends ServerTest {
    static String t;
    static Api rt;
    static String id;

    @BeforeAll
    static void setUp() {
        t = uniqueTenant("val");
        rt = tenantWithKey(server, t);
        budget(server, t, "tenant:" + t, 1000);
        id = hold(rt, subject(t, "a"), 100, "").path("reservation_id").asText();
    }

    private static final String S = "{\"tenant\":\"%s\",\"agent\":\"a\"}";
    private static final String E = "{\"unit\":\"TOKENS\",\"amount\":1}";

    /** A reserve/decide body with the given parts. */
    private static String body(String subject, String action, String estimate, String extra) {
        return "{\"idempotency_key\":\"" + key("v") + "\",\"subject\":" + subject + ",\"action\":" + action + ",\"estimate\":"
                + estimate + extra + "}";
    }

    private static Map<String, String> subjectAndEstimateCases() {
        String s = String.format(S, t);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("unknown top-level field", body(s, ACTION, E, ",\"surprise\":1"));
        c.put("unknown field in subject", body("{\"tenant\":\"" + t + "\",\"team\":\"x\"}", ACTION, E, ""));
        c.put("unknown field in action", body(s, "{\"kind\":\"k\",\"name\":\"n\",\"risk\":1}", E, ""));
        c.put("unknown field in estimate", body(s, ACTION, "{\"unit\":\"TOKENS\",\"amount\":1,\"currency\":\"x\"}", ""));
        c.put("bare-number estimate", body(s, ACTION, "5", ""));
        c.put("negative estimate", body(s, ACTION, "{\"unit\":\"TOKENS\",\"amount\":-1}", ""));
        c.put("estimate past int64", body(s, ACTION, "{\"unit\":\"TOKENS\",\"amount\":9223372036854775808}", ""));
        c.put("fractional estimate", body(s, ACTION, "{\"unit\":\"TOKENS\",\"amount\":1.5}", ""));
        c.put("estimate without unit", body(s, ACTION, "{\"amount\":1}", ""));
        c.put("estimate without amount", body(s, ACTION, "{\"unit\":\"TOKENS\"}", ""));
        c.put("unknown unit", body(s, ACTION, "{\"unit\":\"DOLLARS\",\"amount\":1}", ""));
        c.put("missing estimate", "{\"idempotency_key\":\"k\",\"subject\":" + s + ",\"action\":" + ACTION + "}");
        c.put("missing subject", "{\"idempotency_key\":\"k\",\"action\":" + ACTION + ",\"estimate\":" + E + "}");
        c.put("missing action", "{\"idempotency_key\":\"k\",\"subject\":" + s + ",\"estimate\":" + E + "}");
        c.put("missing idempotency_key", "{\"subject\":" + s + ",\"action\":" + ACTION + ",\"estimate\":" + E + "}");
        c.put("empty idempotency_key", "{\"idempotency_key\":\"\",\"subject\":" + s + ",\"action\":" + ACTION + ",\"estimate\":" + E + "}");
        c.put("idempotency_key of 257", "{\"idempotency_key\":\"" + "k".repeat(257) + "\",\"subject\":" + s + ",\"action\":" + ACTION
                + ",\"estimate\":" + E + "}");
        c.put("dimensions-only subject", body("{\"dimensions\":{\"run\":\"1\"}}", ACTION, E, ""));
        c.put("empty subject", body("{}", ACTION, E, ""));
        c.put("blank subject level", body("{\"tenant\":\"" + t + "\",\"agent\":\" \"}", ACTION, E, ""));
        c.put("slash in subject", body("{\"tenant\":\"" + t + "\",\"agent\":\"a/b\"}", ACTION, E, ""));
        c.put("colon in subject", body("{\"tenant\":\"" + t + "\",\"agent\":\"a:b\"}", ACTION, E, ""));
        c.put("space in subject", body("{\"tenant\":\"" + t + "\",\"agent\":\"a b\"}", ACTION, E, ""));
        c.put("subject value of 129", body("{\"tenant\":\"" + t + "\",\"agent\":\"" + "a".repeat(129) + "\"}", ACTION, E, ""));
        c.put("17 dimensions", body("{\"tenant\":\"" + t + "\",\"dimensions\":" + dims(17, 1) + "}", ACTION, E, ""));
        c.put("dimension value of 257", body("{\"tenant\":\"" + t + "\",\"dimensions\":" + dims(1, 257) + "}", ACTION, E, ""));
        c.put("subject not an object", body("\"" + t + "\"", ACTION, E, ""));
        c.put("action without kind", body(s, "{\"name\":\"n\"}", E, ""));
        c.put("action without name", body(s, "{\"kind\":\"k\"}", E, ""));
        c.put("action kind of 65", body(s, "{\"kind\":\"" + "k".repeat(65) + "\",\"name\":\"n\"}", E, ""));
        c.put("action name of 257", body(s, "{\"kind\":\"k\",\"name\":\"" + "n".repeat(257) + "\"}", E, ""));
        c.put("11 action tags", body(s, "{\"kind\":\"k\",\"name\":\"n\",\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}", E, ""));
        c.put("action tag of 65", body(s, "{\"kind\":\"k\",\"name\":\"n\",\"tags\":[\"" + "t".repeat(65) + "\"]}", E, ""));
        c.put("metadata not an object", body(s, ACTION, E, ",\"metadata\":[1]"));
        return c;
    }

    private static String dims(int entries, int valueLength) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < entries; i++) {
            b.append(i == 0 ? "" : ",").append("\"d").append(i).append("\":\"").append("v".repeat(valueLength)).append('"');
        }
        return b.append('}').toString();
    }

    @Test
    void createLiveDryRunAndDecideRefuseMalformedBodies() {
        for (Map.Entry<String, String> c : subjectAndEstimateCases().entrySet()) {
            for (String extra : new String[]{"", ",\"dry_run\":true"}) {
                String b = c.getValue().substring(0, c.getValue().length() - 1) + extra + "}";
                expect400(c.getKey() + (extra.isEmpty() ? " (live)" : " (dry run)"), rt.post("/v1/reservations", b));
            }
            expect400(c.getKey() + " (decide)", rt.post("/v1/decide", c.getValue()));
        }
        assertUnchanged();
    }

    @Test
    void createRefusesReservationSettingsOutOfRange() {
        String s = String.format(S, t);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("ttl 999", body(s, ACTION, E, ",\"ttl_ms\":999"));
        c.put("ttl 86400001", body(s, ACTION, E, ",\"ttl_ms\":86400001"));
        c.put("ttl a string", body(s, ACTION, E, ",\"ttl_ms\":\"long\""));
        c.put("grace -1", body(s, ACTION, E, ",\"grace_period_ms\":-1"));
        c.put("grace 60001", body(s, ACTION, E, ",\"grace_period_ms\":60001"));
        c.put("unknown overage policy", body(s, ACTION, E, ",\"overage_policy\":\"SOMETIMES\""));
        c.put("dry_run not a boolean", body(s, ACTION, E, ",\"dry_run\":\"yes\""));
        for (Map.Entry<String, String> e : c.entrySet()) {
            expect400(e.getKey(), rt.post("/v1/reservations", e.getValue()));
        }
        expect400("decide has no ttl_ms", rt.post("/v1/decide", body(s, ACTION, E, ",\"ttl_ms\":1000")));
        expect400("decide has no dry_run", rt.post("/v1/decide", body(s, ACTION, E, ",\"dry_run\":true")));
        expect400("empty body", rt.post("/v1/reservations", ""));
        expect400("malformed JSON", rt.post("/v1/reservations", "{\"idempotency_key\":"));
        expect400("JSON array", rt.post("/v1/reservations", "[]"));
        expect400("header and body keys differ (create)", rt.send("POST", "/v1/reservations", reserve("body", s, 1, ""),
                "application/json", "X-Idempotency-Key", "header"));
        expect400("header and body keys differ (decide)", rt.send("POST", "/v1/decide", decide("body", s, 1),
                "application/json", "X-Idempotency-Key", "header"));
        // edges that are legal
        assertEquals(200, rt.post("/v1/reservations", body(s, ACTION, "{\"unit\":\"TOKENS\",\"amount\":0}", ",\"ttl_ms\":1000,\"grace_period_ms\":0")).status());
        assertEquals(200, rt.post("/v1/reservations", body(s, ACTION, E, ",\"ttl_ms\":86400000,\"grace_period_ms\":60000,\"dry_run\":true")).status());
        assertEquals(200, rt.post("/v1/reservations", body("{\"tenant\":\"" + t + "\",\"agent\":\"A.b_c-9\",\"dimensions\":" + dims(16, 256) + "}",
                "{\"kind\":\"" + "k".repeat(64) + "\",\"name\":\"n\",\"tags\":[\"x\"]}", E, ",\"dry_run\":true")).status());
    }

    @Test
    void settlementOperationsRefuseMalformedBodies() {
        String base = "/v1/reservations/" + id;
        Map<String, String[]> c = new LinkedHashMap<>();
        c.put("commit unknown field", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":" + E + ",\"x\":1}"});
        c.put("commit unknown field in actual", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":1,\"x\":1}}"});
        c.put("commit unknown field in metrics", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":" + E + ",\"metrics\":{\"tokens\":1}}"});
        c.put("commit negative metric", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":" + E + ",\"metrics\":{\"tokens_input\":-1}}"});
        c.put("commit model_version of 129", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":" + E
                + ",\"metrics\":{\"model_version\":\"" + "m".repeat(129) + "\"}}"});
        c.put("commit bare-number actual", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":1}"});
        c.put("commit negative actual", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":-5}}"});
        c.put("commit actual past int64", new String[]{"/commit", "{\"idempotency_key\":\"k\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":99999999999999999999}}"});
        c.put("commit without actual", new String[]{"/commit", "{\"idempotency_key\":\"k\"}"});
        c.put("commit without key", new String[]{"/commit", "{\"actual\":" + E + "}"});
        c.put("commit empty body", new String[]{"/commit", ""});
        c.put("release unknown field", new String[]{"/release", "{\"idempotency_key\":\"k\",\"why\":\"x\"}"});
        c.put("release reason of 257", new String[]{"/release", "{\"idempotency_key\":\"k\",\"reason\":\"" + "r".repeat(257) + "\"}"});
        c.put("release without key", new String[]{"/release", "{\"reason\":\"x\"}"});
        c.put("release key of 257", new String[]{"/release", "{\"idempotency_key\":\"" + "k".repeat(257) + "\"}"});
        c.put("extend unknown field", new String[]{"/extend", "{\"idempotency_key\":\"k\",\"extend_by_ms\":1000,\"x\":1}"});
        c.put("extend by 0", new String[]{"/extend", "{\"idempotency_key\":\"k\",\"extend_by_ms\":0}"});
        c.put("extend by 86400001", new String[]{"/extend", "{\"idempotency_key\":\"k\",\"extend_by_ms\":86400001}"});
        c.put("extend without extend_by_ms", new String[]{"/extend", "{\"idempotency_key\":\"k\"}"});
        c.put("extend without key", new String[]{"/extend", "{\"extend_by_ms\":1000}"});
        for (Map.Entry<String, String[]> e : c.entrySet()) {
            expect400(e.getKey(), rt.post(base + e.getValue()[0], e.getValue()[1]));
        }
        for (String op : new String[]{"/commit", "/release", "/extend"}) {
            String b = op.equals("/commit") ? commit("body", 1) : op.equals("/release") ? release("body", null) : extend("body", 1000);
            expect400("header and body keys differ (" + op + ")", rt.send("POST", base + op, b, "application/json",
                    "X-Idempotency-Key", "header"));
            // validation comes before the 404 of an unknown reservation
            expect400("bad body on an unknown id (" + op + ")", rt.post("/v1/reservations/rsv_unknown" + op, "{\"x\":1}"));
        }
        assertErr(rt.post(base + "/commit", "{\"idempotency_key\":\"k\",\"actual\":{\"unit\":\"CREDITS\",\"amount\":1}}"), 400,
                "UNIT_MISMATCH");
        assertUnchanged();
        assertEquals("ACTIVE", status(server, id));
    }

    @Test
    void reservationIdsLongerThan128AreRefused() {
        String longId = "r".repeat(129);
        expect400("get", rt.get("/v1/reservations/" + longId));
        expect400("commit", rt.post("/v1/reservations/" + longId + "/commit", commit("k", 1)));
        expect400("release", rt.post("/v1/reservations/" + longId + "/release", release("k", null)));
        expect400("extend", rt.post("/v1/reservations/" + longId + "/extend", extend("k", 1000)));
        expect400("admin release", server.runtimeAdmin().post("/v1/reservations/" + longId + "/release", release("k", null)));
        assertErr(rt.get("/v1/reservations/" + "r".repeat(128)), 404, "NOT_FOUND");
    }

    private static void expect400(String label, Api.Res r) {
        try {
            assertErr(r, 400, "INVALID_REQUEST");
        } catch (AssertionError e) {
            throw new AssertionError(label + ": " + e.getMessage(), e);
        }
    }

    private static void assertUnchanged() {
        assertLedger(server, t, "tenant:" + t, 1000, 0, 100, 0);
        long n = server.db().read(c -> dev.cycles.admin.server.db.Sql.count(c,
                "SELECT COUNT(*) FROM reservations WHERE tenant_id = ? AND estimate <> 0 AND reservation_id <> ?", t, id));
        assertEquals(0, n, "no reservation was made by a refused request");
        assertTrue(storedEvents(server, t, "reservation.denied") == 0);
    }
}
