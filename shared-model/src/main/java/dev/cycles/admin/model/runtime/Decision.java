package dev.cycles.admin.model.runtime;

/** The outcome of a reservation, dry run or decide. */
public enum Decision {
    ALLOW, ALLOW_WITH_CAPS, DENY
}
