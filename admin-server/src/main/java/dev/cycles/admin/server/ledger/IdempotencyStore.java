package dev.cycles.admin.server.ledger;

import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Remembered successes of the runtime plane, per (tenant, endpoint, key): reserve (live and dry
 * run share it), decide, event and extend:&lt;reservation&gt;. Only successes are stored, so a
 * retry after a refusal is evaluated afresh.
 */
public final class IdempotencyStore {

    /** A remembered success: the digest of the normalised request, the resource it made, and the exact answer. */
    public record Remembered(String payloadHash, String resourceId, String body) {
    }

    public Remembered find(Connection c, String tenantId, String endpoint, String key, long nowMs) throws SQLException {
        return Sql.one(c, "SELECT payload_hash, resource_id, body FROM runtime_idempotency"
                        + " WHERE tenant_id = ? AND endpoint = ? AND idem_key = ? AND expires_at_ms > ?",
                rs -> new Remembered(rs.getString(1), rs.getString(2), rs.getString(3)), tenantId, endpoint, key, nowMs);
    }

    public void remember(Connection c, String tenantId, String endpoint, String key, Remembered r, long expiresAtMs)
            throws SQLException {
        Sql.update(c, "INSERT INTO runtime_idempotency(tenant_id, endpoint, idem_key, payload_hash, resource_id, body,"
                + " expires_at_ms) VALUES (?,?,?,?,?,?,?) ON CONFLICT (tenant_id, endpoint, idem_key) DO UPDATE SET"
                + " payload_hash = excluded.payload_hash, resource_id = excluded.resource_id, body = excluded.body,"
                + " expires_at_ms = excluded.expires_at_ms", tenantId, endpoint, key, r.payloadHash(), r.resourceId(), r.body(), expiresAtMs);
    }

    /** Deletes up to {@code max} records whose window has closed; returns how many. */
    public int purge(Connection c, long nowMs, int max) throws SQLException {
        List<Object> params = List.of(nowMs, max);
        return Sql.update(c, "DELETE FROM runtime_idempotency WHERE (tenant_id, endpoint, idem_key) IN (SELECT tenant_id, endpoint, idem_key"
                + " FROM runtime_idempotency WHERE expires_at_ms <= ? LIMIT ?)", params.toArray());
    }
}
