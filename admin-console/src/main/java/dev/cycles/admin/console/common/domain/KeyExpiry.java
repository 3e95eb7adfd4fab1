package dev.cycles.admin.console.common.domain;

import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;

import java.time.Duration;
import java.time.Instant;

/** "Expiring soon" for API keys: the keys list's filter and the overview's tile count the same keys. */
public final class KeyExpiry {
    /** How close an expiry counts as soon. */
    public static final Duration EXPIRING_SOON = Duration.ofDays(7);

    private KeyExpiry() {
    }

    /** Whether an ACTIVE key expires within {@link #EXPIRING_SOON} of {@code now}. */
    public static boolean expiresSoon(ApiKey k, Instant now) {
        return k.status() == ApiKeyStatus.ACTIVE && k.expiresAt() != null
                && !k.expiresAt().isAfter(now.plus(EXPIRING_SOON));
    }
}
