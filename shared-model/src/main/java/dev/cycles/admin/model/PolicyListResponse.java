package dev.cycles.admin.model;

import java.util.List;

public record PolicyListResponse(List<Policy> policies, String nextCursor, boolean hasMore) {
}
