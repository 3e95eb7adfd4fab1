package dev.cycles.admin.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A tenant API key as every read returns it: never the secret, never its digest. */
public record ApiKey(
        String keyId,
        String tenantId,
        String keyPrefix,
        String name,
        String description,
        List<String> permissions,
        List<String> scopeFilter,
        ApiKeyStatus status,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt,
        String revokedReason,
        Map<String, Object> metadata) {
}
