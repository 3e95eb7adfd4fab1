package dev.cycles.admin.server.event;

import java.time.Instant;
import java.util.List;

/**
 * What an event list is narrowed to; null or empty means "any". {@code tenantAccessibleOnly}
 * keeps budget.*, reservation.* and tenant.* (a tenant key's view).
 */
public record EventFilter(String tenantId, List<String> eventTypes, List<String> categories, String scopePrefix,
                          String correlationId, String traceId, String requestId, Instant from, Instant to,
                          String search, boolean tenantAccessibleOnly) {
}
