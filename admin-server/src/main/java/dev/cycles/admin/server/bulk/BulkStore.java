package dev.cycles.admin.server.bulk;

import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;

/** SQL for remembered bulk-action responses (table bulk_idempotency, migration V006). */
final class BulkStore {

    /** A remembered first response. */
    record Remembered(String payloadDigest, String response) {
    }

    /** The response remembered for {@code key} since {@code notBefore} (epoch ms), or null. */
    Remembered find(Connection c, String kind, String key, long notBefore) throws SQLException {
        return Sql.one(c, "SELECT payload_digest, response FROM bulk_idempotency WHERE kind = ? AND idempotency_key = ? AND created_at >= ?",
                rs -> new Remembered(rs.getString(1), rs.getString(2)), kind, key, notBefore);
    }

    /** Remembers a response, replacing an expired one under the same key, and forgets every expired entry. */
    void save(Connection c, String kind, String key, String digest, String response, long at, long expiredBefore) throws SQLException {
        Sql.update(c, "DELETE FROM bulk_idempotency WHERE created_at < ?", expiredBefore);
        Sql.update(c, "INSERT INTO bulk_idempotency(kind, idempotency_key, payload_digest, response, created_at) VALUES (?,?,?,?,?)"
                        + " ON CONFLICT (kind, idempotency_key) DO UPDATE SET payload_digest = excluded.payload_digest,"
                        + " response = excluded.response, created_at = excluded.created_at",
                kind, key, digest, response, at);
    }
}
