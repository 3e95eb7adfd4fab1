package dev.cycles.admin.console.common.domain;

import dev.cycles.admin.model.FundingOperation;

/** The one-line explanation of each funding operation (the Fund dialog and the bulk fund preview). */
public final class FundingText {
    private FundingText() {
    }

    /** What each operation does, in one line. */
    public static String explain(FundingOperation op) {
        return switch (op) {
            case CREDIT -> "Credit: add funds. Allocated and remaining grow by the amount; debt is untouched.";
            case DEBIT -> "Debit: remove funds. Allocated and remaining shrink; refused if remaining would drop below zero.";
            case RESET -> "Reset: set allocated to exactly this amount; spent, reserved and debt stay.";
            case RESET_SPENT -> "Reset spent: billing-period rollover. Allocated for the new period, spent set to the override (blank = 0).";
            case REPAY_DEBT -> "Repay debt: reduce debt by the amount; anything beyond the debt is credited.";
        };
    }
}
