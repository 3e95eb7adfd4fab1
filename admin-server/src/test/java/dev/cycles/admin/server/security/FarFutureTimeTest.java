package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hole 9 (time part): a time that {@code Instant} can hold but epoch milliseconds cannot (or one
 * far outside any sensible date) used to overflow into a 500 with a stack trace. Every time field
 * a client can send now answers 400 INVALID_REQUEST naming the field, logs nothing and stores nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FarFutureTimeTest extends ServerTest {
    /** Parseable by java.time, but far outside epoch milliseconds or the accepted years 1970..9999. */
    static final List<String> HOSTILE = List.of(
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "+292278994-08-17T07:12:55.808Z",
            "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z");

    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
        Fixtures.tenant(admin, "far-future");
    }

    @Test
    void auditFromAndTo() {
        List<String> requestIds = new ArrayList<>();
        String log = capturingLog(() -> {
            for (String field : List.of("from", "to")) {
                for (String t : HOSTILE) {
                    Api.Res r = admin.get("/v1/admin/audit/logs?" + field + "=" + URLEncoder.encode(t, StandardCharsets.UTF_8));
                    assertRefused(r, field, t);
                    requestIds.add(r.header("X-Request-Id"));
                }
            }
        });
        assertNothingLogged(log, requestIds);
        // The edges of the accepted range are fine.
        assertEquals(200, admin.get("/v1/admin/audit/logs?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z").status());
    }

    @Test
    void budgetPeriod() {
        List<String> requestIds = new ArrayList<>();
        String log = capturingLog(() -> {
            for (String field : List.of("period_start", "period_end")) {
                for (String t : HOSTILE) {
                    Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"far-future\",\"scope\":\"tenant:far-future\","
                            + "\"unit\":\"CREDITS\",\"allocated\":100,\"" + field + "\":\"" + t + "\"}");
                    assertRefused(r, field, t);
                    requestIds.add(r.header("X-Request-Id"));
                }
            }
        });
        assertNothingLogged(log, requestIds);
        assertEquals(0, Rows.count(server, "budgets", "tenant_id = ?", "far-future"));

        Api.Res edge = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"far-future\",\"scope\":\"tenant:far-future\","
                + "\"unit\":\"CREDITS\",\"allocated\":100,\"period_start\":\"1970-01-01T00:00:00Z\","
                + "\"period_end\":\"9999-12-31T23:59:59.999Z\"}");
        assertEquals(201, edge.status(), edge.body());
        assertEquals("9999-12-31T23:59:59.999Z", edge.text("period_end"));
    }

    @Test
    void policyEffectiveWindow() {
        Api.Res base = admin.post("/v1/admin/policies", "{\"tenant_id\":\"far-future\",\"name\":\"base\","
                + "\"scope_pattern\":\"tenant:far-future/agent:*\"}");
        assertEquals(201, base.status(), base.body());
        String policyId = base.text("policy_id");
        String updatedBefore = Rows.select(server, "policies", "policy_id = ?", policyId).get(0).toString();

        List<String> requestIds = new ArrayList<>();
        String log = capturingLog(() -> {
            for (String field : List.of("effective_from", "effective_until")) {
                for (String t : HOSTILE) {
                    Api.Res created = admin.post("/v1/admin/policies", "{\"tenant_id\":\"far-future\",\"name\":\"p-" + field
                            + "\",\"scope_pattern\":\"tenant:far-future/agent:*\",\"" + field + "\":\"" + t + "\"}");
                    assertRefused(created, field, t);
                    Api.Res patched = admin.patch("/v1/admin/policies/" + policyId, "{\"" + field + "\":\"" + t + "\"}");
                    assertRefused(patched, field, t);
                    requestIds.add(created.header("X-Request-Id"));
                    requestIds.add(patched.header("X-Request-Id"));
                }
            }
        });
        assertNothingLogged(log, requestIds);
        assertEquals(1, Rows.count(server, "policies", "tenant_id = ?", "far-future"));
        assertEquals(updatedBefore, Rows.select(server, "policies", "policy_id = ?", policyId).get(0).toString());

        Api.Res edge = admin.patch("/v1/admin/policies/" + policyId, "{\"effective_until\":\"9999-12-31T23:59:59.999Z\"}");
        assertEquals(200, edge.status(), edge.body());
        assertEquals("9999-12-31T23:59:59.999Z", edge.text("effective_until"));
    }

    @Test
    void apiKeyExpiry() {
        Api.Res key = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"far-future\",\"name\":\"base\"}");
        assertEquals(201, key.status(), key.body());
        String keyId = key.text("key_id");

        List<String> requestIds = new ArrayList<>();
        String log = capturingLog(() -> {
            for (String t : HOSTILE) {
                Api.Res created = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"far-future\",\"name\":\"k\",\"expires_at\":\"" + t + "\"}");
                assertRefused(created, "expires_at", t);
                // The spec makes expires_at immutable: a PATCH naming it is refused whatever the value.
                Api.Res patched = admin.patch("/v1/admin/api-keys/" + keyId, "{\"expires_at\":\"" + t + "\"}");
                assertRefused(patched, "expires_at", t);
                requestIds.add(created.header("X-Request-Id"));
                requestIds.add(patched.header("X-Request-Id"));
            }
        });
        assertNothingLogged(log, requestIds);
        assertEquals(1, Rows.count(server, "api_keys", "tenant_id = ?", "far-future"));
        assertEquals(key.text("expires_at"), admin.get("/v1/admin/api-keys?tenant_id=far-future").json()
                .path("keys").get(0).path("expires_at").asText());

        Api.Res edge = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"far-future\",\"name\":\"edge\",\"expires_at\":\"9999-12-31T23:59:59.999Z\"}");
        assertEquals(201, edge.status(), edge.body());
        assertEquals("9999-12-31T23:59:59.999Z", edge.text("expires_at"));
    }

    private static void assertRefused(Api.Res r, String field, String value) {
        assertEquals(400, r.status(), field + "=" + value + " -> " + r.body());
        assertEquals("INVALID_REQUEST", r.error(), r.body());
        assertTrue(r.text("message").contains(field), field + "=" + value + " -> " + r.body());
    }

    /** Runs {@code work} while copying everything the server logs. */
    private static String capturingLog(Runnable work) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        String marker = "far-future-marker-" + System.nanoTime();
        System.setErr(new PrintStream(new SecretLeakTest.Tee(oldErr, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new SecretLeakTest.Tee(oldOut, captured), true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger(FarFutureTimeTest.class).warn(marker);
            work.run();
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(marker), "log capture did not work: " + log);
        return log;
    }

    /** A client's mistake is no server failure: none of these requests left a log line or a stack trace. */
    private static void assertNothingLogged(String log, List<String> requestIds) {
        for (String id : requestIds) {
            assertFalse(log.contains(id), "request " + id + " was logged: " + log);
        }
        assertFalse(log.contains("Exception"), "stack trace logged: " + log);
    }
}
