package dev.cycles.admin.server.support;

import dev.cycles.admin.server.db.DatabaseUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of a data folder, seen from outside the server: the SQLite file with its WAL and
 * shared-memory files, or on a PostgreSQL test run the folder's database (see {@link TestServer}).
 */
public final class DatabaseFiles {
    private DatabaseFiles() {
    }

    /** What the database takes on disk. */
    public static long bytes(Path dataDir) throws IOException {
        if (TestServer.onPostgres()) {
            try (Connection c = connect(dataDir); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
        long total = 0;
        for (String name : new String[]{"cycles-admin.db", "cycles-admin.db-wal", "cycles-admin.db-shm"}) {
            Path p = dataDir.resolve(name);
            if (Files.exists(p)) {
                total += Files.size(p);
            }
        }
        return total;
    }

    /** A connection of the test's own to the folder's database, for reading what a stopped server left. */
    public static Connection connect(Path dataDir) throws SQLException {
        if (!TestServer.onPostgres()) {
            return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("cycles-admin.db"));
        }
        DatabaseUrl url = DatabaseUrl.parse(TestServer.databaseUrl(dataDir));
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password() == null ? "" : url.password());
    }
}
