package dev.cycles.admin.server.bulk;

import dev.cycles.admin.model.BulkActionRowOutcome;

import java.util.List;

/** What a bulk action did: how many rows matched and each row's outcome, in the order they were applied. */
public record BulkOutcome(long totalMatched, List<BulkActionRowOutcome> succeeded, List<BulkActionRowOutcome> failed,
                          List<BulkActionRowOutcome> skipped) {
}
