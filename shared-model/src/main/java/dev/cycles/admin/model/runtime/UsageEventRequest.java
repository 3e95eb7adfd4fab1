package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.CommitOveragePolicy;

import java.util.Map;

/**
 * POST /v1/events (the spec's EventCreateRequest): charge {@code actual} directly, without a
 * reservation. Named for what it is, a usage charge, to keep it apart from the governance
 * {@link dev.cycles.admin.model.Event} stream.
 */
public record UsageEventRequest(String idempotencyKey, Subject subject, Action action, Amount actual,
                                CommitOveragePolicy overagePolicy, StandardMetrics metrics, Long clientTimeMs,
                                Map<String, Object> metadata) {
}
