package dev.cycles.admin.model;

import java.util.List;

public record AuditLogListResponse(List<AuditLogEntry> logs, String nextCursor, boolean hasMore) {
}
