package dev.cycles.admin.model.runtime;

/** Where a reservation is in its life: ACTIVE holds budget; the other three are terminal. */
public enum ReservationStatus {
    ACTIVE, COMMITTED, RELEASED, EXPIRED
}
