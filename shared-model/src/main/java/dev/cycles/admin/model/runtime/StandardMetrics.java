package dev.cycles.admin.model.runtime;

import java.util.Map;

/** Optional usage figures sent with a commit or an event. */
public record StandardMetrics(Long tokensInput, Long tokensOutput, Long latencyMs, String modelVersion,
                              Map<String, Object> custom) {
}
