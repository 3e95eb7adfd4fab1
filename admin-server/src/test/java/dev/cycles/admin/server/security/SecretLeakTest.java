package dev.cycles.admin.server.security;

import dev.cycles.admin.server.apikey.KeySecrets;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.DatabaseFiles;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key secrets are shown once and then exist nowhere: not in the database (its files, or every PostgreSQL table), tables or logs. */
class SecretLeakTest {
    static TestServer server;
    static boolean stopped;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (stopped) {
            TestServer.deleteTree(server.dataDir());
        } else {
            server.close();
        }
    }

    /** Copies everything written to a stream into a buffer as well. */
    static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }

    @Test
    void secretsAppearNowhereAfterUse() throws Exception {
        Api admin = server.admin();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        List<String> secrets = new ArrayList<>();
        String marker = "log-capture-marker-" + System.nanoTime();
        System.setErr(new PrintStream(new Tee(oldErr, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(oldOut, captured), true, StandardCharsets.UTF_8));
        try {
            // Proves the capture sees the server's logger output.
            LoggerFactory.getLogger(SecretLeakTest.class).warn(marker);

            for (String t : List.of("leak-a", "leak-b")) {
                assertEquals(201, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + t + "\",\"name\":\"" + t + "\"}").status());
            }
            Api.Res k1 = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"leak-a\",\"name\":\"one\",\"permissions\":[\"balances:read\"]}");
            Api.Res k2 = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"leak-a\",\"name\":\"two\"}");
            Api.Res k3 = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"leak-b\",\"name\":\"three\"}");
            for (Api.Res k : List.of(k1, k2, k3)) {
                assertEquals(201, k.status(), k.body());
                secrets.add(k.text("key_secret"));
            }
            // Use the keys every way a client can: as credentials, validated, on the wrong plane, in bodies.
            for (String s : secrets) {
                assertEquals(200, server.tenant(s).get("/v1/auth/introspect").status());
                assertTrue(admin.post("/v1/auth/validate", "{\"key_secret\":\"" + s + "\"}").json().path("valid").asBoolean());
                assertEquals(401, server.tenant(s).get("/v1/admin/tenants").status());
                assertEquals(401, server.tenant(s).post("/v1/admin/tenants", "{\"tenant_id\":\"leak-x\",\"name\":\"x\"}").status());
                assertEquals(401, server.admin().withKey("X-Admin-API-Key", s).post("/v1/admin/api-keys", "{}").status());
                assertEquals(400, admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + s + "\",\"name\":\"x\"}").status());
                assertEquals(400, admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"leak-a\",\"name\":\"x\",\"permissions\":[\"" + s + "\"]}").status());
                admin.unchecked().send("GET", "/v1/admin/tenants", null, null, "X-Cycles-API-Key", s, "X-Pad", "p".repeat(20_000));
            }
            // A key used after revocation, and a revoked key validated.
            assertEquals(200, admin.delete("/v1/admin/api-keys/" + k2.text("key_id")).status());
            assertEquals(401, server.tenant(secrets.get(1)).get("/v1/auth/introspect").status());
            assertEquals("KEY_REVOKED", admin.post("/v1/auth/validate", "{\"key_secret\":\"" + secrets.get(1) + "\"}").text("reason"));
            // Closing a tenant revokes its keys through the cascade (audit rows and events with key data).
            assertEquals(200, admin.patch("/v1/admin/tenants/leak-b", "{\"status\":\"CLOSED\"}").status());
            assertEquals(200, admin.patch("/v1/admin/api-keys/" + k1.text("key_id"), "{\"permissions\":[\"budgets:read\"]}").status());
            // Reads of keys never return the secret.
            Api.Res list = admin.get("/v1/admin/api-keys");
            for (String s : secrets) {
                assertFalse(list.body().contains(s));
                assertFalse(list.body().contains(s.substring(KeySecrets.PREFIX_LENGTH)));
            }
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(marker), "log capture did not work; captured: " + log);

        for (String s : secrets) {
            String random = s.substring("cyc_live_".length());
            assertFalse(log.contains(random), "secret in server output: " + log);
            for (String table : List.of("audit_logs", "events", "tenants", "api_keys")) {
                for (Map<String, Object> row : Rows.select(server, table, null)) {
                    for (Object v : row.values()) {
                        assertFalse(v != null && v.toString().contains(random), "secret in " + table + ": " + row);
                    }
                }
            }
            // The only trace of a secret is its digest.
            assertEquals(1, Rows.count(server, "api_keys", "key_digest = ?", KeySecrets.digest(s)));
        }
        assertTrue(Rows.count(server, "audit_logs", null) > 20);
        assertTrue(Rows.count(server, "events", "event_type = 'api_key.revoked_via_tenant_cascade'") >= 1);

        assertNotInFiles(secrets, "while running");
        server.stop();
        stopped = true;
        assertNotInFiles(secrets, "after shutdown");
    }

    /**
     * Scans the raw bytes of everything in the data folder: on SQLite the database, its WAL and
     * shared-memory files among them; on PostgreSQL the keys kept there, and then every row of
     * every table in the database, as a dump would read them.
     */
    private static void assertNotInFiles(List<String> secrets, String when) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(server.dataDir())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        if (TestServer.onPostgres()) {
            assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("webhook-secret.key")), "key file: " + files);
            assertNotInAnyTable(secrets, when);
        } else {
            assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("cycles-admin.db")), "db file: " + files);
            if (when.equals("while running")) {
                assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().endsWith("-wal")), "wal file: " + files);
            }
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (String s : secrets) {
                byte[] random = s.substring("cyc_live_".length()).getBytes(StandardCharsets.UTF_8);
                assertFalse(contains(bytes, random), "secret found in " + f + " " + when);
                // UTF-16 copies would not match the scan above.
                assertFalse(contains(bytes, s.substring(9).getBytes(StandardCharsets.UTF_16LE)), "UTF-16 secret in " + f);
            }
        }
    }

    /** Every table of the PostgreSQL database, each row as text (all columns), searched for the secrets. */
    private static void assertNotInAnyTable(List<String> secrets, String when) throws SQLException {
        int tables = 0;
        long rows = 0;
        try (Connection c = DatabaseFiles.connect(server.dataDir()); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                tables++;
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        rows++;
                        String row = rs.getString(1);
                        for (String s : secrets) {
                            assertFalse(row.contains(s.substring("cyc_live_".length())), "secret in " + table + " " + when + ": " + row);
                        }
                    }
                }
            }
        }
        assertTrue(tables >= 10, "tables scanned: " + tables);
        assertTrue(rows > 20, "rows scanned: " + rows);
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
