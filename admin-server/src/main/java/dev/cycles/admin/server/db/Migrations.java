package dev.cycles.admin.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Applies the numbered scripts under db/migration once each, in order, at start-up. */
final class Migrations {

    /**
     * Every migration, in order. A new one is added here and as V00N__name.sql. A script's version
     * is the number in its name (not its place in this list), and every listed script whose
     * version is not yet recorded runs: branches that add V005 and V006 independently merge in
     * either order, and a database that already ran V006 still gets V005.
     */
    static final List<String> SCRIPTS = List.of(
            "V001__tenants_keys_audit.sql",
            "V002__budgets.sql",
            "V003__policies.sql",
            "V004__event_queries.sql",
            "V005__webhooks.sql",
            "V006__bulk_actions.sql",
            "V007__reservations.sql",
            "V008__drop_redundant_event_index.sql",
            "V009__delivery_leases.sql",
            "V010__key_checks.sql",
            "V011__partial_indexes.sql");

    private Migrations() {
    }

    static void apply(Connection c) throws SQLException {
        apply(c, Dialect.SQLITE);
    }

    /**
     * Applies every script not yet recorded, all in one transaction with their schema_version
     * rows. On PostgreSQL several servers may start together against one database, so the whole
     * run holds an advisory lock: the first applies, the others wait and then find nothing to do.
     * (SQLite has one server per file; its writer connection is the only one that migrates.)
     */
    static void apply(Connection c, Dialect dialect) throws SQLException {
        boolean locked = dialect == Dialect.POSTGRESQL;
        if (locked) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK + ")");
            }
        }
        try {
            applyUnlocked(c, dialect);
        } finally {
            if (locked) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK + ")");
                }
            }
        }
    }

    /** The advisory-lock key the migrating server holds on PostgreSQL (any constant all servers share). */
    static final long ADVISORY_LOCK = 0x4379636c6573L; // "Cycles"

    private static void applyUnlocked(Connection c, Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(dialect.schemaScript(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
        }
        java.util.Set<Integer> applied = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                applied.add(rs.getInt(1));
            }
        }
        List<String> pending = SCRIPTS.stream().filter(script -> !applied.contains(version(script))).toList();
        if (pending.isEmpty()) {
            return;
        }
        // All pending scripts in one transaction: an upgrade applies completely or not at all, and
        // a new database is created with one commit (one fsync) instead of one per script.
        c.setAutoCommit(false);
        try (Statement s = c.createStatement();
             PreparedStatement record = c.prepareStatement("INSERT INTO schema_version(version, script, applied_at) VALUES (?,?,?)")) {
            for (String script : pending) {
                for (String sql : dialect.schemaScript(load(script)).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                record.setInt(1, version(script));
                record.setString(2, script);
                record.setLong(3, System.currentTimeMillis());
                record.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The number of {@code V006__name.sql}. */
    static int version(String script) {
        if (!script.matches("V\\d{3}__[a-z0-9_]+\\.sql")) {
            throw new IllegalStateException("migration name must be V<3 digits>__name.sql: " + script);
        }
        return Integer.parseInt(script.substring(1, 4));
    }

    private static String load(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + script);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    out.append(line).append('\n');
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }
}
