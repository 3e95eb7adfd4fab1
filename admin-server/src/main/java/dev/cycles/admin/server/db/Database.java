package dev.cycles.admin.server.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.IntConsumer;

/**
 * The store every service writes through: an embedded SQLite file ({@link #sqlite}), or a
 * PostgreSQL database that several servers may share ({@link #postgres}). Either way a write is
 * one transaction that commits whole or not at all, and a read sees only committed data.
 */
public abstract class Database implements AutoCloseable {

    /** Work done with a connection; may throw SQL or domain exceptions. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws Exception;
    }

    Database() {
    }

    /** The SQLite file {@code file} with {@code readers} read connections, every commit fsynced. */
    public static Database sqlite(Path file, int readers) {
        return new SqliteDatabase(file, readers, Durability.FULL);
    }

    public static Database sqlite(Path file, int readers, Durability durability) {
        return new SqliteDatabase(file, readers, durability);
    }

    /** The PostgreSQL database at {@code url}, through a pool of at most {@code poolSize} connections. */
    public static Database postgres(DatabaseUrl url, int poolSize) {
        return new PostgresDatabase(url, poolSize, Durability.FULL);
    }

    /** As {@link #postgres(DatabaseUrl, int)}; NORMAL acknowledges commits before PostgreSQL flushes them. */
    public static Database postgres(DatabaseUrl url, int poolSize, Durability durability) {
        return new PostgresDatabase(url, poolSize, durability);
    }

    /**
     * Runs {@code work} atomically: all of it commits, or none of it. Returns once the commit is
     * durable. {@code work} must not call {@code write} itself, and may run more than once when
     * the database asks for a retry, so it must not act outside the transaction.
     */
    public abstract <T> T write(Work<T> work);

    /** Runs read-only {@code work} on a pooled connection. */
    public abstract <T> T read(Work<T> work);

    public abstract Dialect dialect();

    /** The database file, or null when the database is not a file of this server's (PostgreSQL). */
    public abstract Path file();

    /** The DURABILITY setting: whether a commit waits for its flush to disk. */
    public abstract Durability durability();

    /** Bytes the database takes on disk. */
    public abstract long sizeBytes();

    /**
     * A number that changes whenever a write transaction ends, read before a query: if it is the
     * same later, the database holds the same data. Only a store whose writes all pass through this
     * process can promise that; others return {@link ReadCache#UNKNOWN}.
     */
    public long writeGeneration() {
        return ReadCache.UNKNOWN;
    }

    /**
     * Whether other server processes may write the same database, so that work this process left
     * half-done in an earlier run may be someone else's now.
     */
    public abstract boolean sharedWithOtherServers();

    /** Writes waiting for a writer now: for the writer thread, or for a free write connection. */
    public abstract int writeQueueDepth();

    /** {@code observer} is told the number of writes in each transaction committed. */
    public abstract void observeCommitBatches(IntConsumer observer);

    /** True when a trivial query answers; used by /health. */
    public boolean isHealthy() {
        try {
            return read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeQuery("SELECT 1").next();
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public abstract void close();
}
