package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The table matches as Spark's router did: raw path, empty segments ignored, trailing slash exact, first route wins. */
class RouteTableTest {
    private static Route route(String method, String path, String operation) {
        return new Route(method, path, operation, ResourceType.TENANT, AuthRule.ADMIN, call -> null);
    }

    private final RouteTable table = new RouteTable(List.of(
            route("GET", "/v1/admin/tenants", "listTenants"),
            route("POST", "/v1/admin/tenants/bulk-action", "bulk"),
            route("GET", "/v1/admin/tenants/:tenant_id", "getTenant"),
            route("POST", "/v1/admin/tenants/:tenant_id", "shadowed"),
            route("GET", "/v1/admin/tenants/:Tenant_Id/keys/:key_id", "twoParams"),
            route("GET", "/docs/", "slash")));

    @Test
    void literalAndParameterSegments() {
        assertEquals("listTenants", table.find("GET", "/v1/admin/tenants").route().operation());
        RouteTable.Match m = table.find("GET", "/v1/admin/tenants/acme");
        assertEquals("getTenant", m.route().operation());
        assertEquals("acme", m.param("tenant_id"));
        RouteTable.Match two = table.find("GET", "/v1/admin/tenants/a/keys/k1");
        assertEquals("a", two.param("tenant_id"));
        assertEquals("a", two.param("TENANT_ID"));
        assertEquals("k1", two.param("key_id"));
    }

    @Test
    void methodsAreSeparateAndTheFirstMatchWins() {
        assertEquals("bulk", table.find("POST", "/v1/admin/tenants/bulk-action").route().operation());
        assertEquals("shadowed", table.find("POST", "/v1/admin/tenants/other").route().operation());
        assertNull(table.find("DELETE", "/v1/admin/tenants/acme"));
        assertNull(table.find("OPTIONS", "/v1/admin/tenants"));
    }

    @Test
    void pathParametersAreDecodedButMatchingUsesTheRawPath() {
        assertEquals("a b/ü", table.find("GET", "/v1/admin/tenants/a%20b%2F%C3%BC").param("tenant_id"));
        assertEquals("a+b", table.find("GET", "/v1/admin/tenants/a+b").param("tenant_id"));
        assertNull(table.find("GET", "/v1/admin/%74enants"), "an escaped literal segment is not the literal");
    }

    @Test
    void emptySegmentsAreIgnoredAndTrailingSlashesMustAgree() {
        assertEquals("getTenant", table.find("GET", "//v1//admin/tenants/acme").route().operation());
        assertNull(table.find("GET", "/v1/admin/tenants/acme/"));
        assertNull(table.find("GET", "/docs"));
        assertEquals("slash", table.find("GET", "/docs/").route().operation());
        assertNull(table.find("GET", "/v1/admin/tenants/acme/extra"));
        assertNull(table.find("GET", "/"));
        assertNull(table.find("GET", null));
    }
}
