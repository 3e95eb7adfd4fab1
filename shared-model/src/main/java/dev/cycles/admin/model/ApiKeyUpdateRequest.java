package dev.cycles.admin.model;

import java.util.List;
import java.util.Map;

public record ApiKeyUpdateRequest(
        String name,
        String description,
        List<String> permissions,
        List<String> scopeFilter,
        Map<String, Object> metadata) {
}
