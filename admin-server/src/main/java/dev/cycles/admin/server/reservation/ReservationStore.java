package dev.cycles.admin.server.reservation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.server.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** SQL for reservations and the ledgers each one holds. */
public final class ReservationStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** What a new reservation records besides its row: who made it, and through which request. */
    record Origin(String keyId, String requestId, String traceId) {
    }

    void insert(Connection c, StoredReservation r, List<String> ledgerIds, Origin origin) throws SQLException {
        Sql.update(c, "INSERT INTO reservations(reservation_id, tenant_id, status, unit, estimate, scope_path, affected_scopes,"
                        + " subject, action, metadata, overage_policy, created_at_ms, expires_at_ms, grace_ms, max_extensions,"
                        + " extension_count, reserve_key, created_by_key, request_id, trace_id)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.reservationId(), r.tenantId(), r.status(), r.unit(), r.estimate(), r.scopePath(), r.affectedScopesJson(),
                r.subjectJson(), r.actionJson(), r.metadataJson(), r.overagePolicy(), r.createdAtMs(), r.expiresAtMs(),
                r.graceMs(), r.maxExtensions(), r.extensionCount(), r.reserveKey(), origin.keyId(), origin.requestId(),
                origin.traceId());
        for (int i = 0; i < ledgerIds.size(); i++) {
            Sql.update(c, "INSERT INTO reservation_ledgers(reservation_id, position, ledger_id) VALUES (?,?,?)",
                    r.reservationId(), i, ledgerIds.get(i));
        }
    }

    public StoredReservation find(Connection c, String reservationId) throws SQLException {
        return Sql.one(c, "SELECT * FROM reservations WHERE reservation_id = ?", ReservationStore::map, reservationId);
    }

    /** The ledgers the reservation holds, in the order they were held (top-down). */
    List<String> ledgerIds(Connection c, String reservationId) throws SQLException {
        return Sql.query(c, "SELECT ledger_id FROM reservation_ledgers WHERE reservation_id = ? ORDER BY position",
                List.of(reservationId), rs -> rs.getString(1));
    }

    void commit(Connection c, String id, long charged, long debtIncurred, long at, String key, String hash, String body,
                String committedMetadata, String metrics) throws SQLException {
        finish(c, "UPDATE reservations SET status = 'COMMITTED', committed_amount = ?, debt_incurred = ?, finalized_at_ms = ?,"
                + " commit_key = ?, commit_hash = ?, commit_body = ?, committed_metadata = ?, metrics = ?"
                + " WHERE reservation_id = ? AND status = 'ACTIVE'", charged, debtIncurred, at, key, hash, body,
                committedMetadata, metrics, id);
    }

    void release(Connection c, String id, long at, String reason, String releasedBy, String key, String hash, String body)
            throws SQLException {
        finish(c, "UPDATE reservations SET status = 'RELEASED', finalized_at_ms = ?, release_reason = ?, released_by = ?,"
                + " release_key = ?, release_hash = ?, release_body = ? WHERE reservation_id = ? AND status = 'ACTIVE'",
                at, reason, releasedBy, key, hash, body, id);
    }

    void expire(Connection c, String id, long at) throws SQLException {
        finish(c, "UPDATE reservations SET status = 'EXPIRED', expired_at_ms = ? WHERE reservation_id = ? AND status = 'ACTIVE'", at, id);
    }

    void extend(Connection c, String id, long expiresAtMs) throws SQLException {
        finish(c, "UPDATE reservations SET expires_at_ms = ?, extension_count = extension_count + 1"
                + " WHERE reservation_id = ? AND status = 'ACTIVE'", expiresAtMs, id);
    }

    /** ACTIVE reservations whose grace ended before {@code nowMs}, oldest first. */
    List<String> due(Connection c, long nowMs, int max) throws SQLException {
        return Sql.query(c, "SELECT reservation_id FROM reservations WHERE status = 'ACTIVE' AND expires_at_ms + grace_ms < ?"
                + " ORDER BY expires_at_ms + grace_ms LIMIT ?", List.of(nowMs, max), rs -> rs.getString(1));
    }

    List<String> activeFor(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT reservation_id FROM reservations WHERE tenant_id = ? AND status = 'ACTIVE'",
                List.of(tenantId), rs -> rs.getString(1));
    }

    /** A guarded state change: the row must still be ACTIVE, or the command fails (and its transaction rolls back). */
    private static void finish(Connection c, String sql, Object... params) throws SQLException {
        if (Sql.update(c, sql, params) != 1) {
            throw new IllegalStateException("reservation " + params[params.length - 1] + " is no longer ACTIVE");
        }
    }

    static List<String> scopes(String json) {
        return Sql.fromJson(json, STRINGS);
    }

    public static StoredReservation map(ResultSet rs) throws SQLException {
        return new StoredReservation(rs.getString("reservation_id"), rs.getString("tenant_id"),
                ReservationStatus.valueOf(rs.getString("status")), UnitEnum.valueOf(rs.getString("unit")),
                rs.getLong("estimate"), rs.getString("scope_path"), rs.getString("affected_scopes"), rs.getString("subject"),
                rs.getString("action"), rs.getString("metadata"), CommitOveragePolicy.valueOf(rs.getString("overage_policy")),
                rs.getLong("created_at_ms"), rs.getLong("expires_at_ms"), rs.getLong("grace_ms"), rs.getInt("max_extensions"),
                rs.getInt("extension_count"), rs.getString("reserve_key"), Sql.nullableLong(rs, "committed_amount"),
                Sql.nullableLong(rs, "finalized_at_ms"), Sql.nullableLong(rs, "expired_at_ms"), rs.getString("commit_key"),
                rs.getString("commit_hash"), rs.getString("commit_body"), rs.getString("committed_metadata"),
                rs.getString("release_key"), rs.getString("release_hash"), rs.getString("release_body"));
    }
}
