package dev.cycles.admin.model;

import java.util.List;

public record ApiKeyListResponse(List<ApiKey> keys, String nextCursor, boolean hasMore) {
}
