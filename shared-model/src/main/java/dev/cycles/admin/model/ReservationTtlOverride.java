package dev.cycles.admin.model;

/** TTL governance of a policy: TTLs within 1000..86400000 ms, extensions at least 0. */
public record ReservationTtlOverride(Long defaultTtlMs, Long maxTtlMs, Long maxExtensions) {
}
