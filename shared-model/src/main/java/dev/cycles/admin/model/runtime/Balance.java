package dev.cycles.admin.model.runtime;

import dev.cycles.admin.model.Amount;

/**
 * One ledger as the runtime reports it. {@code scope} is the last segment ({@code agent:bot}),
 * {@code scopePath} the full path; all nine fields are always sent so that
 * remaining = allocated - spent - reserved - debt can be checked by the client.
 */
public record Balance(String scope, String scopePath, Amount remaining, Amount reserved, Amount spent, Amount debt,
                      Amount allocated, Amount overdraftLimit, Boolean isOverLimit) {
}
