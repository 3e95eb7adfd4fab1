package dev.cycles.admin.server.security;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hole 12: the /docs explorer could be framed by any site (clickjacking a page where the admin
 * key is typed), its files could be content-sniffed, and Swagger UI was told to keep the admin
 * key in the browser's localStorage (persistAuthorization), where it outlived the tab.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DocsHeadersTest extends ServerTest {

    @Test
    void explorerPagesAndFilesForbidFramingAndSniffing() {
        Api anon = server.anonymous().unchecked();
        for (String path : List.of("/docs", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/index.css",
                "/docs/swagger-ui-standalone-preset.js", "/docs/favicon-32x32.png", "/docs/oauth2-redirect.html",
                "/docs/oauth2-redirect.js", "/openapi.yaml")) {
            Api.Res r = anon.get(path);
            assertEquals(200, r.status(), path);
            assertHardened(r, path);
        }
        // A file that is not there is refused with the same headers.
        Api.Res missing = anon.get("/docs/index.html");
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.error());
        assertHardened(missing, "/docs/index.html");
    }

    @Test
    void explorerDoesNotKeepTheAdminKeyInTheBrowser() {
        String page = server.anonymous().get("/docs").body();
        assertTrue(Pattern.compile("persistAuthorization:\\s*false").matcher(page).find(), page);
        assertFalse(Pattern.compile("persistAuthorization:\\s*true").matcher(page).find(), page);
        assertFalse(page.contains("localStorage"), page);
        assertFalse(page.contains("sessionStorage"), page);
        assertFalse(page.contains("document.cookie"), page);
    }

    private static void assertHardened(Api.Res r, String path) {
        assertEquals(List.of("nosniff"), r.headers().allValues("X-Content-Type-Options"), path);
        assertEquals(List.of("DENY"), r.headers().allValues("X-Frame-Options"), path);
        List<String> csp = r.headers().allValues("Content-Security-Policy");
        assertEquals(1, csp.size(), path + " " + csp);
        assertTrue(csp.get(0).contains("frame-ancestors 'none'"), path + " " + csp);
    }
}
