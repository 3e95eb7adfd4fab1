package dev.cycles.admin.server.db;

import dev.cycles.admin.server.support.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The schema on a real PostgreSQL server: the same scripts as SQLite, translated by the dialect,
 * applied once however many servers start together, with every table and column SQLite has and
 * 64-bit integers where SQLite's INTEGER is 64-bit.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PostgresMigrationsTest {

    @Test
    void threeServersStartingTogetherApplyEachScriptOnce(@TempDir Path dir) throws Exception {
        String url = PostgresCluster.shared().newDatabaseUrl();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starts.add(pool.submit(() -> {
                    try (Connection c = connect(url)) {
                        go.await();
                        Migrations.apply(c, Dialect.POSTGRESQL);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : starts) {
                f.get(120, TimeUnit.SECONDS); // rethrows a failed start
            }
        } finally {
            pool.shutdownNow();
        }

        try (Connection c = connect(url)) {
            assertEquals(Migrations.SCRIPTS.size(), count(c, "SELECT COUNT(*) FROM schema_version"));
            assertEquals(Migrations.SCRIPTS.size(), count(c, "SELECT COUNT(DISTINCT version) FROM schema_version"));
            long firstApplied = count(c, "SELECT MAX(applied_at) FROM schema_version");

            // A later start finds nothing to do.
            Migrations.apply(c, Dialect.POSTGRESQL);
            assertEquals(Migrations.SCRIPTS.size(), count(c, "SELECT COUNT(*) FROM schema_version"));
            assertEquals(firstApplied, count(c, "SELECT MAX(applied_at) FROM schema_version"));

            assertEquals(sqliteColumns(dir), postgresColumns(c));
        }
    }

    @Test
    void integerColumnsHoldTheWholeInt64Range() throws Exception {
        String url = PostgresCluster.shared().newDatabaseUrl();
        try (Connection c = connect(url)) {
            Migrations.apply(c, Dialect.POSTGRESQL);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO tenants(tenant_id, name, status, default_commit_overage_policy, default_reservation_ttl_ms,"
                        + " max_reservation_ttl_ms, max_reservation_extensions, reservation_expiry_policy, created_at)"
                        + " VALUES ('acme', 'Acme', 'ACTIVE', 'REJECT', 60000, 3600000, 10, 'AUTO_RELEASE', 1764800000000)");
                s.execute("INSERT INTO budgets(ledger_id, tenant_id, scope, unit, allocated, status, rollover_policy, created_at)"
                        + " VALUES ('led_1', 'acme', 'tenant:acme', 'TOKENS', " + Long.MAX_VALUE + ", 'ACTIVE', 'NONE', 1764800000000)");
                try (ResultSet rs = s.executeQuery("SELECT allocated, created_at FROM budgets WHERE ledger_id = 'led_1'")) {
                    rs.next();
                    assertEquals(Long.MAX_VALUE, rs.getLong(1));
                    assertEquals(1764800000000L, rs.getLong(2));
                }
                // audit_logs.seq is an identity column, as SQLite's AUTOINCREMENT key is.
                s.execute("INSERT INTO audit_logs(log_id, timestamp, tenant_id, operation) VALUES ('log_1', 1, 'acme', 'createTenant')");
                s.execute("INSERT INTO audit_logs(log_id, timestamp, tenant_id, operation) VALUES ('log_2', 2, 'acme', 'createTenant')");
                assertEquals(2, count(c, "SELECT MAX(seq) - MIN(seq) + 1 FROM audit_logs"));
            }
        }
    }

    /** table -> its column names, as SQLite has them after every script. */
    private static Map<String, List<String>> sqliteColumns(Path dir) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("schema.db"))) {
            Migrations.apply(c, Dialect.SQLITE);
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                List<String> cols = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('" + t + "')")) {
                    while (rs.next()) {
                        cols.add(rs.getString(1));
                    }
                }
                cols.sort(null);
                out.put(t, cols);
            }
        }
        return out;
    }

    private static Map<String, List<String>> postgresColumns(Connection c) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A JDBC connection for a {@code postgresql://user@host:port/db} URL (no password on the test cluster). */
    private static Connection connect(String url) throws SQLException {
        URI u = URI.create(url);
        return DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath(), u.getUserInfo(), "");
    }
}
