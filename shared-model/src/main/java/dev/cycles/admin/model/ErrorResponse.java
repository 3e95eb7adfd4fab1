package dev.cycles.admin.model;

import java.util.Map;

public record ErrorResponse(String error, String message, String requestId, String traceId,
                            Map<String, Object> details) {
}
