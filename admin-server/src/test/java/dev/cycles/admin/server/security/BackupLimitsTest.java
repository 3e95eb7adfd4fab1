package dev.cycles.admin.server.security;

import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.backup.BackupHooks;
import dev.cycles.admin.server.db.Backup;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.Rows;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hole 11: POST /admin/backup was unbounded (eight concurrent calls wrote eight full copies at
 * once, and every call added one more forever) and its files were readable by every local user.
 * Now one backup runs at a time (the others get 409 LIMIT_EXCEEDED), files are 0600 in a 0700
 * folder, and only the newest BACKUP_RETAIN backups are kept.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackupLimitsTest {

    @Test
    void oneBackupAtATime() throws Exception {
        assumeFalse(TestServer.onPostgres(), "backup files are SQLite's; on PostgreSQL the endpoint answers 409 (BackupTest)");
        try (TestServer server = TestServer.start(config("cycles-backup-lock").withBackupRetain(100))) {
            Api admin = server.admin().unchecked();
            Fixtures.tenant(admin, "backup-lock");
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            BackupHooks.whileRunning(server.app().backups(), () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    if (first.getAndSet(false)) {
                        entered.countDown();
                        release.await(60, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                // The first backup holds its place until the test lets it go.
                Future<Api.Res> holder = pool.submit(() -> admin.post("/admin/backup", null));
                assertTrue(entered.await(60, TimeUnit.SECONDS), "the first backup never started");

                List<Future<Api.Res>> others = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    others.add(pool.submit(() -> admin.post("/admin/backup", null)));
                }
                List<Api.Res> refused = new ArrayList<>();
                for (Future<Api.Res> f : others) {
                    refused.add(f.get(60, TimeUnit.SECONDS));
                }
                release.countDown();
                Api.Res held = holder.get(60, TimeUnit.SECONDS);

                assertEquals(201, held.status(), held.body());
                for (Api.Res r : refused) {
                    assertEquals(409, r.status(), r.body());
                    assertEquals("LIMIT_EXCEEDED", r.error(), r.body());
                    assertTrue(r.text("message").contains("backup"), r.body());
                    Map<String, Object> audit = Rows.oneAudit(server, r);
                    assertEquals(409, ((Number) audit.get("status")).intValue());
                    assertEquals("LIMIT_EXCEEDED", audit.get("error_code"));
                }
                assertEquals(1, mostAtOnce.get(), "backups ran at the same time");
                assertEquals(List.of(Path.of(held.text("path")).getFileName().toString()), backupNames(server));

                // The place is free again once a backup ends, also when it failed.
                BackupHooks.whileRunning(server.app().backups(), () -> {
                    throw new IllegalStateException("simulated backup failure");
                });
                assertEquals(500, admin.post("/admin/backup", null).status());
                BackupHooks.whileRunning(server.app().backups(), null);
                Api.Res after = admin.post("/admin/backup", null);
                assertEquals(201, after.status(), after.body());
                assertEquals(2, backupNames(server).size());
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void backupFilesArePrivate() throws Exception {
        assumeFalse(TestServer.onPostgres(), "backup files are SQLite's; on PostgreSQL the endpoint answers 409 (BackupTest)");
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Config config = config("cycles-backup-mode");
        // A folder left world-readable by an earlier version is tightened too.
        Path folder = Files.createDirectories(config.dataDir().resolve("backups"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestServer server = TestServer.start(config)) {
            Api admin = server.admin().unchecked();
            Fixtures.tenant(admin, "backup-mode");
            Api.Res r = admin.post("/admin/backup", null);
            assertEquals(201, r.status(), r.body());
            Path file = Path.of(r.text("path"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            assertEquals(1, count(file));
            try (Stream<Path> left = Files.list(folder)) {
                assertEquals(List.of(file.getFileName()), left.map(Path::getFileName).toList(), "nothing else left behind");
            }

            // The command-line backup writes a private file as well.
            Path viaCommand = Files.createTempDirectory("cycles-backup-cmd").resolve("copy.db");
            try {
                Backup.snapshotFile(server.dataDir().resolve("cycles-admin.db"), viaCommand);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(viaCommand)));
                assertEquals(1, count(viaCommand));
            } finally {
                TestServer.deleteTree(viaCommand.getParent());
            }
        }
    }

    @Test
    void retentionKeepsTheNewest() throws Exception {
        assumeFalse(TestServer.onPostgres(), "backup files are SQLite's; on PostgreSQL the endpoint answers 409 (BackupTest)");
        Config config = config("cycles-backup-retain").withBackupRetain(3);
        Path folder = Files.createDirectories(config.dataDir().resolve("backups"));
        Files.writeString(folder.resolve("notes.txt"), "operator's own file");
        Files.writeString(folder.resolve("cycles-admin-before-upgrade.db"), "a copy made by hand");
        try (TestServer server = TestServer.start(config)) {
            Api admin = server.admin().unchecked();
            Fixtures.tenant(admin, "backup-retain");
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Api.Res r = admin.post("/admin/backup", null);
                assertEquals(201, r.status(), r.body());
                made.add(Path.of(r.text("path")).getFileName().toString());
            }
            assertEquals(6, made.stream().distinct().count(), "every backup has its own file: " + made);
            assertEquals(made.subList(3, 6).stream().sorted().toList(), backupNames(server));
            // Files the server did not write are never deleted.
            assertTrue(Files.exists(folder.resolve("notes.txt")));
            assertTrue(Files.exists(folder.resolve("cycles-admin-before-upgrade.db")));
        }
    }

    @Test
    void retentionSetting() {
        assertEquals(Config.DEFAULT_BACKUP_RETAIN, Config.from(Map.of(), new String[0]).backupRetain());
        assertEquals(4, Config.from(Map.of("BACKUP_RETAIN", "4"), new String[0]).backupRetain());
        assertEquals(2, Config.from(Map.of("BACKUP_RETAIN", "4"), new String[]{"--backup-retain", "2"}).backupRetain());
        for (String bad : List.of("0", "-1", "many", "10001")) {
            assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("BACKUP_RETAIN", bad), new String[0]), bad);
        }
        assertTrue(Config.HELP.contains("--backup-retain") && Config.HELP.contains("BACKUP_RETAIN"));
    }

    private static Config config(String prefix) throws Exception {
        return new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", Files.createTempDirectory(prefix))
                .withAuthFailureLimit(1_000_000);
    }

    /** The backups the server wrote (cycles-admin-<time>.db), sorted by name. */
    private static List<String> backupNames(TestServer server) throws Exception {
        try (Stream<Path> files = Files.list(server.dataDir().resolve("backups"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("cycles-admin-\\d{8}T\\d{6}\\.\\d{3}Z(-\\d+)?\\.db"))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static long count(Path db) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tenants")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
