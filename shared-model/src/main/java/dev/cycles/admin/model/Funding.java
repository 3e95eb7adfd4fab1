package dev.cycles.admin.model;

/**
 * The funding operations' arithmetic, shared by the server (which applies it) and the console
 * (which previews it). All arithmetic is exact: a result outside int64 is an error, never a wrap.
 */
public final class Funding {

    /** Why an operation cannot be applied. */
    public enum Refusal { INSUFFICIENT_REMAINING, OVERFLOW, NEGATIVE_AMOUNT }

    /** Thrown when an operation would break a rule; {@link #refusal()} says which. */
    public static final class RefusedException extends RuntimeException {
        private final Refusal refusal;

        public RefusedException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private Funding() {
    }

    /**
     * The figures after {@code op}. {@code amount} and {@code spentOverride} are non-negative;
     * {@code spentOverride} only matters for RESET_SPENT (null means 0).
     * <ul>
     * <li>CREDIT: allocated + a (debt untouched: REPAY_DEBT is the debt channel)</li>
     * <li>DEBIT: allocated - a, refused when remaining would drop below zero</li>
     * <li>RESET: allocated := a (remaining may go negative when spent + reserved + debt exceed it)</li>
     * <li>RESET_SPENT: allocated := a and spent := s</li>
     * <li>REPAY_DEBT: debt - min(debt, a); any excess over the debt is credited to allocated</li>
     * </ul>
     */
    public static LedgerFigures apply(LedgerFigures f, FundingOperation op, long amount, Long spentOverride) {
        if (amount < 0 || spentOverride != null && spentOverride < 0) {
            throw new RefusedException(Refusal.NEGATIVE_AMOUNT, "amounts must not be negative");
        }
        try {
            LedgerFigures next = switch (op) {
                case CREDIT -> new LedgerFigures(Math.addExact(f.allocated(), amount), f.spent(), f.reserved(), f.debt(), f.overdraftLimit());
                case DEBIT -> {
                    long remaining = f.remaining();
                    if (amount > remaining) {
                        throw new RefusedException(Refusal.INSUFFICIENT_REMAINING, "DEBIT of " + amount
                                + " exceeds remaining " + remaining);
                    }
                    yield new LedgerFigures(Math.subtractExact(f.allocated(), amount), f.spent(), f.reserved(), f.debt(), f.overdraftLimit());
                }
                case RESET -> new LedgerFigures(amount, f.spent(), f.reserved(), f.debt(), f.overdraftLimit());
                case RESET_SPENT -> new LedgerFigures(amount, spentOverride == null ? 0 : spentOverride, f.reserved(), f.debt(), f.overdraftLimit());
                case REPAY_DEBT -> {
                    long repaid = Math.min(f.debt(), amount);
                    long excess = amount - repaid;
                    yield new LedgerFigures(Math.addExact(f.allocated(), excess), f.spent(), f.reserved(), f.debt() - repaid, f.overdraftLimit());
                }
            };
            next.remaining();
            return next;
        } catch (ArithmeticException e) {
            throw new RefusedException(Refusal.OVERFLOW, op + " of " + amount
                    + " would take the ledger outside the 64-bit integer range");
        }
    }
}
