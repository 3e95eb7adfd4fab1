package dev.cycles.admin.console.common.domain;

import dev.cycles.admin.model.Policy;

/** A policy with the tenant that owns it (the wire Policy carries no tenant_id; the list query does). */
public record PolicyRow(String tenantId, Policy policy) {
}
