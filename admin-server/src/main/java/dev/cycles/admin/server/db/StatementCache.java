package dev.cycles.admin.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements kept per connection, so a query is compiled once rather than on every
 * request (compiling costs SQLite about as much as running a small query). A connection is only
 * ever used by one thread at a time (the writer thread, or whoever took it from the read pool),
 * so each connection's own map needs no locking.
 */
final class StatementCache {
    private static final int PER_CONNECTION = 256;
    private static final Map<Connection, Map<String, PreparedStatement>> CACHES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private StatementCache() {
    }

    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Connection physical = physical(c);
        Map<String, PreparedStatement> cache = CACHES.computeIfAbsent(physical, k -> lru());
        PreparedStatement p = cache.get(sql);
        if (p == null || p.isClosed()) {
            p = physical.prepareStatement(sql);
            cache.put(sql, p);
        } else {
            p.clearParameters();
        }
        return p;
    }

    /**
     * The connection itself rather than a pool's wrapper: a pool hands out a new wrapper on every
     * borrow and closes the statements made through it on return, so statements are kept on the
     * connection underneath, which lives as long as the pool keeps it.
     */
    private static Connection physical(Connection c) throws SQLException {
        return c instanceof org.sqlite.SQLiteConnection ? c : c.unwrap(Connection.class);
    }

    /** Drops (and closes) a connection's statements; called before the connection closes. */
    static void forget(Connection c) {
        Map<String, PreparedStatement> cache = CACHES.remove(c);
        if (cache != null) {
            cache.values().forEach(StatementCache::closeQuietly);
        }
    }

    private static Map<String, PreparedStatement> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() > PER_CONNECTION) {
                    closeQuietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    private static void closeQuietly(PreparedStatement p) {
        try {
            p.close();
        } catch (SQLException ignored) {
            // evicted or shutting down; the statement is gone either way
        }
    }
}
