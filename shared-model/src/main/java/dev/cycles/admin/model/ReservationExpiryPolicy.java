package dev.cycles.admin.model;

public enum ReservationExpiryPolicy {
    AUTO_RELEASE, MANUAL_CLEANUP, GRACE_ONLY
}
