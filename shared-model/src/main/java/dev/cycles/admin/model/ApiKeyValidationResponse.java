package dev.cycles.admin.model;

import java.time.Instant;
import java.util.List;

public record ApiKeyValidationResponse(
        boolean valid,
        String tenantId,
        String keyId,
        List<String> permissions,
        List<String> scopeFilter,
        Instant expiresAt,
        String reason) {
}
