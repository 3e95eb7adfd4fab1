package dev.cycles.admin.model.runtime;

import java.util.List;

/** One page of reservations. */
public record ReservationListResponse(List<Reservation> reservations, String nextCursor, Boolean hasMore) {
}
