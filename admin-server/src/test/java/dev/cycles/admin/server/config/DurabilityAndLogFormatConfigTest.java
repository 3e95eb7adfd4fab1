package dev.cycles.admin.server.config;

import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.db.Durability;
import dev.cycles.admin.server.log.LogFormat;
import dev.cycles.admin.server.support.DatabaseFiles;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** DURABILITY (full | normal) and LOG_FORMAT (text | json): defaults, env, the flag wins, anything else is refused. */
class DurabilityAndLogFormatConfigTest {
    private static final String[] NO_FLAGS = new String[0];

    @Test
    void durabilityIsFullByDefaultAndNormalOnRequest() {
        assertEquals(Durability.FULL, Config.from(Map.of(), NO_FLAGS).durability());
        assertEquals(Durability.NORMAL, Config.from(Map.of("DURABILITY", "normal"), NO_FLAGS).durability());
        assertEquals(Durability.NORMAL, Config.from(Map.of("DURABILITY", "NORMAL"), NO_FLAGS).durability());
        assertEquals(Durability.FULL, Config.from(Map.of("DURABILITY", "normal"), new String[]{"--durability", "full"}).durability());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("DURABILITY", "off"), NO_FLAGS));
        assertEquals("DURABILITY must be full or normal, got 'off'", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(), new String[]{"--durability"}));
    }

    @Test
    void logFormatIsTextByDefaultAndJsonOnRequest() {
        assertEquals(LogFormat.TEXT, Config.from(Map.of(), NO_FLAGS).logFormat());
        assertEquals(LogFormat.JSON, Config.from(Map.of("LOG_FORMAT", "json"), NO_FLAGS).logFormat());
        assertEquals(LogFormat.TEXT, Config.from(Map.of("LOG_FORMAT", "json"), new String[]{"--log-format", "text"}).logFormat());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("LOG_FORMAT", "xml"), NO_FLAGS));
        assertEquals("LOG_FORMAT must be text or json, got 'xml'", bad.getMessage());
        // read before the rest, so that a bad setting elsewhere is still reported as asked
        assertEquals(LogFormat.JSON, LogFormat.requested(Map.of("LOG_FORMAT", "text"), new String[]{"--port", "x", "--log-format", "json"}));
        assertEquals(LogFormat.TEXT, LogFormat.requested(Map.of("LOG_FORMAT", "xml"), NO_FLAGS));
    }

    @Test
    void requestLinesFollowTheFormatUnlessLogRequestsSaysOtherwise() {
        assertEquals(false, Config.from(Map.of(), NO_FLAGS).logRequests(), "a terminal is not flooded by default");
        assertEquals(true, Config.from(Map.of("LOG_FORMAT", "json"), NO_FLAGS).logRequests(), "shipped logs carry requests");
        assertEquals(true, Config.from(Map.of("LOG_REQUESTS", "on"), NO_FLAGS).logRequests());
        assertEquals(false, Config.from(Map.of("LOG_FORMAT", "json", "LOG_REQUESTS", "off"), NO_FLAGS).logRequests());
        assertEquals(true, Config.from(Map.of("LOG_REQUESTS", "off"), new String[]{"--log-requests", "on"}).logRequests());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("LOG_REQUESTS", "sometimes"), NO_FLAGS));
        assertEquals("LOG_REQUESTS must be on or off, got 'sometimes'", bad.getMessage());
    }

    @Test
    void eachModeSetsSqliteSynchronousOnTheWriter() throws Exception {
        assumeFalse(TestServer.onPostgres(), "SQLite's pragmas; PostgreSQL's setting is checked by eachModeSetsPostgresSynchronousCommit");
        for (Durability mode : Durability.values()) {
            Config config = new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", Files.createTempDirectory("cycles-durability"))
                    .withDurability(mode);
            try (TestServer server = TestServer.start(config)) {
                int synchronous = server.db().write(c -> {
                    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA synchronous")) {
                        return rs.next() ? rs.getInt(1) : -1;
                    }
                });
                // SQLite's numbering: 1 = NORMAL, 2 = FULL
                assertEquals(mode == Durability.FULL ? 2 : 1, synchronous, mode.toString());
                String journal = server.db().read(c -> {
                    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                        return rs.next() ? rs.getString(1) : "";
                    }
                });
                assertEquals("wal", journal);
                assertEquals(201, server.admin().post("/v1/admin/tenants", "{\"tenant_id\":\"d-co\",\"name\":\"D\"}").status());
            }
        }
    }

    /**
     * DURABILITY=normal on PostgreSQL: commits are acknowledged before their flush (synchronous_commit
     * off). full leaves the database's own setting alone (an operator's remote_write or remote_apply
     * for a replica stays), so the database here starts with a setting that is neither default.
     */
    @Test
    void eachModeSetsPostgresSynchronousCommit() throws Exception {
        assumeTrue(TestServer.onPostgres(), "PostgreSQL's setting; SQLite's pragmas are checked by eachModeSetsSqliteSynchronousOnTheWriter");
        for (Durability mode : Durability.values()) {
            Path dir = Files.createTempDirectory("cycles-durability");
            try (java.sql.Connection c = DatabaseFiles.connect(dir); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + c.getCatalog() + " SET synchronous_commit = remote_write");
            }
            try (TestServer server = TestServer.start(new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", dir).withDurability(mode))) {
                String write = server.db().write(c -> setting(c, "synchronous_commit"));
                String read = server.db().read(c -> setting(c, "synchronous_commit"));
                assertEquals(mode == Durability.FULL ? "remote_write" : "off", write, mode.toString());
                assertEquals(write, read, mode.toString());
                assertEquals(201, server.admin().post("/v1/admin/tenants", "{\"tenant_id\":\"d-co\",\"name\":\"D\"}").status());
            }
        }
    }

    private static String setting(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SHOW " + name)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
