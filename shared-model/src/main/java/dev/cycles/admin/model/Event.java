package dev.cycles.admin.model;

import java.time.Instant;
import java.util.Map;

/**
 * One immutable record of a state change. {@code eventType} and {@code category} stay strings:
 * consumers ignore types they do not know (see {@link EventTypes}).
 */
public record Event(String eventId, String eventType, String category, Instant timestamp, String tenantId, String scope,
                    EventActor actor, String source, Map<String, Object> data, String correlationId, String requestId,
                    String traceId, Map<String, Object> metadata) {
}
