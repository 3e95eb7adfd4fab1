package dev.cycles.admin.server.db;

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
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerializableRetryTest {

    @Test
    void losersRetryOneAtATimeAndAllSucceed() throws Exception {
        SerializableRetry retry = new SerializableRetry();
        int threads = 8;
        AtomicInteger retrying = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch allLost = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int id = i;
                AtomicInteger calls = new AtomicInteger();
                done.add(pool.submit(() -> retry.run(() -> {
                    if (calls.incrementAndGet() == 1) {
                        // every first attempt loses, all at about the same moment
                        allLost.countDown();
                        allLost.await(10, TimeUnit.SECONDS);
                        throw new SQLException("could not serialize access", "40001");
                    }
                    int now = retrying.incrementAndGet();
                    mostAtOnce.accumulateAndGet(now, Math::max);
                    Thread.sleep(5);
                    retrying.decrementAndGet();
                    return "done " + id;
                })));
            }
            for (int i = 0; i < threads; i++) {
                assertEquals("done " + i, done.get(i).get(20, TimeUnit.SECONDS));
            }
            assertEquals(1, mostAtOnce.get(), "retries of one server never overlap");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureThatIsNotAConflictIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        DataAccessException e = assertThrows(DataAccessException.class, () -> new SerializableRetry().run(() -> {
            calls.incrementAndGet();
            throw new SQLException("duplicate key", "23505");
        }));
        assertEquals(1, calls.get());
        assertEquals("23505", ((SQLException) e.getCause()).getSQLState());
    }
}
