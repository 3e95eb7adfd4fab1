package dev.cycles.admin.server.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/admin/tenants: creation, idempotent retry, conflicts, the seed guide's form, and validation. */
class TenantCreateTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static Api admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    @Test
    void createReturns201WithSpecDefaultsAndPersistsTheRow() {
        String id = uniqueId("create");
        Api.Res r = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Acme Corporation\"}");
        assertEquals(201, r.status(), r.body());
        JsonNode t = r.json();
        assertEquals(id, t.path("tenant_id").asText());
        assertEquals("Acme Corporation", t.path("name").asText());
        assertEquals("ACTIVE", t.path("status").asText());
        assertEquals("ALLOW_IF_AVAILABLE", t.path("default_commit_overage_policy").asText());
        assertEquals(60000, t.path("default_reservation_ttl_ms").asLong());
        assertEquals(3600000, t.path("max_reservation_ttl_ms").asLong());
        assertEquals(10, t.path("max_reservation_extensions").asLong());
        assertTrue(t.hasNonNull("created_at"));
        assertFalse(t.has("suspended_at"));
        assertFalse(t.has("closed_at"));

        List<Map<String, Object>> rows = Rows.select(server, "tenants", "tenant_id = ?", id);
        assertEquals(1, rows.size());
        assertEquals("Acme Corporation", rows.get(0).get("name"));
        assertEquals("ACTIVE", rows.get(0).get("status"));
        assertEquals(1, Rows.count(server, "events", "tenant_id = ? AND event_type = 'tenant.created'", id));

        Api.Res got = admin.get("/v1/admin/tenants/" + id);
        assertEquals(200, got.status());
        assertEquals(t, got.json());
    }

    @Test
    void identicalRecreateIs200WithTheStoredRecord() {
        String id = uniqueId("again");
        String body = "{\"tenant_id\":\"" + id + "\",\"name\":\"Same Name\",\"metadata\":{\"plan\":\"pro\"}}";
        Api.Res first = admin.post("/v1/admin/tenants", body);
        assertEquals(201, first.status(), first.body());
        // A retry, even with a different TTL, returns the stored tenant unchanged.
        Api.Res second = admin.post("/v1/admin/tenants",
                "{\"tenant_id\":\"" + id + "\",\"name\":\"Same Name\",\"default_reservation_ttl_ms\":5000}");
        assertEquals(200, second.status(), second.body());
        assertEquals(first.json(), second.json());
        assertEquals(60000, second.json().path("default_reservation_ttl_ms").asLong());
        assertEquals(1, Rows.count(server, "tenants", "tenant_id = ?", id));
        assertEquals(1, Rows.count(server, "events", "tenant_id = ? AND event_type = 'tenant.created'", id));
    }

    @Test
    void sameIdDifferentNameIs409AndKeepsTheOriginal() {
        String id = uniqueId("dup");
        assertEquals(201, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Original\"}").status());
        Api.Res r = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Other\"}");
        assertEquals(409, r.status(), r.body());
        assertEquals("DUPLICATE_RESOURCE", r.error());
        assertEquals("Original", admin.get("/v1/admin/tenants/" + id).text("name"));
        assertEquals("Original", Rows.select(server, "tenants", "tenant_id = ?", id).get(0).get("name"));
    }

    @Test
    void seedGuideExampleWithStatusActiveWorks() {
        // Verbatim from the admin guide except the id, which must be unique per test.
        String id = uniqueId("acme-corp");
        Api.Res r = admin.post("/v1/admin/tenants", "{\n\"tenant_id\": \"" + id + "\",\n\"name\": \"Acme Corporation\",\n\"status\": \"ACTIVE\"\n}");
        assertEquals(201, r.status(), r.body());
        assertEquals("ACTIVE", r.text("status"));
        assertEquals("ACTIVE", Rows.select(server, "tenants", "tenant_id = ?", id).get(0).get("status"));
    }

    @Test
    void allOptionalFieldsAreStoredAndReturned() {
        String id = uniqueId("full");
        String parent = uniqueId("parent");
        assertEquals(201, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + parent + "\",\"name\":\"P\"}").status());
        Api.Res r = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Full\",\"parent_tenant_id\":\"" + parent
                + "\",\"metadata\":{\"a\":\"1\"},\"default_commit_overage_policy\":\"REJECT\",\"default_reservation_ttl_ms\":1000,"
                + "\"max_reservation_ttl_ms\":86400000,\"max_reservation_extensions\":0,\"reservation_expiry_policy\":\"GRACE_ONLY\"}");
        assertEquals(201, r.status(), r.body());
        JsonNode got = admin.get("/v1/admin/tenants/" + id).json();
        assertEquals(parent, got.path("parent_tenant_id").asText());
        assertEquals("1", got.path("metadata").path("a").asText());
        assertEquals("REJECT", got.path("default_commit_overage_policy").asText());
        assertEquals(1000, got.path("default_reservation_ttl_ms").asLong());
        assertEquals(86400000, got.path("max_reservation_ttl_ms").asLong());
        assertEquals(0, got.path("max_reservation_extensions").asLong());
        assertEquals("GRACE_ONLY", got.path("reservation_expiry_policy").asText());
    }

    static Stream<Arguments> invalidBodies() {
        String longName = "n".repeat(257);
        return Stream.of(
                Arguments.of("uppercase id", "{\"tenant_id\":\"Acme-Corp\",\"name\":\"x\"}", "tenant_id"),
                Arguments.of("id too short", "{\"tenant_id\":\"ab\",\"name\":\"x\"}", "tenant_id"),
                Arguments.of("id too long", "{\"tenant_id\":\"" + "a".repeat(65) + "\",\"name\":\"x\"}", "tenant_id"),
                Arguments.of("id with underscore", "{\"tenant_id\":\"bad_id\",\"name\":\"x\"}", "tenant_id"),
                Arguments.of("name too long", "{\"tenant_id\":\"name-too-long\",\"name\":\"" + longName + "\"}", "name"),
                Arguments.of("ttl 500", "{\"tenant_id\":\"ttl-low\",\"name\":\"x\",\"default_reservation_ttl_ms\":500}", "default_reservation_ttl_ms"),
                Arguments.of("max ttl too high", "{\"tenant_id\":\"ttl-high\",\"name\":\"x\",\"max_reservation_ttl_ms\":86400001}", "max_reservation_ttl_ms"),
                Arguments.of("negative extensions", "{\"tenant_id\":\"ext-neg\",\"name\":\"x\",\"max_reservation_extensions\":-1}", "max_reservation_extensions"),
                Arguments.of("bad enum", "{\"tenant_id\":\"bad-enum\",\"name\":\"x\",\"default_commit_overage_policy\":\"SOMETIMES\"}", "default_commit_overage_policy"),
                Arguments.of("bad expiry enum", "{\"tenant_id\":\"bad-expiry\",\"name\":\"x\",\"reservation_expiry_policy\":\"NEVER\"}", "reservation_expiry_policy"),
                Arguments.of("unknown field", "{\"tenant_id\":\"unknown-field\",\"name\":\"x\",\"colour\":\"red\"}", "colour"),
                Arguments.of("missing name", "{\"tenant_id\":\"no-name\"}", "name"),
                Arguments.of("blank name", "{\"tenant_id\":\"blank-name\",\"name\":\"  \"}", "name"),
                Arguments.of("missing id", "{\"name\":\"x\"}", "tenant_id"),
                Arguments.of("name not a string", "{\"tenant_id\":\"name-number\",\"name\":{\"x\":1}}", "name"),
                Arguments.of("ttl as string", "{\"tenant_id\":\"ttl-string\",\"name\":\"x\",\"default_reservation_ttl_ms\":\"5000\"}", "default_reservation_ttl_ms"),
                Arguments.of("default above max", "{\"tenant_id\":\"ttl-order\",\"name\":\"x\",\"default_reservation_ttl_ms\":20000,\"max_reservation_ttl_ms\":10000}", "default_reservation_ttl_ms"),
                Arguments.of("created CLOSED", "{\"tenant_id\":\"born-closed\",\"name\":\"x\",\"status\":\"CLOSED\"}", "CLOSED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidCreateIs400AndStoresNothing(String label, String body, String mentioned) {
        Api.Res r = admin.post("/v1/admin/tenants", body);
        assertEquals(400, r.status(), label + ": " + r.body());
        assertEquals("INVALID_REQUEST", r.error());
        assertTrue(r.text("message").contains(mentioned), label + ": message should name " + mentioned + ": " + r.text("message"));
        String id = body.contains("\"tenant_id\":\"") ? body.split("\"tenant_id\":\"")[1].split("\"")[0] : "";
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = ?", id), label);
    }

    @Test
    void boundaryValuesAreAccepted() {
        String min = "abc";
        String max = "m".repeat(64);
        assertEquals(201, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + min + "\",\"name\":\"" + "n".repeat(256) + "\"}").status());
        assertEquals(201, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + max + "\",\"name\":\"x\"}").status());
        assertEquals(256, admin.get("/v1/admin/tenants/" + min).text("name").length());
    }

    @Test
    void unknownTenantIs404TenantNotFound() {
        Api.Res r = admin.get("/v1/admin/tenants/no-such-tenant");
        assertEquals(404, r.status());
        assertEquals("TENANT_NOT_FOUND", r.error());
    }

    @Test
    void unknownParentIs404() {
        Api.Res r = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"orphan-child\",\"name\":\"x\",\"parent_tenant_id\":\"no-such-parent\"}");
        assertEquals(404, r.status(), r.body());
        assertEquals("TENANT_NOT_FOUND", r.error());
        assertEquals(0, Rows.count(server, "tenants", "tenant_id = 'orphan-child'"));
    }

    @Test
    void concurrentIdenticalCreatesMakeOneTenant() throws Exception {
        String id = uniqueId("race");
        String body = "{\"tenant_id\":\"" + id + "\",\"name\":\"Race\"}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Api.Res>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> admin.post("/v1/admin/tenants", body)));
            }
            int created = 0;
            int replayed = 0;
            for (java.util.concurrent.Future<Api.Res> f : futures) {
                Api.Res r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                if (r.status() == 201) {
                    created++;
                } else if (r.status() == 200) {
                    replayed++;
                } else {
                    throw new AssertionError("unexpected " + r);
                }
            }
            assertEquals(1, created);
            assertEquals(7, replayed);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Rows.count(server, "tenants", "tenant_id = ?", id));
        assertEquals(8, Rows.count(server, "audit_logs", "operation = 'createTenant' AND resource_id = ?", id));
    }
}
