package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BulkActionRowOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a bulk dialog acts on: tenants, budgets or webhooks, either exact rows the operator
 * selected or everything the list's filter matches. The preview and the apply are blocking calls
 * the ViewModel runs off the UI thread.
 */
public interface BulkTarget {
    /** "1 selected tenant" / "3 selected tenants": how every target names a selection of rows. */
    static String selectedText(int count, String singular) {
        return count + " selected " + singular + (count == 1 ? "" : "s");
    }

    /** The server takes at most this many rows per bulk call (400 LIMIT_EXCEEDED above). */
    int MAX_ROWS = 500;

    /** What is sent: the action, its amount (budgets), the reason, the previewed count and the dialog's key. */
    record Request(String action, Amount amount, String reason, long expectedCount, String idempotencyKey, List<BulkRow> rows) {
    }

    /** Plural noun of the rows: "tenants". */
    String noun();

    /** What the rows are, in words: "2 selected tenants" or "all tenants with status ACTIVE". */
    String scopeText();

    /** The actions offered, as the server names them. */
    List<String> actions();

    /** Whether the action needs an amount (budget funding). */
    default boolean needsAmount(String action) {
        return false;
    }

    /** Whether the action takes a reason the server keeps in the audit log (funding, freeze). */
    default boolean hasReason(String action) {
        return needsAmount(action);
    }

    /** A line on what the action does, shown under the action box. */
    default String explain(String action) {
        return "";
    }

    /** Why the action cannot run at all (the server would refuse the filter), or "". */
    default String problem() {
        return "";
    }

    /** True for exact selected rows, false for the list's filter. */
    boolean selection();

    /** The rows the action will touch, as the server has them now; at most MAX_ROWS + 1 (to tell "too many"). */
    List<BulkRow> preview(AdminApi api);

    /** Runs the action; a filter-wide one in one bulk call gated by {@code expectedCount}. */
    BulkResult apply(AdminApi api, Request request);

    /** Runs {@code one} per row, collecting each row's outcome; a refusal fails that row only. */
    static BulkResult rowByRow(String title, List<BulkRow> rows, Function<BulkRow, String> one) {
        List<BulkActionRowOutcome> out = new ArrayList<>();
        for (BulkRow r : rows) {
            try {
                String skip = one.apply(r);
                out.add(skip == null ? BulkActionRowOutcome.succeeded(r.id()) : BulkActionRowOutcome.skipped(r.id(), skip));
            } catch (AdminApiException e) {
                out.add(BulkActionRowOutcome.failed(r.id(), e.code(), e.getMessage()));
            }
        }
        return BulkResult.ofRows(title, out);
    }

    /** Pages a list endpoint until its end or MAX_ROWS + 1 rows, whichever comes first. */
    static <T> List<T> pages(Function<String, dev.cycles.admin.console.common.Export.Page<T>> page) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        while (all.size() <= MAX_ROWS) {
            var p = page.apply(cursor);
            all.addAll(p.items());
            if (!p.hasMore() || p.nextCursor() == null) {
                break;
            }
            cursor = p.nextCursor();
        }
        return all.size() > MAX_ROWS + 1 ? List.copyOf(all.subList(0, MAX_ROWS + 1)) : all;
    }
}
