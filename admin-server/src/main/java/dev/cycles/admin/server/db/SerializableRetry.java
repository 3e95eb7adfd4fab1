package dev.cycles.admin.server.db;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a transaction again when PostgreSQL chose it as the loser of a conflict: a serialization
 * failure (40001) or a deadlock (40P01). Either means "nothing of this happened; try again", and
 * another try sees the winner's commit. Waits grow and are jittered so that transactions that
 * collided do not collide again in step; after {@link #PATIENCE_NANOS} the failure stands.
 */
final class SerializableRetry {
    static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long FIRST_WAIT_MICROS = 500;
    private static final long MAX_WAIT_MICROS = 100_000;

    /** One attempt of the work; throws what the work or the database threw. */
    interface Attempt<T> {
        T run() throws Exception;
    }

    <T> T run(Attempt<T> attempt) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        long wait = FIRST_WAIT_MICROS;
        while (true) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (!isRetryable(e) || System.nanoTime() > deadline) {
                    throw e instanceof RuntimeException r ? r : new DataAccessException(e);
                }
            }
            sleepMicros(ThreadLocalRandom.current().nextLong(wait / 2, wait + 1));
            wait = Math.min(MAX_WAIT_MICROS, wait * 2);
        }
    }

    /** Whether {@code e}, or anything it wraps, is PostgreSQL saying the transaction lost a conflict. */
    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if ("40001".equals(n.getSQLState()) || "40P01".equals(n.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void sleepMicros(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException(e);
        }
    }
}
