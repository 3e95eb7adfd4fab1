package dev.cycles.admin.model;

/**
 * The balance figures of one ledger. {@link #remaining()} is derived, so
 * {@code remaining = allocated - spent - reserved - debt} always holds.
 */
public record LedgerFigures(long allocated, long spent, long reserved, long debt, long overdraftLimit) {

    /** Throws ArithmeticException when the result leaves the int64 range. */
    public long remaining() {
        return Math.subtractExact(Math.subtractExact(Math.subtractExact(allocated, spent), reserved), debt);
    }

    public boolean isOverLimit() {
        return debt > overdraftLimit;
    }

    public static LedgerFigures of(BudgetLedger l) {
        return new LedgerFigures(l.allocated().amount(), value(l.spent()), value(l.reserved()), value(l.debt()),
                value(l.overdraftLimit()));
    }

    private static long value(Amount a) {
        return a == null || a.amount() == null ? 0 : a.amount();
    }
}
