package dev.cycles.admin.server.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contract check is only worth something if it can fail: feed it bodies that break the spec. */
class ContractValidatorTest {
    private static final String TENANT = "{\"tenant_id\":\"acme-corp\",\"name\":\"Acme\",\"status\":\"ACTIVE\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\"%s}";

    static ContractValidator spec() {
        ContractValidator v = ContractValidator.cyclesSpec();
        // Without the public spec beside the clone there is nothing to validate against (DESIGN.md: skip, say so).
        Assumptions.assumeTrue(v != null, "../shared/spec/cycles-governance-admin-v0.1.25.yaml is absent: contract self-test not run");
        return v;
    }

    static List<String> tenant(String body) {
        return spec().problems("GET", "/v1/admin/tenants/acme-corp", 200, "application/json", body);
    }

    @Test
    void aConformingTenantPasses() {
        assertEquals(List.of(), tenant(String.format(TENANT, "")));
        assertEquals(List.of(), tenant(String.format(TENANT, ",\"default_reservation_ttl_ms\":60000,\"metadata\":{\"a\":\"b\"}")));
    }

    @Test
    void anExtraFieldOnAStrictSchemaIsReported() {
        List<String> problems = tenant(String.format(TENANT, ",\"secret_sauce\":true"));
        assertFalse(problems.isEmpty());
        assertTrue(String.join("\n", problems).contains("secret_sauce"), problems.toString());
    }

    @Test
    void aMissingRequiredFieldIsReported() {
        List<String> problems = tenant("{\"tenant_id\":\"acme-corp\",\"name\":\"Acme\",\"status\":\"ACTIVE\"}");
        assertFalse(problems.isEmpty());
        assertTrue(String.join("\n", problems).contains("created_at"), problems.toString());
    }

    @Test
    void wrongEnumsRangesAndFormatsAreReported() {
        // Not listed: a string where the spec wants an integer. The validator reads this 3.1.0
        // document without its type keywords, so the contract check cannot catch JSON type errors
        // (an array for metadata passes too).
        String base = String.format(TENANT, "");
        for (String bad : List.of(base.replace("\"ACTIVE\"", "\"ASLEEP\""),
                String.format(TENANT, ",\"default_reservation_ttl_ms\":5"),
                base.replace("\"2026-01-01T00:00:00Z\"", "\"yesterday\""),
                base.replace("\"acme-corp\"", "\"Not Valid!\""))) {
            assertFalse(tenant(bad).isEmpty(), "not reported: " + bad);
        }
    }

    @Test
    void errorResponsesAreCheckedToo() {
        String ok = "{\"error\":\"TENANT_NOT_FOUND\",\"message\":\"m\",\"request_id\":\"r\",\"trace_id\":\"0123456789abcdef0123456789abcdef\"}";
        assertEquals(List.of(), spec().problems("GET", "/v1/admin/tenants/x", 404, "application/json", ok));
        String noRequestId = "{\"error\":\"TENANT_NOT_FOUND\",\"message\":\"m\"}";
        assertFalse(spec().problems("GET", "/v1/admin/tenants/x", 404, "application/json", noRequestId).isEmpty());
        String badCode = ok.replace("TENANT_NOT_FOUND", "NO_SUCH_THING");
        assertFalse(spec().problems("GET", "/v1/admin/tenants/x", 404, "application/json", badCode).isEmpty());
    }

    @Test
    void apiKeyPermissionsOutsideTheEnumAreReported() {
        String key = "{\"key_id\":\"key_1\",\"tenant_id\":\"t\",\"key_prefix\":\"cyc_live_abcde\",\"status\":\"ACTIVE\","
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"expires_at\":\"2027-01-01T00:00:00Z\",\"permissions\":[\"%s\"]}";
        String list = "{\"keys\":[" + key + "],\"has_more\":false}";
        assertEquals(List.of(), spec().problems("GET", "/v1/admin/api-keys", 200, "application/json", String.format(list, "balances:read")));
        assertFalse(spec().problems("GET", "/v1/admin/api-keys", 200, "application/json", String.format(list, "events:create")).isEmpty());
    }

    @Test
    void theHttpClientFailsTheTestOnAViolation() {
        // A checked client turns a non-conforming answer into an assertion failure; unchecked() does not.
        // (events:create breaks only the public spec's enum: our own document accepts it.)
        spec();
        try (TestServer server = TestServer.start()) {
            Api admin = server.admin();
            assertEquals(201, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"cv-t\",\"name\":\"x\"}").status());
            assertEquals(201, admin.unchecked().post("/v1/admin/api-keys",
                    "{\"tenant_id\":\"cv-t\",\"name\":\"k\",\"permissions\":[\"events:create\"]}").status());
            assertThrows(AssertionError.class, () -> admin.get("/v1/admin/api-keys?tenant_id=cv-t"));
            assertEquals(200, admin.unchecked().get("/v1/admin/api-keys?tenant_id=cv-t").status());
        }
    }
}
