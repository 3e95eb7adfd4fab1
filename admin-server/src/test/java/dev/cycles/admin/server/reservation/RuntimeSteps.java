package dev.cycles.admin.server.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Set-up and read-back steps for the runtime-plane HTTP tests, each asserting it worked. */
final class RuntimeSteps {
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** Everything a runtime key may do. */
    static final String ALL = "[\"reservations:create\",\"reservations:commit\",\"reservations:release\",\"reservations:extend\","
            + "\"reservations:list\",\"balances:read\"]";

    private RuntimeSteps() {
    }

    /** A tenant id no other test uses. */
    static String uniqueTenant(String prefix) {
        return prefix + "-" + System.nanoTime() % 100000 + "-" + SEQ.incrementAndGet();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void budget(Api admin, String tenant, String scope, String unit, long allocated) {
        Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenant + "\",\"scope\":\"" + scope + "\",\"unit\":\"" + unit
                + "\",\"allocated\":{\"unit\":\"" + unit + "\",\"amount\":" + allocated + "}}");
        assertEquals(201, r.status(), r.body());
    }

    static String keyWithFilter(Api admin, String tenant, String permissionsJson, String scopeFilterJson) {
        Api.Res r = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"k\",\"permissions\":"
                + permissionsJson + ",\"scope_filter\":" + scopeFilterJson + "}");
        assertEquals(201, r.status(), r.body());
        return r.text("key_secret");
    }

    static String key(Api admin, String tenant) {
        return Fixtures.key(admin, tenant, ALL);
    }

    /** Reserves {@code amount} TOKENS for {@code subjectJson} (the inside of the subject object); returns the reservation id. */
    static String reserve(Api runtime, String idemKey, String subjectJson, long amount, String extraJson) {
        Api.Res r = runtime.post("/v1/reservations", "{\"idempotency_key\":\"" + idemKey + "\",\"subject\":{" + subjectJson
                + "},\"action\":{\"kind\":\"llm.completion\",\"name\":\"m\"},\"estimate\":{\"unit\":\"TOKENS\",\"amount\":" + amount + "}"
                + (extraJson == null ? "" : "," + extraJson) + "}");
        assertEquals(200, r.status(), r.body());
        return r.text("reservation_id");
    }

    static void commit(Api runtime, String id, long actual, String extraJson) {
        Api.Res r = runtime.post("/v1/reservations/" + id + "/commit", "{\"idempotency_key\":\"c-" + id + "\",\"actual\":{\"unit\":\"TOKENS\","
                + "\"amount\":" + actual + "}" + (extraJson == null ? "" : "," + extraJson) + "}");
        assertEquals(200, r.status(), r.body());
    }

    static void release(Api runtime, String id) {
        Api.Res r = runtime.post("/v1/reservations/" + id + "/release", "{\"idempotency_key\":\"r-" + id + "\"}");
        assertEquals(200, r.status(), r.body());
    }

    /** Every row of a list, following next_cursor; asserts no row comes twice and has_more agrees with the cursor. */
    static List<JsonNode> all(Api api, String path, String query, String field) {
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        for (int guard = 0; guard < 200; guard++) {
            Api.Res r = api.get(path + "?" + query + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            assertEquals(200, r.status(), r.body());
            for (JsonNode row : r.json().path(field)) {
                String id = row.has("reservation_id") ? row.path("reservation_id").asText()
                        : row.path("scope_path").asText() + "|" + row.path("remaining").path("unit").asText();
                assertTrue(seen.add(id), "repeated row " + row);
                out.add(row);
            }
            boolean more = r.json().path("has_more").asBoolean();
            cursor = r.json().path("next_cursor").isTextual() ? r.json().path("next_cursor").asText() : null;
            assertEquals(more, cursor != null, r.body());
            if (!more) {
                return out;
            }
        }
        throw new AssertionError("paging did not end");
    }

    static void assertError(Api.Res r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.error(), r.body());
    }
}
