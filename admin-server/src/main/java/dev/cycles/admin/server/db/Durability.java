package dev.cycles.admin.server.db;

import org.sqlite.SQLiteConfig;

import java.util.Locale;

/**
 * When an acknowledged write is safe (DURABILITY). Both modes keep the WAL and the single
 * group-commit writer; they differ only in whether SQLite fsyncs the WAL at each commit.
 */
public enum Durability {
    /** Every acknowledged write survives a process crash and a power loss: each commit (one per batch) is fsynced. */
    FULL(SQLiteConfig.SynchronousMode.FULL),
    /**
     * Every acknowledged write survives a process crash (it is in the WAL, which the OS holds);
     * a power loss or OS crash may lose the last commits before the next checkpoint fsync.
     */
    NORMAL(SQLiteConfig.SynchronousMode.NORMAL);

    private final SQLiteConfig.SynchronousMode synchronous;

    Durability(SQLiteConfig.SynchronousMode synchronous) {
        this.synchronous = synchronous;
    }

    SQLiteConfig.SynchronousMode synchronous() {
        return synchronous;
    }

    /** The name used in DURABILITY and --durability. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code full} or {@code normal} (any case); anything else is refused with the accepted values. */
    public static Durability parse(String value) {
        for (Durability d : values()) {
            if (d.label().equalsIgnoreCase(value.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("DURABILITY must be full or normal, got '" + value + "'");
    }
}
