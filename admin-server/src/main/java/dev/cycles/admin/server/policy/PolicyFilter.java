package dev.cycles.admin.server.policy;

import dev.cycles.admin.model.PolicyStatus;

/** What a list of policies is narrowed to; null means "any". */
record PolicyFilter(String tenantId, String scopePattern, PolicyStatus status) {
}
