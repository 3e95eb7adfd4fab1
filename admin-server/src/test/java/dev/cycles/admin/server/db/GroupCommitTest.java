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

    /**
     * Writes A (alone), then B and C queued while A runs: B and C join A's transaction, and a
     * failing newcomer rolls back alone. {@code failing} names the write that throws.
     */
    private List<Integer> joinWhileARuns(String failing) throws Exception {
        List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        db.observeCommitBatches(batches::add);
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<Integer> a = pool.submit(() -> db.write(c -> {
            inside.countDown();
            release.await();
            Sql.update(c, "INSERT INTO t(id, v) VALUES (1, 'a')");
            if (failing.equals("a")) {
                throw new IllegalStateException("refused a");
            }
            return 1;
        }));
        assertTrue(inside.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Future<Integer> b = pool.submit(() -> db.write(c -> {
            Sql.update(c, "INSERT INTO t(id, v) VALUES (2, 'b')");
            if (failing.equals("b")) {
                throw new IllegalStateException("refused b");
            }
            return 2;
        }));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (db.writeQueueDepth() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Future<Integer> c3 = pool.submit(() -> db.write(c -> Sql.update(c, "INSERT INTO t(id, v) VALUES (3, 'c')")));
        while (db.writeQueueDepth() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(2, db.writeQueueDepth(), "B and C wait while A runs");
        release.countDown();
        for (Future<Integer> f : List.of(a, b, c3)) {
            try {
                f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause().getMessage().startsWith("refused"), String.valueOf(e.getCause()));
            }
        }
        pool.shutdown();
        return batches;
    }

    private List<Integer> ids() {
        return db.read(c -> Sql.query(c, "SELECT id FROM t ORDER BY id", List.of(), rs -> rs.getInt(1)));
    }

    @Test
    void writesArrivingWhileABatchRunsJoinItsCommit() throws Exception {
        List<Integer> batches = joinWhileARuns("none");
        assertEquals(List.of(3), batches, "A, B and C committed together");
        assertEquals(List.of(1, 2, 3), ids());
    }

    @Test
    void aFailingNewcomerRollsBackAloneInTheBatchItJoined() throws Exception {
        List<Integer> batches = joinWhileARuns("b");
        assertEquals(List.of(3), batches);
        assertEquals(List.of(1, 3), ids(), "A and C kept, B's row gone");
    }

    @Test
    void aLoneWriteThatFailsTakesNoNewcomersIntoItsRollback() throws Exception {
        joinWhileARuns("a");
        assertEquals(List.of(2, 3), ids(), "A rolled back; B and C committed after it");
    }
}
