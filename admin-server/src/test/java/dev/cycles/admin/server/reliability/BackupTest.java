package dev.cycles.admin.server.reliability;

import dev.cycles.admin.server.db.Backup;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Backups taken while the server writes restore to a server that finds every row. */
class BackupTest {

    @Test
    void onlineBackupRestoresEveryRow() throws Exception {
        assumeFalse(TestServer.onPostgres(), "copies SQLite's file; on PostgreSQL the endpoint answers 409 (postgresBackupIsPgDumps)");
        Path restoredDir = Files.createTempDirectory("cycles-restore");
        long tenantsAtBackup;
        long auditAtBackup;
        long allocatedAtBackup;
        try (TestServer server = TestServer.start()) {
            Api admin = server.admin();
            for (int i = 0; i < 20; i++) {
                Fixtures.tenant(admin, "backup-" + i);
            }
            assertEquals(201, admin.post("/v1/admin/budgets",
                    "{\"tenant_id\":\"backup-0\",\"scope\":\"tenant:backup-0\",\"unit\":\"CREDITS\",\"allocated\":100}").status());

            // Keep writing while the backup runs: the copy must still be a consistent snapshot.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger funded = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    if (admin.post("/v1/admin/budgets/fund?scope=tenant:backup-0&unit=CREDITS",
                            "{\"operation\":\"CREDIT\",\"amount\":1}").status() == 200) {
                        funded.incrementAndGet();
                    }
                }
            });
            writer.start();
            while (funded.get() < 20) {
                Thread.sleep(5);
            }
            Api.Res backup = admin.unchecked().post("/admin/backup", null);
            stop.set(true);
            writer.join();
            assertEquals(201, backup.status(), backup.body());
            Path file = Path.of(backup.text("path"));
            assertTrue(Files.size(file) > 0);
            assertTrue(file.startsWith(server.dataDir().resolve("backups")));

            // Restore as documented: the backup file becomes cycles-admin.db of a fresh data folder.
            Files.copy(file, restoredDir.resolve("cycles-admin.db"));
            tenantsAtBackup = count(file, "SELECT COUNT(*) FROM tenants");
            auditAtBackup = count(file, "SELECT COUNT(*) FROM audit_logs");
            allocatedAtBackup = count(file, "SELECT allocated FROM budgets WHERE scope='tenant:backup-0'");
            assertEquals(20, tenantsAtBackup);
            assertTrue(allocatedAtBackup >= 120, "the backup holds the funds made before it");

            // The command-line form gives the same kind of copy.
            Path viaCommand = Files.createTempDirectory("cycles-backup-cmd").resolve("copy.db");
            Backup.snapshotFile(server.dataDir().resolve("cycles-admin.db"), viaCommand);
            assertEquals(20, count(viaCommand, "SELECT COUNT(*) FROM tenants"));
        }
        try (TestServer restored = TestServer.start(restoredDir)) {
            Api admin = restored.admin();
            for (int i = 0; i < 20; i++) {
                assertEquals(200, admin.get("/v1/admin/tenants/backup-" + i).status());
            }
            Api.Res ledger = admin.get("/v1/admin/budgets/lookup?scope=tenant:backup-0&unit=CREDITS");
            assertEquals(allocatedAtBackup, ledger.json().path("allocated").path("amount").asLong());
            long audit = restored.db().read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_logs")) {
                    return rs.next() ? rs.getLong(1) : -1L;
                }
            });
            assertTrue(audit >= auditAtBackup, "audit rows survive the restore");
        }
    }

    /** A server on PostgreSQL cannot copy a database it shares: it sends the operator to pg_dump, and writes nothing. */
    @Test
    void postgresBackupIsPgDumps() {
        assumeTrue(TestServer.onPostgres(), "on SQLite the endpoint takes the backup (onlineBackupRestoresEveryRow)");
        try (TestServer server = TestServer.start()) {
            Api.Res backup = server.admin().unchecked().post("/admin/backup", null);
            assertEquals(409, backup.status(), backup.body());
            assertEquals("INVALID_REQUEST", backup.error());
            assertTrue(backup.text("message").contains("pg_dump"), backup.body());
            assertFalse(Files.exists(server.dataDir().resolve("backups")), "no backup folder is made");
            assertEquals(1, Rows.count(server, "audit_logs", "operation = 'createBackup' AND status = 409"), "the refusal is audited");
        }
    }

    private static long count(Path db, String sql) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
