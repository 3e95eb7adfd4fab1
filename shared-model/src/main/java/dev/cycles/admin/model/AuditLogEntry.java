package dev.cycles.admin.model;

import java.time.Instant;
import java.util.Map;

public record AuditLogEntry(
        String logId,
        Instant timestamp,
        String tenantId,
        String keyId,
        String userAgent,
        String sourceIp,
        String operation,
        String resourceType,
        String resourceId,
        String requestId,
        String traceId,
        Integer status,
        String errorCode,
        Map<String, Object> metadata) {
}
