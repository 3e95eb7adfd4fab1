package dev.cycles.admin.model;

import java.util.List;

public record AuthIntrospectResponse(
        boolean authenticated,
        String authType,
        List<String> permissions,
        Capabilities capabilities,
        String tenantId,
        List<String> scopeFilter) {
}
