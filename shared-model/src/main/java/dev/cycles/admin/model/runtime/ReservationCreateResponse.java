package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.Caps;

import java.util.List;

/** The answer to a reservation: a live ALLOW carries the id and expiry; a dry-run DENY carries the reason. */
public record ReservationCreateResponse(Decision decision, String reservationId, Amount reserved, Long expiresAtMs,
                                        Long remainingTtlMs, String scopePath, List<String> affectedScopes, Caps caps,
                                        List<Balance> balances, String reasonCode, Long retryAfterMs) {

    public ReservationCreateResponse withRemainingTtlMs(Long ttl) {
        return new ReservationCreateResponse(decision, reservationId, reserved, expiresAtMs, ttl, scopePath, affectedScopes,
                caps, balances, reasonCode, retryAfterMs);
    }
}
