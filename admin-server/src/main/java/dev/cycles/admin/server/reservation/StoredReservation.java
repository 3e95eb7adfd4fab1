package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.runtime.ReservationStatus;

import java.util.List;

/**
 * A reservations row. The settings (overage policy, grace, extension limit) were resolved once
 * at creation and are frozen here: later tenant or policy changes never reach an existing hold.
 * JSON columns are kept as text; only reads that return them parse them. {@code ledgerIdsJson} is
 * null on list rows, which never need it.
 */
public record StoredReservation(
        String reservationId, String tenantId, ReservationStatus status, UnitEnum unit, long estimate,
        String scopePath, String affectedScopesJson, String subjectJson, String actionJson, String metadataJson,
        CommitOveragePolicy overagePolicy, long createdAtMs, long expiresAtMs, long graceMs, int maxExtensions,
        int extensionCount, String reserveKey, Long committedAmount, Long finalizedAtMs, Long expiredAtMs,
        String commitKey, String commitHash, String commitBody, String committedMetadataJson,
        String releaseKey, String releaseHash, String releaseBody, String ledgerIdsJson) {

    /** The status a reader should see: an ACTIVE hold past its grace is EXPIRED even before the sweeper gets to it. */
    public ReservationStatus effectiveStatus(long nowMs) {
        return status == ReservationStatus.ACTIVE && nowMs > expiresAtMs + graceMs ? ReservationStatus.EXPIRED : status;
    }

    public long remainingTtl(long nowMs) {
        return status == ReservationStatus.ACTIVE ? Math.max(0, expiresAtMs - nowMs) : 0;
    }

    List<String> affectedScopes() {
        return ReservationStore.scopes(affectedScopesJson);
    }

    /** The ledgers the reservation holds, in the order they were held (top-down). */
    List<String> ledgerIds() {
        return ReservationStore.scopes(ledgerIdsJson);
    }
}
