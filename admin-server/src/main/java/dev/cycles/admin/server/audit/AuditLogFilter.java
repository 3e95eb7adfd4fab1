package dev.cycles.admin.server.audit;

import java.time.Instant;
import java.util.List;

/** Every filter of listAuditLogs; null or empty means "any". */
public record AuditLogFilter(String tenantId, String keyId, List<String> operations, List<String> resourceTypes,
                     String resourceId, Integer status, Integer statusMin, Integer statusMax,
                     List<String> errorCodes, List<String> errorCodesExcluded, Instant from, Instant to,
                     String traceId, String requestId, String search) {
}
