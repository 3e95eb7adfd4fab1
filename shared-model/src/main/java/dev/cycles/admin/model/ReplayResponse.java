package dev.cycles.admin.model;

public record ReplayResponse(String replayId, long eventsQueued, long estimatedCompletionSeconds) {
}
