package dev.cycles.admin.server.apikey;

import dev.cycles.admin.model.ApiKeyStatus;

/** What a list of apikey rows is narrowed to; null means "any". */
public record ApiKeyFilter(String tenantId, ApiKeyStatus status, String search) {
}
