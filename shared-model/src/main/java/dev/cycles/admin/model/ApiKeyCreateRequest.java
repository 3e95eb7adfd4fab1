package dev.cycles.admin.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record ApiKeyCreateRequest(
        String tenantId,
        String name,
        String description,
        List<String> permissions,
        List<String> scopeFilter,
        Instant expiresAt,
        Map<String, Object> metadata) {
}
