package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;

import java.util.List;

/** A released reservation; {@code released} is the full hold. */
public record ReleaseResponse(String status, Amount released, List<Balance> balances) {
}
