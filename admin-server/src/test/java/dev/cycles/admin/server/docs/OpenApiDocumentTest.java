package dev.cycles.admin.server.docs;

import dev.cycles.admin.server.apikey.ApiKeyHandlers;
import dev.cycles.admin.server.audit.AuditHandlers;
import dev.cycles.admin.server.auth.AuthHandlers;
import dev.cycles.admin.server.backup.BackupHandlers;
import dev.cycles.admin.server.budget.BudgetHandlers;
import dev.cycles.admin.server.event.EventHandlers;
import dev.cycles.admin.server.health.HealthHandler;
import dev.cycles.admin.server.http.Route;
import dev.cycles.admin.server.AdminRoutes;
import dev.cycles.admin.server.overview.OverviewHandlers;
import dev.cycles.admin.server.policy.PolicyHandlers;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ContractValidator;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.tenant.TenantHandlers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's own OpenAPI document: exactly the served operations, served itself, with an explorer. */
class OpenApiDocumentTest extends ServerTest {

    static String resource() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** "METHOD /path/{param}" -> operationId, from the route table. */
    static Map<String, String> routeOperations() {
        AdminRoutes.Handlers h = new AdminRoutes.Handlers(new HealthHandler(null, "test"), new TenantHandlers(null, null), new ApiKeyHandlers(null),
                new AuthHandlers(null), new BudgetHandlers(null, null, null), new BackupHandlers(null), new PolicyHandlers(null),
                new AuditHandlers(null), new OverviewHandlers(null), new dev.cycles.admin.server.webhook.WebhookHandlers(null, null, null), new DocsHandlers(),
                new EventHandlers(null), new dev.cycles.admin.server.health.MetricsHandler(null));
        Map<String, String> out = new TreeMap<>();
        for (Route r : AdminRoutes.table(h)) {
            String path = r.path().replaceAll(":([a-z_]+)", "{$1}");
            assertEquals(null, out.put(r.method() + " " + path, r.operation()), "route listed twice: " + path);
        }
        return out;
    }

    /** "METHOD /path" -> operationId, from the document. */
    static Map<String, String> documentOperations() throws Exception {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(resource());
        assertEquals(java.util.List.of(), parsed.getMessages(), "openapi.yaml parses without messages");
        OpenAPI api = parsed.getOpenAPI();
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : p.getValue().readOperationsMap().entrySet()) {
                out.put(op.getKey().name() + " " + p.getKey(), op.getValue().getOperationId());
            }
        }
        return out;
    }

    @Test
    void documentListsExactlyTheRoutesWithTheirOperationIds() throws Exception {
        Map<String, String> routes = routeOperations();
        Map<String, String> doc = documentOperations();
        assertEquals(routes.keySet(), doc.keySet(), "no route missing from the document, none extra");
        assertEquals(routes, doc, "operationIds agree");
        assertTrue(routes.size() >= 29, routes.toString());
    }

    @Test
    void everyOperationDocumentsItsErrors() throws Exception {
        OpenAPI api = new OpenAPIV3Parser().readContents(resource()).getOpenAPI();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
            if (!open) {
                assertNotNull(op.getResponses().get("401"), method + " " + path + " documents 401");
                assertNotNull(op.getResponses().get("429"), method + " " + path + " documents 429");
                assertNotNull(op.getResponses().get("500"), method + " " + path + " documents 500");
            }
            if (method != PathItem.HttpMethod.GET) {
                assertNotNull(op.getResponses().get("400"), method + " " + path + " documents 400");
                assertNotNull(op.getResponses().get("413"), method + " " + path + " documents 413");
            }
        }));
        Map<String, Object> schemes = new TreeMap<>(api.getComponents().getSecuritySchemes());
        assertEquals("X-Admin-API-Key", api.getComponents().getSecuritySchemes().get("AdminKeyAuth").getName());
        assertEquals("X-Cycles-API-Key", api.getComponents().getSecuritySchemes().get("ApiKeyAuth").getName());
        assertEquals("bearer", api.getComponents().getSecuritySchemes().get("AdminBearerAuth").getScheme());
        assertEquals(3, schemes.size());
    }

    @Test
    void servedWithoutAKey() throws Exception {
        Api.Res r = server.anonymous().get("/openapi.yaml");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/yaml"), r.header("Content-Type"));
        assertEquals(resource(), r.body());
        assertNotNull(r.header("X-Request-Id"));
    }

    @Test
    void explorerAndItsFilesAreServedFromTheWebjar() {
        Api anon = server.anonymous();
        Api.Res page = anon.get("/docs");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("url: \"/openapi.yaml\""), page.body());
        for (String file : new String[]{"swagger-ui.css", "index.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "favicon-32x32.png", "favicon-16x16.png", "oauth2-redirect.html", "oauth2-redirect.js"}) {
            Api.Res f = anon.get("/docs/" + file);
            assertEquals(200, f.status(), file);
            assertFalse(f.body().isEmpty(), file);
            assertTrue(page.body().contains("/docs/" + file) || !file.endsWith(".js") && !file.endsWith(".css") || file.startsWith("oauth2"),
                    "the page uses " + file);
        }
        assertTrue(anon.get("/docs/swagger-ui-bundle.js").body().contains("SwaggerUIBundle"));
        assertTrue(anon.get("/docs/swagger-ui-bundle.js").header("Content-Type").startsWith("text/javascript"));
        Api.Res missing = anon.get("/docs/index.html");
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.error());
        assertEquals(404, anon.unchecked().get("/docs/..%2Fopenapi.yaml").status());
    }

    @Test
    void theOwnDocumentCatchesWhatItShould() {
        ContractValidator own = ContractValidator.ownSpec();
        String policy = "{\"policy_id\":\"pol_1\",\"scope_pattern\":\"tenant:a\",\"status\":\"ACTIVE\",\"created_at\":\"2026-01-01T00:00:00Z\"%s}";
        assertEquals(java.util.List.of(), own.problems("PATCH", "/v1/admin/policies/pol_1", 200, "application/json", policy.formatted("")));
        assertFalse(own.problems("PATCH", "/v1/admin/policies/pol_1", 200, "application/json", policy.formatted(",\"tenant_id\":\"a\"")).isEmpty(),
                "Policy is strict");
        assertFalse(own.problems("PATCH", "/v1/admin/policies/pol_1", 200, "application/json", policy.formatted(",\"status\":\"ON\"")).isEmpty());
        assertFalse(own.problems("POST", "/v1/admin/policies", 418, "application/json",
                "{\"error\":\"INVALID_REQUEST\",\"message\":\"m\",\"request_id\":\"r\",\"trace_id\":\"" + "a".repeat(32) + "\"}").isEmpty(),
                "an undocumented status is reported");
        assertFalse(own.problems("GET", "/v1/admin/audit/logs", 200, "application/json", "{\"logs\":[]}").isEmpty(), "has_more is required");
        assertFalse(own.problems("GET", "/v1/admin/overview", 200, "application/json", server.admin().get("/v1/admin/overview").body()
                .replace("\"tenant_counts\":{", "\"tenant_counts\":{\"extra\":1,")).isEmpty(), "overview nested objects are strict");
    }
}
