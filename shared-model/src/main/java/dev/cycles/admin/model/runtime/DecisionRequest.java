package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;

import java.util.Map;

/** POST /v1/decide: would {@code estimate} be allowed now? Holds nothing. */
public record DecisionRequest(String idempotencyKey, Subject subject, Action action, Amount estimate,
                              Map<String, Object> metadata) {
}
