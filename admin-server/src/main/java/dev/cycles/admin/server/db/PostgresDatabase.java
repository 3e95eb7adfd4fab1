package dev.cycles.admin.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntConsumer;

/**
 * A PostgreSQL database that several servers may share. There is no single writer here: each
 * write is a SERIALIZABLE transaction on a pooled connection, so every rule the SQLite writer
 * thread kept by running writes one at a time (a fund never overdraws, an idempotency key is
 * used once, a cascade sees every row) still holds, and PostgreSQL fails whichever transaction
 * would break that order. Such a failure (or a deadlock) costs a retry of the whole work, never
 * an error to the client. Reads and writes have pools of their own, so a read taken while
 * writes hold every write connection still finds a connection.
 */
final class PostgresDatabase extends Database {
    private final DatabaseUrl url;
    private final Durability durability;
    private final HikariDataSource writers;
    private final HikariDataSource readers;
    private final SerializableRetry retry = new SerializableRetry();
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);
    /** Told 1 after each commit: every write here is a transaction of its own. */
    private volatile IntConsumer committed = n -> { };

    PostgresDatabase(DatabaseUrl url, int poolSize, Durability durability) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        this.url = url;
        this.durability = durability;
        HikariDataSource w = null;
        try {
            w = pool(url, poolSize, durability, "cycles-write", false);
            try (Connection c = w.getConnection()) {
                Migrations.apply(c, Dialect.POSTGRESQL);
            }
            this.writers = w;
            this.readers = pool(url, poolSize, durability, "cycles-read", true);
        } catch (SQLException | RuntimeException e) {
            if (w != null) {
                w.close();
            }
            throw new IllegalStateException("Cannot open database " + url.describe() + ": " + rootMessage(e), e);
        }
    }

    private static HikariDataSource pool(DatabaseUrl url, int size, Durability durability, String name, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        // Connections are opened as load asks for them: several servers share max_connections.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setReadOnly(readOnly);
        if (durability == Durability.NORMAL) {
            // PostgreSQL's own form of DURABILITY=normal: a commit is acknowledged before its WAL
            // record is flushed; a crash of this server loses nothing, a crash of the database
            // host may lose the last moments. FULL sets nothing: the database's setting (on by
            // default, or an operator's remote_apply for a replica) already waits for the flush.
            config.setConnectionInitSql("SET synchronous_commit TO off");
        }
        return new HikariDataSource(config);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public <T> T write(Work<T> work) {
        if (writing.get()) {
            throw new IllegalStateException("a write may not start another write");
        }
        writing.set(true);
        try {
            return retry.run(() -> once(work));
        } catch (RuntimeException e) {
            throw PostgresErrors.translate(e);
        } finally {
            writing.set(false);
        }
    }

    /** One attempt: the work and its commit, or a rollback and the failure. */
    private <T> T once(Work<T> work) throws Exception {
        try (Connection c = writers.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                }
                T result = work.run(c);
                c.commit();
                committed.accept(1);
                return result;
            } catch (Exception | Error e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the attempt failed already; the pool discards a broken connection
        }
    }

    @Override
    public <T> T read(Work<T> work) {
        try (Connection c = readers.getConnection()) {
            return work.run(c);
        } catch (RuntimeException e) {
            throw PostgresErrors.translate(e);
        } catch (Exception e) {
            throw PostgresErrors.translate(new DataAccessException(e));
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    /** Null: the database is PostgreSQL's, not a file of this server's. */
    @Override
    public Path file() {
        return null;
    }

    @Override
    public Durability durability() {
        return durability;
    }

    @Override
    public long sizeBytes() {
        return read(c -> Sql.count(c, "SELECT pg_database_size(current_database())"));
    }

    /** Writes waiting for a connection of the write pool (all of them busy). */
    @Override
    public int writeQueueDepth() {
        return writers.getHikariPoolMXBean().getThreadsAwaitingConnection();
    }

    @Override
    public void observeCommitBatches(IntConsumer observer) {
        committed = observer;
    }

    /** True: other servers may use the same database (that is what PostgreSQL is here for). */
    @Override
    public boolean sharedWithOtherServers() {
        return true;
    }

    /** Where the database is, without credentials. */
    public DatabaseUrl url() {
        return url;
    }

    @Override
    public void close() {
        readers.close();
        writers.close();
    }
}
