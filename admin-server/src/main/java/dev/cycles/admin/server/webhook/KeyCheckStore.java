package dev.cycles.admin.server.webhook;

import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;

/** The key_checks rows: one sealed value per key, written by the first server that starts. */
final class KeyCheckStore {
    /** The sealed value for {@code name}, or null before any server stamped it. */
    String find(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT sealed FROM key_checks WHERE name = ?", rs -> rs.getString(1), name);
    }

    /** Stamps {@code name} unless a server already did (servers starting together: the first wins). */
    void stampIfAbsent(Connection c, String name, String sealed) throws SQLException {
        Sql.update(c, "INSERT INTO key_checks(name, sealed) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, sealed);
    }

    void replace(Connection c, String name, String sealed) throws SQLException {
        Sql.update(c, "UPDATE key_checks SET sealed = ? WHERE name = ?", sealed, name);
    }
}
