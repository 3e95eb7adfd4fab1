package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;

import java.util.List;

/** 201 for POST /v1/events (EventCreateResponse); {@code charged} only when capped below the actual. */
public record UsageEventResponse(String status, String eventId, Amount charged, List<Balance> balances) {
}
