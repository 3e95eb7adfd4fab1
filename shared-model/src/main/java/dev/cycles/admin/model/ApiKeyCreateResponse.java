package dev.cycles.admin.model;

import java.time.Instant;
import java.util.List;

/** The only response that ever carries {@code key_secret}. */
public record ApiKeyCreateResponse(
        String keyId,
        String keySecret,
        String keyPrefix,
        String tenantId,
        List<String> permissions,
        Instant createdAt,
        Instant expiresAt) {
}
