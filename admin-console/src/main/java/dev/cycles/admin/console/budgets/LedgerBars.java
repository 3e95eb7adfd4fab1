package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetLedger;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.util.Locale;

/**
 * Reserved, spent and debt of a budget as bars against what bounds each: reserved and spent
 * against the allocation, debt against the overdraft limit (or the allocation when there is
 * none), so an operator sees at a glance where a budget's money sits.
 */
final class LedgerBars {
    private LedgerBars() {
    }

    /** Redraws {@code g} for {@code b}; empty when nothing is selected. */
    static void draw(GridPane g, BudgetLedger b) {
        g.getChildren().clear();
        if (b == null) {
            return;
        }
        long allocated = val(b.allocated());
        long overdraft = val(b.overdraftLimit());
        row(g, 0, "Reserved", b, val(b.reserved()), allocated, "of allocated", "bar-reserved");
        row(g, 1, "Spent", b, val(b.spent()), allocated, "of allocated", "bar-spent");
        row(g, 2, "Debt", b, val(b.debt()), overdraft > 0 ? overdraft : allocated,
                overdraft > 0 ? "of overdraft limit" : "of allocated", "bar-debt");
    }

    private static void row(GridPane g, int r, String name, BudgetLedger b, long value, long of, String ofWhat, String style) {
        double fraction = of <= 0 ? (value > 0 ? 1 : 0) : (double) value / of;
        Label l = new Label(name);
        l.getStyleClass().add("muted");
        l.setMinWidth(Label.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar(Math.min(1, fraction));
        bar.setId("bar-" + name.toLowerCase(Locale.ROOT));
        bar.getStyleClass().addAll("ledger-bar", style);
        // a fixed width: the detail pane is narrow at 1024 px and must not scroll sideways for a bar
        bar.setPrefWidth(240);
        bar.setMinWidth(120);
        String pct = of <= 0 ? "" : String.format(Locale.US, "%.1f%%", fraction * 100);
        Label v = new Label(Amounts.formatWithUnit(b.unit(), value) + (pct.isEmpty() ? "" : "  ·  " + pct));
        v.setMinWidth(Label.USE_PREF_SIZE);
        bar.setTooltip(new Tooltip(name + ": " + Amounts.formatWithUnit(b.unit(), value) + (pct.isEmpty() ? "" : ", " + pct + " " + ofWhat)));
        g.addRow(r, l, bar, v);
    }

    private static long val(Amount a) {
        return a == null || a.amount() == null ? 0 : a.amount();
    }
}
