package dev.cycles.admin.server.db;

import dev.cycles.admin.server.support.PostgresCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL store on a real server: a write commits whole or not at all, a write that lost
 * a conflict runs again (and only then counts), other failures are not retried, and a write may
 * not start another.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresDatabaseTest {
    private Database db;

    @BeforeEach
    void open() {
        db = Database.postgres(DatabaseUrl.parse(PostgresCluster.shared().newDatabaseUrl()), 4);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aWriteThatLostAConflictRunsAgainAndCommitsOnce() {
        AtomicInteger attempts = new AtomicInteger();
        String id = db.write(c -> {
            Sql.update(c, "INSERT INTO tenants(tenant_id, name, status, default_commit_overage_policy, default_reservation_ttl_ms,"
                    + " max_reservation_ttl_ms, max_reservation_extensions, reservation_expiry_policy, created_at)"
                    + " VALUES ('retry-co', 'R', 'ACTIVE', 'REJECT', 1, 1, 1, 'AUTO_RELEASE', 1)");
            if (attempts.incrementAndGet() == 1) {
                throw new DataAccessException(new SQLException("could not serialize access", "40001"));
            }
            return "retry-co";
        });
        assertEquals("retry-co", id);
        assertEquals(2, attempts.get());
        assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM tenants WHERE tenant_id = 'retry-co'")),
                "the first attempt's insert was rolled back");
    }

    @Test
    void otherFailuresAreNotRetriedAndLeaveNothingBehind() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.write(c -> {
            attempts.incrementAndGet();
            Sql.update(c, "INSERT INTO schema_version(version, script, applied_at) VALUES (999, 'x', 1)");
            throw new IllegalStateException("domain rule");
        }));
        assertEquals("domain rule", e.getMessage());
        assertEquals(1, attempts.get());
        assertEquals(0L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM schema_version WHERE version = 999")));
    }

    @Test
    void aWriteMayNotStartAnotherWrite() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.write(c -> db.write(inner -> 1)));
        assertEquals("a write may not start another write", e.getMessage());
        assertEquals(7, (int) db.write(c -> 7), "the guard is released after the refused write");
    }

    /** Read-modify-write increments from many threads: SERIALIZABLE and the retries make every one count. */
    @Test
    void concurrentIncrementsAllCount() throws Exception {
        db.write(c -> Sql.update(c, "INSERT INTO schema_version(version, script, applied_at) VALUES (998, 'counter', 0)"));
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        db.write(c -> {
                            long n = Sql.count(c, "SELECT applied_at FROM schema_version WHERE version = 998");
                            return Sql.update(c, "UPDATE schema_version SET applied_at = ? WHERE version = 998", n + 1);
                        });
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) threads * each, (long) db.read(c -> Sql.count(c, "SELECT applied_at FROM schema_version WHERE version = 998")));
    }

    @Test
    void theStoreDescribesItself() {
        assertEquals(Dialect.POSTGRESQL, db.dialect());
        assertNull(db.file());
        assertTrue(db.sharedWithOtherServers());
        assertEquals(ReadCache.UNKNOWN, db.writeGeneration());
        assertTrue(db.sizeBytes() > 0);
        assertEquals(0, db.writeQueueDepth());
        assertTrue(db.isHealthy());
        AtomicInteger committed = new AtomicInteger();
        db.observeCommitBatches(committed::addAndGet);
        db.write(c -> null);
        assertEquals(1, committed.get());
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithoutItsPassword() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Database.postgres(DatabaseUrl.parse("postgresql://u:hunter2@127.0.0.1:" + PostgresCluster.shared().port()
                        + "/no_such_database"), 1));
        assertTrue(e.getMessage().startsWith("Cannot open database postgresql://127.0.0.1:"), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
    }
}
