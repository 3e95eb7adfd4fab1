package dev.cycles.admin.server.db;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The one SQLite file. Writes go through a single connection owned by {@link GroupCommitWriter},
 * so concurrent requests queue in the JVM instead of failing with SQLITE_BUSY, and writes that
 * arrive together share one fsync; reads use a small pool of connections that WAL lets run
 * beside the writer. {@link Durability} decides whether each commit is fsynced.
 */
final class SqliteDatabase extends Database {

    private final Path file;
    private final Durability durability;
    private final Connection writer;
    private final GroupCommitWriter writes;
    /** Null with {@link Durability#FULL}, where the writer checkpoints as SQLite does by default. */
    private final WalCheckpointer checkpointer;
    private final BlockingQueue<Connection> readers;
    private volatile boolean closed;

    SqliteDatabase(Path file, int readConnections, Durability durability) {
        this.file = file;
        this.durability = durability;
        SqliteNativeLibrary.useUnpackedCopy();
        try {
            this.writer = open(false);
            Migrations.apply(writer);
            this.writes = new GroupCommitWriter(writer);
            this.checkpointer = durability == Durability.NORMAL ? startCheckpointer() : null;
            this.readers = new ArrayBlockingQueue<>(readConnections);
            for (int i = 0; i < readConnections; i++) {
                readers.add(open(true));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checkpoints leave the writer for their own thread; the writer's automatic checkpoint stays
     * only as a backstop, at 16 times SQLite's default of 1000 pages. The backstop is also what
     * lets the WAL start over under a write load that never pauses (the checkpointer alone never
     * catches up with a writer that keeps appending), so it bounds the WAL at about 66 MB. Measured
     * with bench/write-cost.sh: a backstop of 4000 pages gave 3,400-3,700 funds/s, 16000 gave
     * 4,000-4,250, SQLite's default without this thread 2,850-3,000.
     */
    private WalCheckpointer startCheckpointer() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=" + BACKSTOP_CHECKPOINT_PAGES);
        }
        return new WalCheckpointer(open(false), writes::generation, CHECKPOINT_INTERVAL_MILLIS);
    }

    static final int BACKSTOP_CHECKPOINT_PAGES = 16_000;
    static final long CHECKPOINT_INTERVAL_MILLIS = 50;

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Durability durability() {
        return durability;
    }

    private Connection open(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL loses nothing on a process crash in WAL mode; FULL also survives power loss.
        config.setSynchronous(durability.synchronous());
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        // SQLite's own per-connection mutex guards nothing here: a connection is only ever used by
        // the thread that took it from the pool (or the writer thread), and sqlite-jdbc serialises
        // calls on a connection in Java too. Without it every column read skips a lock/unlock pair;
        // a 20-row budget list answers about 10% more requests per second.
        config.setOpenMode(SQLiteOpenMode.NOMUTEX);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // No store reads generated keys, and with this on sqlite-jdbc follows every INSERT with a
        // regex match on its SQL and a freshly prepared SELECT last_insert_rowid(): three of
        // those per fund request, all on the writer thread.
        config.setGetGeneratedKeys(false);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA temp_store=MEMORY");
        }
        return c;
    }

    /** Queued for the one writer thread; returns once the commit is on disk. */
    @Override
    public <T> T write(Work<T> work) {
        return writes.submit(work);
    }

    @Override
    public <T> T read(Work<T> work) {
        Connection c;
        try {
            c = closed ? null : readers.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException(e);
        }
        if (c == null) {
            throw new DataAccessException(new IllegalStateException(closed ? "database is closed" : "no read connection free for 30 s"));
        }
        try {
            return work.run(c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DataAccessException(e);
        } finally {
            readers.add(c);
        }
    }

    /** Exact here: every write passes through the one writer thread, which counts its transactions. */
    @Override
    public long writeGeneration() {
        return writes.generation();
    }

    /**
     * False: the file is this process's alone (other servers would need their own file), so work
     * this process left half-done in an earlier run belongs to nobody else.
     */
    @Override
    public boolean sharedWithOtherServers() {
        return false;
    }

    /** Writes waiting for the writer thread now. */
    @Override
    public int writeQueueDepth() {
        return writes.queued();
    }

    /** {@code observer} is told the number of writes in each transaction the writer commits. */
    @Override
    public void observeCommitBatches(IntConsumer observer) {
        writes.committedBatches = observer;
    }

    /** Bytes on disk: the main file plus the write-ahead log (not yet checkpointed into it). */
    @Override
    public long sizeBytes() {
        return sizeOf(file) + sizeOf(file.resolveSibling(file.getFileName() + "-wal"));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (checkpointer != null) {
            checkpointer.close();
        }
        writes.close();
        closeQuietly(writer);
        Connection c;
        while ((c = readers.poll()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        StatementCache.forget(c);
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing on shutdown; nothing useful to do
        }
    }
}
