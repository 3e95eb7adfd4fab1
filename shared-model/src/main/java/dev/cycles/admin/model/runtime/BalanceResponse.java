package dev.cycles.admin.model.runtime;

import java.util.List;

/** One page of GET /v1/balances on the runtime plane. */
public record BalanceResponse(List<Balance> balances, String nextCursor, Boolean hasMore) {
}
