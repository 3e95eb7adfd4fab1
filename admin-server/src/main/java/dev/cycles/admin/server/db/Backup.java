package dev.cycles.admin.server.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Online backups with SQLite's VACUUM INTO: a consistent snapshot taken from a read transaction,
 * so the server keeps serving (and writing) while it runs.
 */
public final class Backup {
    private Backup() {
    }

    public static void snapshot(Connection c, Path target) throws SQLException {
        if (Files.exists(target)) {
            throw new IllegalArgumentException("backup target already exists: " + target);
        }
        try (PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
            p.setString(1, target.toAbsolutePath().toString());
            p.execute();
        }
    }

    /** Backs up the database file at {@code source} from outside the server (the `backup` command). */
    public static void snapshotFile(Path source, Path target) throws SQLException {
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("no database at " + source);
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + source.toAbsolutePath())) {
            snapshot(c, target);
        }
    }
}
