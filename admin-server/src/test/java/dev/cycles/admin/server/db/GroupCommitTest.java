package dev.cycles.admin.server.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes that share a commit must still succeed or fail one by one. */
class GroupCommitTest {
    private Path dir;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("cycles-group");
        db = Database.sqlite(dir.resolve("t.db"), 2);
        db.write(c -> Sql.update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aFailingWriteRollsBackAloneWhileItsBatchCommits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int id = i;
            results.add(pool.submit(() -> db.write(c -> {
                Sql.update(c, "INSERT INTO t(id, v) VALUES (?, ?)", id, "first");
                if (id % 3 == 0) {
                    // a second row then a failure: both must vanish, the neighbours must not
                    Sql.update(c, "INSERT INTO t(id, v) VALUES (?, ?)", 10_000 + id, "second");
                    throw new IllegalStateException("refused " + id);
                }
                return id;
            })));
        }
        int ok = 0;
        int refused = 0;
        for (int i = 0; i < results.size(); i++) {
            try {
                assertEquals(i, results.get(i).get());
                ok++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
                assertEquals("refused " + i, e.getCause().getMessage(), "each caller gets its own failure");
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(266, ok);
        assertEquals(134, refused);
        long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t"));
        long seconds = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t WHERE id >= 10000"));
        long refusedRows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t WHERE id % 3 = 0"));
        assertEquals(266, rows, "exactly the successful writes are stored");
        assertEquals(0, seconds, "nothing a failed write did survives");
        assertEquals(0, refusedRows);
    }

    @Test
    void aConstraintViolationIsTheCallersErrorAndTheConnectionStaysUsable() {
        db.write(c -> Sql.update(c, "INSERT INTO t(id, v) VALUES (1, 'a')"));
        assertThrows(RuntimeException.class, () -> db.write(c -> Sql.update(c, "INSERT INTO t(id, v) VALUES (1, 'dup')")));
        db.write(c -> Sql.update(c, "INSERT INTO t(id, v) VALUES (2, 'b')"));
        assertEquals(2L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t")));
        assertEquals("a", db.read(c -> Sql.one(c, "SELECT v FROM t WHERE id = 1", rs -> rs.getString(1))));
    }

    /** One write at a time makes every batch a lone write, which runs without a savepoint. */
    @Test
    void aLoneFailingWriteLeavesNothingAndTheNextWriteCommits() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.write(c -> {
            Sql.update(c, "INSERT INTO t(id, v) VALUES (10, 'first')");
            Sql.update(c, "INSERT INTO t(id, v) VALUES (11, 'second')");
            throw new IllegalStateException("refused");
        }));
        assertEquals("refused", e.getMessage());
        assertEquals(0L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t")), "both inserts rolled back");
        assertEquals(1, (int) db.write(c -> Sql.update(c, "INSERT INTO t(id, v) VALUES (10, 'again')")));
        assertEquals("again", db.read(c -> Sql.one(c, "SELECT v FROM t WHERE id = 10", rs -> rs.getString(1))));
    }

    @Test
    void readsAndWritesAfterCloseAreRefusedNotHung() {
        db.close();
        assertThrows(RuntimeException.class, () -> db.write(c -> Sql.update(c, "INSERT INTO t(id, v) VALUES (3, 'late')")));
        assertThrows(RuntimeException.class, () -> db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t")), "reads too");
        db = Database.sqlite(dir.resolve("t.db"), 1);
        assertEquals(0L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t WHERE id = 3")));
    }
}
