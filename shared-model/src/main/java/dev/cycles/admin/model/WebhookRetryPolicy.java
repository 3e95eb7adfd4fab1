package dev.cycles.admin.model;

/**
 * How a failed delivery is retried (spec defaults: 5 retries, 1 s, x2, at most 60 s). Delay before
 * retry n (1-based) = min(initial_delay_ms * backoff_multiplier^(n-1), max_delay_ms).
 */
public record WebhookRetryPolicy(Integer maxRetries, Long initialDelayMs, Double backoffMultiplier, Long maxDelayMs) {
    public static final WebhookRetryPolicy DEFAULTS = new WebhookRetryPolicy(5, 1000L, 2.0, 60_000L);

    /** This policy with every absent field taken from {@link #DEFAULTS}. */
    public WebhookRetryPolicy withDefaults() {
        return new WebhookRetryPolicy(maxRetries == null ? DEFAULTS.maxRetries : maxRetries,
                initialDelayMs == null ? DEFAULTS.initialDelayMs : initialDelayMs,
                backoffMultiplier == null ? DEFAULTS.backoffMultiplier : backoffMultiplier,
                maxDelayMs == null ? DEFAULTS.maxDelayMs : maxDelayMs);
    }

    /** Milliseconds to wait before retry {@code n} (1 = the first retry) of a complete policy. */
    public long delayBeforeRetry(int n) {
        double d = initialDelayMs * Math.pow(backoffMultiplier, Math.max(0, n - 1));
        return (long) Math.min(d, (double) maxDelayMs);
    }
}
