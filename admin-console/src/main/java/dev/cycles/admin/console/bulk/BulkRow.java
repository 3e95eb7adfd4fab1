package dev.cycles.admin.console.bulk;

import dev.cycles.admin.model.UnitEnum;

/**
 * One row a bulk action will touch, as the preview shows it: the id the server reports outcomes by,
 * a readable label, its current state, the unit (budgets only) and the record it came from (used
 * when the action runs row by row on a selection).
 */
public record BulkRow(String id, String label, String state, UnitEnum unit, Object item) {
    /** "id — label (STATE)" for the preview list; a budget reads "scope (STATE · unit · remaining)", its ledger id says nothing to people. */
    public String line() {
        if (item instanceof dev.cycles.admin.model.BudgetLedger) {
            return label + (state == null ? "" : "   (" + state + ")");
        }
        String l = label == null || label.isBlank() || label.equals(id) ? "" : "  —  " + label;
        return id + l + (state == null ? "" : "   (" + state + ")");
    }
}
