package dev.cycles.admin.server.db;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a transaction again when PostgreSQL chose it as the loser of a conflict: a serialization
 * failure (40001) or a deadlock (40P01). Either means "nothing of this happened; try again", and
 * another try sees the winner's commit.
 *
 * <p>First attempts run side by side. A transaction that lost tries again one at a time with the
 * other losers of this server, in arrival order: writers of one hot row (a ledger funded by many
 * clients) would otherwise keep colliding with each other and the unlucky ones would wait for
 * ever-longer backoffs. A retry that still loses (to another server, or to a new first attempt
 * here) waits a growing, jittered moment before queueing again; after {@link #PATIENCE_NANOS}
 * the failure stands.
 */
final class SerializableRetry {
    static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long FIRST_WAIT_MICROS = 500;
    private static final long MAX_WAIT_MICROS = 100_000;

    /** One attempt of the work; throws what the work or the database threw. */
    interface Attempt<T> {
        T run() throws Exception;
    }

    /** Fair: the losers of this server retry in the order they lost. */
    private final ReentrantLock retries = new ReentrantLock(true);

    <T> T run(Attempt<T> attempt) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        Exception lost;
        try {
            return attempt.run();
        } catch (Exception e) {
            lost = e;
        }
        long wait = FIRST_WAIT_MICROS;
        while (isRetryable(lost) && System.nanoTime() <= deadline && lockUntil(deadline)) {
            try {
                return attempt.run();
            } catch (Exception e) {
                lost = e;
            } finally {
                retries.unlock();
            }
            if (isRetryable(lost)) {
                sleepMicros(ThreadLocalRandom.current().nextLong(wait / 2, wait + 1));
                wait = Math.min(MAX_WAIT_MICROS, wait * 2);
            }
        }
        throw lost instanceof RuntimeException r ? r : new DataAccessException(lost);
    }

    private boolean lockUntil(long deadline) {
        try {
            return retries.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException(e);
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
