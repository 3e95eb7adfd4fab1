package dev.cycles.admin.model;

import java.util.List;

public record EventListResponse(List<Event> events, String nextCursor, boolean hasMore) {
}
