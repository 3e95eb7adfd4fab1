package dev.cycles.admin.model.runtime;

import java.util.List;

/** The new, authoritative expiry of an extended reservation. */
public record ReservationExtendResponse(String status, Long expiresAtMs, Long remainingTtlMs, List<Balance> balances) {
}
