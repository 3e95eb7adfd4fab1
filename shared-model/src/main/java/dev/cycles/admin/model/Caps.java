package dev.cycles.admin.model;

import java.util.List;

/** Soft-landing constraints of a policy (strict on the wire). */
public record Caps(Long maxTokens, Long maxStepsRemaining, List<String> toolAllowlist, List<String> toolDenylist,
                   Long cooldownMs) {
}
