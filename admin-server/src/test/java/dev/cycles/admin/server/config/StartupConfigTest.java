package dev.cycles.admin.server.config;

import dev.cycles.admin.server.AdminKeySource;
import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupConfigTest {

    @Test
    void defaultsAreLoopbackPort7979AndThePerUserDataFolder() {
        Config c = Config.from(Map.of("XDG_DATA_HOME", "/tmp/xdg"), new String[0]);
        assertEquals("127.0.0.1", c.bind());
        assertEquals(7979, c.port());
        assertEquals(null, c.adminApiKey());
        if (!System.getProperty("os.name").toLowerCase().contains("win") && !System.getProperty("os.name").toLowerCase().contains("mac")) {
            assertEquals(Path.of("/tmp/xdg", "cycles-admin"), c.dataDir());
        }
        assertEquals(Config.DEFAULT_AUTH_FAILURE_LIMIT, c.authFailureLimit());
    }

    @Test
    void databaseUrlComesFromTheEnvironmentOrTheFlagAndIsCheckedAtStart() {
        assertEquals(null, Config.from(Map.of(), new String[0]).databaseUrl(), "SQLite unless told otherwise");
        Config env = Config.from(Map.of("DATABASE_URL", "postgres://a:b@h1/d1"), new String[0]);
        assertEquals("h1", env.databaseUrl().host());
        assertTrue(env.onPostgres());
        Config flag = Config.from(Map.of("DATABASE_URL", "postgres://a:b@h1/d1"), new String[]{"--database-url", "postgresql://h2:5433/d2"});
        assertEquals("jdbc:postgresql://h2:5433/d2", flag.databaseUrl().jdbcUrl());
        assertEquals(null, Config.from(Map.of("DATABASE_URL", " "), new String[0]).databaseUrl(), "blank is unset, like the others");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("DATABASE_URL", "mysql://root:pw@h/d"), new String[0]));
        assertTrue(bad.getMessage().startsWith("DATABASE_URL must start with postgresql://"), bad.getMessage());
        assertTrue(!bad.getMessage().contains("pw"), "the password is not repeated: " + bad.getMessage());
        assertTrue(Config.HELP.contains("--database-url URL    DATABASE_URL"), Config.HELP);
    }

    @Test
    void flagsOverrideTheEnvironment() {
        Config c = Config.from(Map.of("PORT", "1234", "BIND", "0.0.0.0", "ADMIN_API_KEY", "env-key", "DATA_DIR", "/env"),
                new String[]{"--port", "4321", "--data-dir", "/flag", "--auth-failure-limit", "7"});
        assertEquals(4321, c.port());
        assertEquals("0.0.0.0", c.bind());
        assertEquals("env-key", c.adminApiKey());
        assertEquals(Path.of("/flag"), c.dataDir());
        assertEquals(7, c.authFailureLimit());
    }

    @Test
    void badSettingsAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("PORT", "seventy"), new String[0]));
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(), new String[]{"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(), new String[]{"--nope"}));
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(), new String[]{"--port"}));
    }

    @Test
    void withoutAnAdminKeyOneIsGeneratedIntoAPrivateFileAndKept() throws Exception {
        Path dir = Files.createTempDirectory("cycles-key");
        Config config = new Config(null, 0, "127.0.0.1", dir);
        AdminKeySource first = AdminKeySource.resolve(config);
        Path file = dir.resolve("admin-api-key");
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first.key(), Files.readString(file).trim());
        assertTrue(first.key().length() >= 40, "a generated key carries at least 256 bits");
        assertTrue(first.description().contains(file.toString()), "the start-up line says where the key is");

        AdminKeySource second = AdminKeySource.resolve(config);
        assertEquals(first.key(), second.key(), "later starts reuse the stored key");

        Path other = Files.createTempDirectory("cycles-key2");
        assertNotEquals(first.key(), AdminKeySource.resolve(new Config(null, 0, "127.0.0.1", other)).key());
        TestServer.deleteTree(dir);
        TestServer.deleteTree(other);
    }

    @Test
    void aGeneratedKeyIsTheOneTheServerAccepts() throws Exception {
        Path dir = Files.createTempDirectory("cycles-genkey");
        try (TestServer server = TestServer.start(new Config(null, 0, "127.0.0.1", dir).withAuthFailureLimit(1000))) {
            String key = Files.readString(dir.resolve("admin-api-key")).trim();
            assertEquals(200, server.admin().withKey("X-Admin-API-Key", key).get("/v1/admin/tenants").status());
            assertEquals(401, server.admin().get("/v1/admin/tenants").status(), "the test key is not the generated one");
        }
    }
}
