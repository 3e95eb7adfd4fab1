package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.runtime.StandardMetrics;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;

/** The rules of StandardMetrics: counts are not negative, the model version is short, custom is bounded like metadata. */
public final class Metrics {
    private Metrics() {
    }

    public static void check(StandardMetrics m) {
        if (m == null) {
            return;
        }
        nonNegative(m.tokensInput(), "metrics.tokens_input");
        nonNegative(m.tokensOutput(), "metrics.tokens_output");
        nonNegative(m.latencyMs(), "metrics.latency_ms");
        Check.maxLength(m.modelVersion(), 128, "metrics.model_version");
        Check.metadata(m.custom(), "metrics.custom");
    }

    private static void nonNegative(Long v, String field) {
        if (v != null && v < 0) {
            throw ApiException.badRequest("Field '" + field + "' must not be negative");
        }
    }
}
