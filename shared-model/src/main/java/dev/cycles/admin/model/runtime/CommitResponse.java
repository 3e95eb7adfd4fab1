package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;

import java.util.List;

/** A settled reservation: {@code charged} may be less than the actual under ALLOW_IF_AVAILABLE; {@code released} is the unused hold. */
public record CommitResponse(String status, Amount charged, Amount released, List<Balance> balances) {
}
