package dev.cycles.admin.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;

/**
 * The single writer, with group commit: writes that arrive while a commit is being made to disk
 * are run together in the next transaction, each inside its own SAVEPOINT (so one failing write
 * rolls back alone), and share one COMMIT and one fsync. Nobody is answered before the commit
 * that holds their change is durable, so durability is unchanged; throughput is not bound by
 * one fsync per request. With {@link Durability#NORMAL} SQLite skips that fsync; batching still
 * saves a commit per request, and the one writer still keeps writes from failing with SQLITE_BUSY.
 * Writes that arrive while a batch is still running join it before its COMMIT, so a busy writer
 * commits as many writes at once as there are callers, without ever waiting on purpose.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final int MAX_BATCH = 64;

    private record Job<T>(Database.Work<T> work, CompletableFuture<T> result) {
    }

    private static final Job<Void> STOP = new Job<>(c -> null, new CompletableFuture<>());

    private final Connection connection;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    /** Transactions finished so far (see {@link #runBatch}). */
    private volatile long generation;
    /** Told the size of each committed batch (metrics); set once at start-up. */
    volatile IntConsumer committedBatches = n -> { };

    GroupCommitWriter(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "sqlite-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    <T> T submit(Database.Work<T> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a write may not start another write");
        }
        if (closed) {
            throw new DataAccessException(new IllegalStateException("database is closed"));
        }
        Job<T> job = new Job<>(work, new CompletableFuture<>());
        queue.add(job);
        if (closed && !thread.isAlive()) {
            // closed between the check and the add: nobody is left to run it
            drainAfterStop();
        }
        try {
            return job.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new DataAccessException(cause);
        }
    }

    private void loop() {
        List<Job<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                runBatch(batch);
            }
            if (stop) {
                drainAfterStop();
                return;
            }
        }
    }

    private void drainAfterStop() {
        List<Job<?>> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Job<?> j : rest) {
            j.result().completeExceptionally(new DataAccessException(new IllegalStateException("database is closed")));
        }
    }

    private void runBatch(List<Job<?>> batch) {
        Object[] results = new Object[MAX_BATCH];
        Throwable[] failures = new Throwable[MAX_BATCH];
        Exception batchFailure = runTransaction(batch, results, failures);
        int size = batch.size();
        // Bumped before anyone in the batch is answered, so a reader that sees this value has the
        // data of every write acknowledged before it; bumped after a failed COMMIT too, since what
        // the file holds then is not worth guessing about.
        generation++;
        for (int i = 0; i < size; i++) {
            if (batchFailure != null) {
                batch.get(i).result().completeExceptionally(new DataAccessException(batchFailure));
            } else {
                complete(batch.get(i), results[i], failures[i]);
            }
        }
    }

    /**
     * Runs the batch as one transaction, adding writes that arrive meanwhile (the batch grows);
     * returns what failed it as a whole, or null.
     */
    private Exception runTransaction(List<Job<?>> batch, Object[] results, Throwable[] failures) {
        // A lone write needs no savepoint: if it fails, the whole transaction is its own to roll back.
        boolean alone = batch.size() == 1;
        boolean open = false;
        try {
            // BEGIN and COMMIT as statements rather than setAutoCommit/commit: sqlite-jdbc's commit()
            // opens the next transaction at once, and setAutoCommit(true) then commits that empty
            // one, which is two more statements on the writer thread for every batch.
            Sql.update(connection, "BEGIN IMMEDIATE");
            open = true;
            for (int i = 0; i < batch.size(); i++) {
                if (alone) {
                    try {
                        results[i] = batch.get(i).work().run(connection);
                    } catch (Throwable t) {
                        failures[i] = t;
                        break; // the transaction is rolled back: nothing may join it
                    }
                } else {
                    Sql.update(connection, "SAVEPOINT w");
                    try {
                        results[i] = batch.get(i).work().run(connection);
                        Sql.update(connection, "RELEASE w");
                    } catch (Throwable t) {
                        failures[i] = t;
                        Sql.update(connection, "ROLLBACK TO w");
                        Sql.update(connection, "RELEASE w");
                    }
                }
                if (i == batch.size() - 1 && takeArrivals(batch)) {
                    alone = false; // the first write is done; the newcomers each get a savepoint
                }
            }
            if (alone && failures[0] != null) {
                Sql.update(connection, "ROLLBACK");
            } else {
                Sql.update(connection, "COMMIT");
            }
            open = false;
            committedBatches.accept(batch.size());
            return null;
        } catch (SQLException | RuntimeException e) {
            if (open) {
                rollbackQuietly();
            }
            return e;
        }
    }

    /** Moves writes queued since the batch began into it (never the stop signal); true if any came. */
    private boolean takeArrivals(List<Job<?>> batch) {
        int before = batch.size();
        while (batch.size() < MAX_BATCH) {
            Job<?> next = queue.peek();
            if (next == null || next == STOP) {
                break;
            }
            batch.add(queue.poll()); // this thread is the queue's only taker: poll returns what peek saw
        }
        return batch.size() > before;
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> job, Object result, Throwable failure) {
        if (failure != null) {
            job.result().completeExceptionally(failure);
        } else {
            job.result().complete((T) result);
        }
    }

    private void rollbackQuietly() {
        try {
            Sql.update(connection, "ROLLBACK");
        } catch (SQLException | RuntimeException ignored) {
            // the commit already failed; the batch is reported failed either way
        }
    }

    /** Transactions finished so far; only the writer thread changes it. */
    long generation() {
        return generation;
    }

    /** Writes waiting for this thread (a metrics gauge). */
    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainAfterStop();
    }
}
