package dev.cycles.admin.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Copies the write-ahead log back into the database file on a thread and connection of its own
 * (used with {@link Durability#NORMAL}). SQLite's automatic checkpoint runs on the committing
 * connection: every thousand pages or so the one writer stops to copy them and to fsync the WAL and
 * the file, and every write queued behind it waits for those fsyncs, the only ones NORMAL makes.
 * A PASSIVE checkpoint here never blocks the writer or a reader; once it has copied every frame,
 * the writer's next transaction starts the WAL again from its beginning, so the file stays small
 * under steady writes. The writer keeps a much higher automatic threshold as a backstop in case
 * this thread falls behind.
 *
 * <p>Not used with {@link Durability#FULL}: there every commit fsyncs the WAL already, and a
 * checkpoint's fsync of the database file beside them made the one-client p99 worse on this
 * project's test machine (bench/RESULTS.md).
 */
final class WalCheckpointer implements AutoCloseable {
    private final Connection connection;
    private final LongSupplier writeGeneration;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param writeGeneration the writer's count of finished transactions: nothing is done while it
     *                        stands still, so an idle server does no work
     */
    WalCheckpointer(Connection connection, LongSupplier writeGeneration, long intervalMillis) {
        this.connection = connection;
        this.writeGeneration = writeGeneration;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "sqlite-checkpointer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        long copiedUpTo = writeGeneration.getAsLong();
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            long generation = writeGeneration.getAsLong();
            if (generation == copiedUpTo || closed) {
                continue;
            }
            try {
                checkpoint();
                copiedUpTo = generation;
            } catch (SQLException e) {
                // SQLITE_BUSY from a concurrent backup or the writer's own backstop checkpoint:
                // the next round tries again, and the backstop bounds the WAL meanwhile
            }
        }
    }

    private void checkpoint() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // shutting down; the last connection to close checkpoints the rest anyway
        }
    }
}
