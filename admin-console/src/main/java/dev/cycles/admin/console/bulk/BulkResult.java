package dev.cycles.admin.console.bulk;

import dev.cycles.admin.model.BudgetBulkActionResponse;
import dev.cycles.admin.model.BulkActionRowOutcome;
import dev.cycles.admin.model.TenantBulkActionResponse;
import dev.cycles.admin.model.WebhookBulkActionResponse;

import java.util.List;

/** What a bulk action did, row by row: the same three lists for every kind of bulk action. */
public record BulkResult(String title, long totalMatched, List<BulkActionRowOutcome> succeeded,
                         List<BulkActionRowOutcome> failed, List<BulkActionRowOutcome> skipped) {

    public static BulkResult of(String title, TenantBulkActionResponse r) {
        return new BulkResult(title, r.totalMatched(), nn(r.succeeded()), nn(r.failed()), nn(r.skipped()));
    }

    public static BulkResult of(String title, BudgetBulkActionResponse r) {
        return new BulkResult(title, r.totalMatched(), nn(r.succeeded()), nn(r.failed()), nn(r.skipped()));
    }

    public static BulkResult of(String title, WebhookBulkActionResponse r) {
        return new BulkResult(title, r.totalMatched(), nn(r.succeeded()), nn(r.failed()), nn(r.skipped()));
    }

    /** Collects per-row outcomes of an action the console ran row by row (a selection, an emergency freeze). */
    public static BulkResult ofRows(String title, List<BulkActionRowOutcome> rows) {
        return new BulkResult(title, rows.size(),
                rows.stream().filter(r -> r.errorCode() == null && r.reason() == null).toList(),
                rows.stream().filter(r -> r.errorCode() != null).toList(),
                rows.stream().filter(r -> r.errorCode() == null && r.reason() != null).toList());
    }

    /** "2 succeeded, 1 failed, 0 skipped of 3". */
    public String summary() {
        return succeeded.size() + " succeeded, " + failed.size() + " failed, " + skipped.size() + " skipped of " + totalMatched;
    }

    private static List<BulkActionRowOutcome> nn(List<BulkActionRowOutcome> l) {
        return l == null ? List.of() : l;
    }
}
