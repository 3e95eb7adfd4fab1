package dev.cycles.admin.server.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With DURABILITY=normal the writer no longer checkpoints at SQLite's default 1000 pages: the
 * checkpointer thread copies the WAL into the database file beside it, and nothing is lost.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WalCheckpointTest {
    private static final int PAGE = 4096;
    private Path dir;
    private Path file;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("cycles-wal");
        file = dir.resolve("t.db");
        db = Database.sqlite(file, 2, Durability.NORMAL);
        db.write(c -> Sql.update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theCheckpointerCopiesTheWalIntoTheFileWhileTheWriterGoesOnAndNothingIsLost() throws Exception {
        String tenPages = "x".repeat(10 * PAGE);
        int writes = 600; // 6,000 pages: past SQLite's 1000-page default, short of the writer's backstop
        long written = (long) writes * tenPages.length();
        assertTrue(SqliteDatabase.BACKSTOP_CHECKPOINT_PAGES * (long) PAGE > written,
                "the test writes less than the backstop, so only the checkpointer can copy the pages into the file");
        assertEquals((long) SqliteDatabase.BACKSTOP_CHECKPOINT_PAGES, (long) db.write(c -> Sql.count(c, "PRAGMA wal_autocheckpoint")),
                "the writer only checkpoints as a backstop");
        for (int i = 0; i < writes; i++) {
            int id = i;
            db.write(c -> Sql.update(c, "INSERT INTO t(id, v) VALUES (?, ?)", id, tenPages));
        }
        assertTrue(walBytes() >= written, "every page went to the WAL first: " + walBytes());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.size(file) < written && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.size(file) >= written,
                "the checkpointer copied the rows into the database file: " + Files.size(file) + " of " + written + " bytes");

        db.close();
        db = Database.sqlite(file, 2, Durability.NORMAL);
        assertEquals((long) writes, (long) db.read(c -> Sql.count(c, "SELECT count(*) FROM t")));
        assertEquals((long) writes * tenPages.length(), (long) db.read(c -> Sql.count(c, "SELECT sum(length(v)) FROM t")));
    }

    @Test
    void withFullDurabilityTheWriterCheckpointsAsSqliteDoesByDefault() throws Exception {
        db.close();
        Path other = dir.resolve("full.db");
        db = Database.sqlite(other, 2, Durability.FULL);
        assertEquals(1000L, (long) db.write(c -> Sql.count(c, "PRAGMA wal_autocheckpoint")));
    }

    private long walBytes() {
        try {
            return Files.size(file.resolveSibling(file.getFileName() + "-wal"));
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
