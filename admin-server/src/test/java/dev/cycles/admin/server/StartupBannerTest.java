package dev.cycles.admin.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up lines an operator reads first: where things are and what to try next. */
class StartupBannerTest {
    private static final Path DATA = Path.of("/srv/cycles");

    private static List<String> banner(Map<String, String> env, int runtimePort, AdminKeySource key) {
        Config config = Config.from(env, new String[0]);
        return new StartupBanner("9.9.9", config, 7979, runtimePort, key).lines();
    }

    @Test
    void aGeneratedKeyIsShownAsACommandThatUsesIt() {
        Path file = DATA.resolve("admin-api-key");
        List<String> lines = banner(Map.of("DATA_DIR", DATA.toString()), 7878,
                new AdminKeySource("cyc_admin_x", "generated into " + file, file, true));
        assertEquals("Cycles Admin 9.9.9 listening on http://127.0.0.1:7979 (admin API), runtime API on http://127.0.0.1:7878",
                lines.get(0));
        assertEquals("  database   " + DATA.resolve("cycles-admin.db").toAbsolutePath() + " (durability full)", lines.get(1));
        assertTrue(lines.get(3).contains("curl -H \"X-Admin-API-Key: $(cat /srv/cycles/admin-api-key)\" http://127.0.0.1:7979/v1/admin/tenants"),
                lines.get(3));
        assertTrue(String.join("\n", lines).indexOf("cyc_admin_x") < 0, "the key itself is never printed");
        String next = lines.get(lines.size() - 1);
        assertTrue(next.contains("curl http://127.0.0.1:7979/health") && next.contains("http://127.0.0.1:7979/docs")
                && next.contains("Using it with curl"), next);
    }

    @Test
    void aConfiguredKeyNamesItsSourceAndAWildcardBindPointsCurlAtLoopback() {
        List<String> lines = banner(Map.of("DATA_DIR", DATA.toString(), "BIND", "0.0.0.0", "DURABILITY", "normal"), -1,
                new AdminKeySource("k", "ADMIN_API_KEY", null, false));
        assertEquals("Cycles Admin 9.9.9 listening on http://0.0.0.0:7979 (admin API), runtime API off", lines.get(0));
        assertTrue(lines.get(1).endsWith("(durability normal)"), lines.get(1));
        assertEquals("  admin key from ADMIN_API_KEY", lines.get(2));
        assertTrue(lines.get(3).contains("curl http://127.0.0.1:7979/health"), lines.get(3));
    }

    @Test
    void onPostgresTheDatabaseLineNamesHostAndDatabaseButNoCredentials() {
        List<String> lines = banner(Map.of("DATA_DIR", DATA.toString(),
                        "DATABASE_URL", "postgresql://cycles:s3cr%40t@db.internal:6543/cycles?sslmode=require"), 7878,
                new AdminKeySource("k", "ADMIN_API_KEY", null, false));
        assertEquals("  database   PostgreSQL postgresql://db.internal:6543/cycles (durability full)", lines.get(1));
        String all = String.join("\n", lines);
        assertTrue(!all.contains("s3cr") && !all.contains("cycles:"), all);
    }

    @Test
    void theBackupCommandSendsAPostgresServerToPgDump() {
        assertEquals(2, BackupCommand.run(new String[]{"backup", "/nonexistent/copy.db", "--database-url", "postgresql://u@db/cycles"}));
    }

    @Test
    void anIpv6BindIsBracketedInUrls() {
        List<String> lines = banner(Map.of("DATA_DIR", DATA.toString(), "BIND", "::1"), 7878,
                new AdminKeySource("k", "ADMIN_API_KEY", null, false));
        assertTrue(lines.get(0).startsWith("Cycles Admin 9.9.9 listening on http://[::1]:7979 (admin API), runtime API on http://[::1]:7878"),
                lines.get(0));
    }
}
