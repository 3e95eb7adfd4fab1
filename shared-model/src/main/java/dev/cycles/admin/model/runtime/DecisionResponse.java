package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Caps;

import java.util.List;

/** The answer to decide: budget conditions are a DENY with a reason, never an error. */
public record DecisionResponse(Decision decision, Caps caps, String reasonCode, Long retryAfterMs,
                               List<String> affectedScopes) {
}
