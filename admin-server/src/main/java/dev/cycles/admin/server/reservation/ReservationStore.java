package dev.cycles.admin.server.reservation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.db.Dialect;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.ScopeSql;
import dev.cycles.admin.server.db.SortKey;
import dev.cycles.admin.server.db.Sorts;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.db.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SQL for reservations, the ledgers each one holds and the replay record of its reserve (all on its row). */
public final class ReservationStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** What a new reservation records besides its row: who made it, and through which request. */
    record Origin(String keyId, String requestId, String traceId) {
    }

    /** A live reserve's replay record: the request digest, the exact first 200 body, and when the window closes. */
    record Replay(String hash, String body, long untilMs) {
    }

    /** The replay record a reserve key still has, with whether its reservation is ACTIVE at the time asked. */
    record FirstReserve(String hash, String body, boolean active) {
    }

    void insert(Connection c, StoredReservation r, Origin origin, Replay replay) throws SQLException {
        Sql.update(c, "INSERT INTO reservations(reservation_id, tenant_id, status, unit, estimate, scope_path, affected_scopes,"
                        + " subject, action, metadata, overage_policy, created_at_ms, expires_at_ms, grace_ms, max_extensions,"
                        + " extension_count, reserve_key, created_by_key, request_id, trace_id, ledger_ids, reserve_hash,"
                        + " reserve_body, replay_until_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.reservationId(), r.tenantId(), r.status(), r.unit(), r.estimate(), r.scopePath(), r.affectedScopesJson(),
                r.subjectJson(), r.actionJson(), r.metadataJson(), r.overagePolicy(), r.createdAtMs(), r.expiresAtMs(),
                r.graceMs(), r.maxExtensions(), r.extensionCount(), r.reserveKey(), origin.keyId(), origin.requestId(),
                origin.traceId(), r.ledgerIdsJson(), replay.hash(), replay.body(), replay.untilMs());
    }

    /**
     * The live reserve made with this key whose replay window is still open at {@code nowMs}, or
     * null. Keys are reusable once a window closes, so the newest row is the one that counts.
     */
    FirstReserve firstReserve(Connection c, String tenantId, String key, long nowMs) throws SQLException {
        return Sql.one(c, "SELECT reserve_hash, reserve_body, status, expires_at_ms, grace_ms FROM reservations"
                        + " WHERE tenant_id = ? AND reserve_key = ? AND replay_until_ms > ? ORDER BY created_at_ms DESC LIMIT 1",
                rs -> new FirstReserve(rs.getString(1), rs.getString(2),
                        "ACTIVE".equals(rs.getString(3)) && nowMs <= rs.getLong(4) + rs.getLong(5)),
                tenantId, key, nowMs);
    }

    /** Subject.tenant as sent (the list's "tenant" sort), '' when the subject named none. */
    private final String subjectTenant;

    /** Expiry's pick: on PostgreSQL, rows another server is expiring right now are left to it. */
    private final String lockDue;

    public ReservationStore(Dialect dialect) {
        this.subjectTenant = "COALESCE(" + dialect.jsonText("subject", "tenant") + ", '')";
        this.lockDue = dialect.lockRowsSkipLocked();
    }

    /** What a list row needs besides the two metadata objects; the idempotency records and held ledgers are left out. */
    private static final String LIST_COLUMNS = "reservation_id, tenant_id, status, unit, estimate, scope_path, affected_scopes,"
            + " subject, action, overage_policy, created_at_ms, expires_at_ms, grace_ms, max_extensions, extension_count,"
            + " reserve_key, committed_amount, finalized_at_ms, expired_at_ms, NULL AS commit_key, NULL AS commit_hash,"
            + " NULL AS commit_body, NULL AS release_key, NULL AS release_hash, NULL AS release_body, NULL AS ledger_ids";

    public StoredReservation find(Connection c, String reservationId) throws SQLException {
        return Sql.one(c, "SELECT * FROM reservations WHERE reservation_id = ?", ReservationStore::map, reservationId);
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
                + " ORDER BY expires_at_ms + grace_ms LIMIT ?" + lockDue, List.of(nowMs, max), rs -> rs.getString(1));
    }

    List<String> activeFor(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT reservation_id FROM reservations WHERE tenant_id = ? AND status = 'ACTIVE'",
                List.of(tenantId), rs -> rs.getString(1));
    }

    /**
     * The list's sort keys. {@code status} sorts by the effective status at {@code nowMs} (an ACTIVE
     * hold past its grace sorts as EXPIRED), the same status the rows show and the filter uses.
     */
    Sorts sorts(long nowMs) {
        return new Sorts(Map.of(
                "reservation_id", SortKey.text("reservation_id", "reservation_id"),
                "tenant", SortKey.text("tenant", subjectTenant),
                "scope_path", SortKey.text("scope_path", "scope_path"),
                "status", SortKey.text("status", effectiveStatus(nowMs)),
                "reserved", SortKey.number("reserved", "estimate"),
                "created_at_ms", SortKey.number("created_at_ms", "created_at_ms"),
                "expires_at_ms", SortKey.number("expires_at_ms", "expires_at_ms")), "created_at_ms", true);
    }

    /**
     * One page of the rows {@code f} selects. The idempotency records (commit/release keys and
     * bodies) are never loaded, and the two metadata objects only when the caller asked for them;
     * a page also stops short of 1 MiB of stored JSON however large its limit.
     */
    Page<StoredReservation> list(Connection c, ReservationFilter f, PageRequest page, long nowMs, boolean withMetadata,
                                 boolean withCommittedMetadata) throws SQLException {
        Where w = new Where().and("tenant_id = ?", f.tenantId()).andIf(f.idempotencyKey(), "reserve_key = ?");
        if (f.status() != null) {
            w.and(effectiveStatus(nowMs) + " = ?", f.status().name());
        }
        f.segments().forEach((kind, value) -> ScopeSql.segment(w, "scope_path", kind, value));
        w.andIf(f.createdFrom(), "created_at_ms >= ?").andIf(f.createdTo(), "created_at_ms <= ?")
                .andIf(f.expiresFrom(), "expires_at_ms >= ?").andIf(f.expiresTo(), "expires_at_ms <= ?")
                // finalized_at_ms is set by commit and release only, so ACTIVE and EXPIRED rows drop out here
                .andIf(f.finalizedFrom(), "finalized_at_ms >= ?").andIf(f.finalizedTo(), "finalized_at_ms <= ?");
        ScopeSql.allowedBy(w, "scope_path", f.scopeFilter());
        String metadata = withMetadata ? "metadata" : "NULL AS metadata";
        String committedMetadata = withCommittedMetadata ? "committed_metadata" : "NULL AS committed_metadata";
        String size = "LENGTH(subject) + LENGTH(action) + LENGTH(affected_scopes)"
                + (withMetadata ? " + COALESCE(LENGTH(metadata), 0)" : "")
                + (withCommittedMetadata ? " + COALESCE(LENGTH(committed_metadata), 0)" : "");
        return page.fetchBounded(c, LIST_COLUMNS + ", " + metadata + ", " + committedMetadata, "reservations", w, "reservation_id",
                size, ReservationStore::map, r -> switch (page.sort().name()) {
                    case "reservation_id" -> r.reservationId();
                    case "tenant" -> subjectTenant(r);
                    case "scope_path" -> r.scopePath();
                    case "status" -> r.effectiveStatus(nowMs).name();
                    case "reserved" -> r.estimate();
                    case "expires_at_ms" -> r.expiresAtMs();
                    default -> r.createdAtMs();
                }, StoredReservation::reservationId);
    }

    /** The status a reader sees, in SQL: the same rule as {@link StoredReservation#effectiveStatus}. */
    private static String effectiveStatus(long nowMs) {
        return "(CASE WHEN status = 'ACTIVE' AND expires_at_ms + grace_ms < " + nowMs + " THEN 'EXPIRED' ELSE status END)";
    }

    private static String subjectTenant(StoredReservation r) {
        String tenant = ReservationService.subject(r.subjectJson()).tenant();
        return tenant == null ? "" : tenant;
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
                rs.getString("release_key"), rs.getString("release_hash"), rs.getString("release_body"),
                rs.getString("ledger_ids"));
    }
}
