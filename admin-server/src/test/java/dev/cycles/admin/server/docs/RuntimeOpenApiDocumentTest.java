package dev.cycles.admin.server.docs;

import dev.cycles.admin.server.RuntimeRoutes;
import dev.cycles.admin.server.usage.UsageHandlers;
import dev.cycles.admin.server.evidence.EvidenceHandlers;
import dev.cycles.admin.server.health.HealthHandler;
import dev.cycles.admin.server.http.Route;
import dev.cycles.admin.server.reservation.ReservationHandlers;
import dev.cycles.admin.server.reservation.RuntimeReadHandlers;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ContractValidator;
import dev.cycles.admin.server.support.ServerTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime plane's own OpenAPI document: exactly the runtime route table, with the keys and
 * permissions the routes enforce, served on the runtime port with its own explorer.
 */
class RuntimeOpenApiDocumentTest extends ServerTest {

    static String resource() throws Exception {
        try (InputStream in = RuntimeOpenApiDocumentTest.class.getClassLoader().getResourceAsStream("runtime-openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static OpenAPI document() throws Exception {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(resource());
        assertEquals(List.of(), parsed.getMessages(), "runtime-openapi.yaml parses without messages");
        return parsed.getOpenAPI();
    }

    static List<Route> routes() {
        return RuntimeRoutes.table(new RuntimeRoutes.Handlers(new HealthHandler(null, "test"), new ReservationHandlers(null, null, null),
                new RuntimeReadHandlers(null, null), new EvidenceHandlers(), new DocsHandlers("runtime-openapi.yaml", "test"), new UsageHandlers(null)));
    }

    static String key(Route r) {
        return r.method() + " " + r.path().replaceAll(":([a-z_]+)", "{$1}");
    }

    /** "METHOD /path" -> the document's operation. */
    static Map<String, Operation> operations(OpenAPI api) {
        Map<String, Operation> out = new TreeMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((m, op) -> out.put(m.name() + " " + path, op)));
        return out;
    }

    @Test
    void documentListsExactlyTheRoutesWithTheirOperationIds() throws Exception {
        Map<String, String> fromRoutes = new TreeMap<>();
        for (Route r : routes()) {
            assertEquals(null, fromRoutes.put(key(r), r.operation()), "route listed twice: " + key(r));
        }
        Map<String, String> fromDocument = new TreeMap<>();
        operations(document()).forEach((k, op) -> fromDocument.put(k, op.getOperationId()));
        assertEquals(fromRoutes.keySet(), fromDocument.keySet(), "no route missing from the document, none extra");
        assertEquals(fromRoutes, fromDocument, "operationIds agree");
        assertTrue(fromRoutes.values().containsAll(List.of("createReservation", "listReservations", "getReservation",
                "commitReservation", "releaseReservation", "extendReservation", "decide", "getBalances", "getEvidence",
                "getEvidenceJwks")), fromRoutes.toString());
    }

    /** Who may call each operation, as the document states it, is what the route enforces. */
    @Test
    void documentStatesTheKeysAndPermissionsTheRoutesEnforce() throws Exception {
        OpenAPI api = document();
        Map<String, Operation> ops = operations(api);
        List<SecurityRequirement> global = api.getSecurity();
        for (Route r : routes()) {
            Operation op = ops.get(key(r));
            List<SecurityRequirement> security = op.getSecurity() != null ? op.getSecurity() : global;
            Set<String> schemes = new TreeSet<>();
            security.forEach(s -> schemes.addAll(s.keySet()));
            Set<String> expected = new TreeSet<>();
            if (r.auth().tenant()) {
                expected.add("ApiKeyAuth");
            }
            if (r.auth().admin()) {
                expected.add("AdminKeyAuth");
            }
            assertEquals(expected, schemes, key(r) + " keys");
            Object permissions = op.getExtensions() == null ? null : op.getExtensions().get("x-cycles-permissions");
            if (r.auth().tenant()) {
                assertNotNull(r.auth().permission(), key(r));
                List<String> enforced = r.auth().anyOf().stream().map(p -> p.wire()).toList();
                assertTrue(permissions instanceof List<?> l && l.size() == enforced.size() && l.containsAll(enforced),
                        key(r) + " documents exactly " + enforced + ": " + permissions);
            } else {
                assertEquals(null, permissions, key(r) + " takes no tenant key, so names no permission");
            }
        }
    }

    @Test
    void everyOperationDocumentsItsErrors() throws Exception {
        operations(document()).forEach((k, op) -> {
            boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
            if (!open) {
                for (String status : List.of("400", "401", "403", "429", "500")) {
                    assertNotNull(op.getResponses().get(status), k + " documents " + status);
                }
            }
            if (!k.startsWith("GET ")) {
                for (String status : List.of("413", "415")) {
                    assertNotNull(op.getResponses().get(status), k + " documents " + status);
                }
            }
        });
    }

    @Test
    void servedOnTheRuntimePortWithoutAKey() throws Exception {
        Api.Res r = server.runtimeAnonymous().get("/openapi.yaml");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/yaml"), r.header("Content-Type"));
        assertEquals(resource(), r.body());
        assertNotNull(r.header("X-Request-Id"));
        Api.Res admin = server.anonymous().get("/openapi.yaml");
        assertEquals(200, admin.status());
        assertNotEquals(r.body(), admin.body(), "each plane serves its own document");
        assertFalse(admin.body().contains("listReservations"));
    }

    @Test
    void explorerIsServedOnTheRuntimePort() {
        Api anon = server.runtimeAnonymous();
        Api.Res page = anon.get("/docs");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("<title>Cycles Runtime API</title>"), page.body());
        assertTrue(page.body().contains("url: \"/openapi.yaml\""), page.body());
        Api.Res bundle = anon.get("/docs/swagger-ui-bundle.js");
        assertEquals(200, bundle.status());
        assertTrue(bundle.body().contains("SwaggerUIBundle"));
        Api.Res missing = anon.get("/docs/index.html");
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.error());
        assertTrue(server.anonymous().get("/docs").body().contains("<title>Cycles Admin API</title>"), "the admin explorer keeps its title");
    }

    @Test
    void theRuntimeDocumentsCatchWhatTheyShould() {
        String row = "{\"reservation_id\":\"r1\",\"status\":\"ACTIVE\",\"subject\":{\"tenant\":\"a\"},\"action\":{\"kind\":\"k\",\"name\":\"n\"},"
                + "\"reserved\":{\"unit\":\"TOKENS\",\"amount\":5},\"created_at_ms\":1,\"expires_at_ms\":2,\"scope_path\":\"tenant:a\","
                + "\"affected_scopes\":[\"tenant:a\"]%s}";
        String page = "{\"reservations\":[%s],\"has_more\":false}";
        ContractValidator own = ContractValidator.ownRuntimeSpec();
        assertEquals(List.of(), own.problems("GET", "/v1/reservations", 200, "application/json", page.formatted(row.formatted(""))));
        assertFalse(own.problems("GET", "/v1/reservations", 200, "application/json",
                page.formatted(row.formatted(",\"tenant_id\":\"a\""))).isEmpty(), "ReservationSummary is strict");
        assertFalse(own.problems("GET", "/v1/reservations", 200, "application/json", "{\"reservations\":[]}").isEmpty(),
                "has_more is always sent");
        assertFalse(own.problems("GET", "/v1/balances", 418, "application/json",
                "{\"error\":\"INVALID_REQUEST\",\"message\":\"m\",\"request_id\":\"r\",\"trace_id\":\"" + "a".repeat(32) + "\"}").isEmpty(),
                "an undocumented status is reported");
        assertFalse(own.problems("GET", "/v1/balances", 400, "application/json",
                "{\"error\":\"BUDGET_NOT_FOUND\",\"message\":\"m\",\"request_id\":\"r\",\"trace_id\":\"" + "a".repeat(32) + "\"}").isEmpty(),
                "admin-only error codes are not runtime codes");

        ContractValidator spec = ContractValidator.runtimeSpec();
        Assumptions.assumeTrue(spec != null, "../shared/spec/cycles-protocol-v0.yaml is absent: public runtime contract not checked");
        assertEquals(List.of(), spec.problems("GET", "/v1/reservations", 200, "application/json", page.formatted(row.formatted(""))));
        assertFalse(spec.problems("GET", "/v1/reservations", 200, "application/json",
                page.formatted(row.formatted(",\"tenant_id\":\"a\""))).isEmpty(), "the public ReservationSummary is strict");
        assertFalse(spec.problems("GET", "/v1/balances", 400, "application/json",
                "{\"error\":\"KEY_REVOKED\",\"message\":\"m\",\"request_id\":\"r\"}").isEmpty(), "the public runtime ErrorCode enum");
    }
}
