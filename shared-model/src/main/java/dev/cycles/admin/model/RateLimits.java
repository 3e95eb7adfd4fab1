package dev.cycles.admin.model;

/** Per-scope request rate limits of a policy; each at least 1 when given. */
public record RateLimits(Long maxReservationsPerMinute, Long maxCommitsPerMinute) {
}
