package dev.cycles.admin.server.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells caches of what only admin-plane writes change (keys, tenants, policies) whether a value
 * they read is still current. Every admin-plane write calls {@link #begin()} before it runs and
 * {@link #end()} once it is done (committed or not). A value read under {@link #tag()} may be
 * reused only while {@link #current(long)}: no admin write began since the tag was taken, and
 * none is under way. So a value is never reused once a write that could have changed it may have
 * committed, even by a reader on the writer thread between that write's commit and its end.
 *
 * <p>That holds only while every admin write passes through this process. Where other servers
 * share the database (PostgreSQL), their writes are invisible here, so nothing is ever reused.
 */
public final class AdminWrites {
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final boolean othersMayWrite;

    /** For a database only this process writes. */
    public AdminWrites() {
        this(false);
    }

    /** {@code othersMayWrite}: other servers write the same database, so no value read may be reused. */
    public AdminWrites(boolean othersMayWrite) {
        this.othersMayWrite = othersMayWrite;
    }

    public void begin() {
        inFlight.incrementAndGet();
        generation.incrementAndGet();
    }

    public void end() {
        generation.incrementAndGet();
        inFlight.decrementAndGet();
    }

    /** The tag to keep with a value about to be read; take it before reading. */
    public long tag() {
        return generation.get();
    }

    /** Whether a value read under {@code tag} may be reused now. */
    public boolean current(long tag) {
        return !othersMayWrite && inFlight.get() == 0 && generation.get() == tag;
    }
}
