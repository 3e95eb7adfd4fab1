package dev.cycles.admin.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FundingTest {
    private static final long MAX = Long.MAX_VALUE;

    /** allocated 1000, spent 200, reserved 100, debt 50, overdraft 0: remaining 650. */
    private static final LedgerFigures BASE = new LedgerFigures(1000, 200, 100, 50, 0);

    private static void invariant(LedgerFigures f) {
        assertEquals(f.allocated() - f.spent() - f.reserved() - f.debt(), f.remaining(), f.toString());
    }

    private static LedgerFigures apply(LedgerFigures f, FundingOperation op, long a, Long s) {
        LedgerFigures out = Funding.apply(f, op, a, s);
        invariant(out);
        return out;
    }

    @Test
    void baseFigures() {
        assertEquals(650, BASE.remaining());
        assertTrue(BASE.isOverLimit(), "debt 50 > overdraft 0");
    }

    @Test
    void creditAddsToAllocatedAndLeavesDebt() {
        LedgerFigures f = apply(BASE, FundingOperation.CREDIT, 300, null);
        assertEquals(new LedgerFigures(1300, 200, 100, 50, 0), f);
        assertEquals(950, f.remaining());
    }

    @Test
    void creditZeroChangesNothing() {
        assertEquals(BASE, apply(BASE, FundingOperation.CREDIT, 0, null));
    }

    @Test
    void debitSubtracts() {
        LedgerFigures f = apply(BASE, FundingOperation.DEBIT, 150, null);
        assertEquals(new LedgerFigures(850, 200, 100, 50, 0), f);
        assertEquals(500, f.remaining());
    }

    @Test
    void debitToExactlyZero() {
        LedgerFigures f = apply(BASE, FundingOperation.DEBIT, 650, null);
        assertEquals(0, f.remaining());
        assertEquals(350, f.allocated());
    }

    @Test
    void debitBeyondRemainingIsRefused() {
        Funding.RefusedException e = assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(BASE, FundingOperation.DEBIT, 651, null));
        assertEquals(Funding.Refusal.INSUFFICIENT_REMAINING, e.refusal());
        LedgerFigures empty = new LedgerFigures(10, 10, 0, 0, 0);
        assertEquals(Funding.Refusal.INSUFFICIENT_REMAINING, assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(empty, FundingOperation.DEBIT, 1, null)).refusal());
    }

    @Test
    void debitOnNegativeRemainingIsRefusedEvenForZero() {
        LedgerFigures negative = new LedgerFigures(100, 150, 0, 0, 0);
        assertEquals(-50, negative.remaining());
        assertThrows(Funding.RefusedException.class, () -> Funding.apply(negative, FundingOperation.DEBIT, 0, null));
    }

    @Test
    void resetSetsAllocatedAndKeepsTheRest() {
        LedgerFigures f = apply(BASE, FundingOperation.RESET, 5000, null);
        assertEquals(new LedgerFigures(5000, 200, 100, 50, 0), f);
        assertEquals(4650, f.remaining());
    }

    @Test
    void resetBelowSpentGivesNegativeRemaining() {
        LedgerFigures f = apply(BASE, FundingOperation.RESET, 100, null);
        assertEquals(new LedgerFigures(100, 200, 100, 50, 0), f);
        assertEquals(-250, f.remaining());
    }

    @Test
    void resetSpentSetsBoth() {
        LedgerFigures f = apply(BASE, FundingOperation.RESET_SPENT, 2000, 30L);
        assertEquals(new LedgerFigures(2000, 30, 100, 50, 0), f);
        assertEquals(1820, f.remaining());
    }

    @Test
    void resetSpentDefaultsSpentToZero() {
        LedgerFigures f = apply(BASE, FundingOperation.RESET_SPENT, 400, null);
        assertEquals(new LedgerFigures(400, 0, 100, 50, 0), f);
        assertEquals(250, f.remaining());
    }

    @Test
    void resetSpentMayLeaveRemainingNegative() {
        LedgerFigures f = apply(BASE, FundingOperation.RESET_SPENT, 10, 500L);
        assertEquals(10 - 500 - 100 - 50, f.remaining());
    }

    @Test
    void repayDebtSmallerThanDebt() {
        LedgerFigures f = apply(BASE, FundingOperation.REPAY_DEBT, 20, null);
        assertEquals(new LedgerFigures(1000, 200, 100, 30, 0), f);
        assertEquals(670, f.remaining());
        assertTrue(f.isOverLimit());
    }

    @Test
    void repayDebtExactlyTheDebt() {
        LedgerFigures f = apply(BASE, FundingOperation.REPAY_DEBT, 50, null);
        assertEquals(new LedgerFigures(1000, 200, 100, 0, 0), f);
        assertFalse(f.isOverLimit());
    }

    @Test
    void repayDebtLargerThanDebtCreditsTheExcess() {
        LedgerFigures f = apply(BASE, FundingOperation.REPAY_DEBT, 80, null);
        assertEquals(new LedgerFigures(1030, 200, 100, 0, 0), f);
        assertEquals(650 + 80, f.remaining());
    }

    @Test
    void repayDebtWithNoDebtIsACredit() {
        LedgerFigures noDebt = new LedgerFigures(10, 0, 0, 0, 0);
        assertEquals(new LedgerFigures(15, 0, 0, 0, 0), apply(noDebt, FundingOperation.REPAY_DEBT, 5, null));
    }

    @Test
    void overLimitIsDebtAboveOverdraft() {
        assertFalse(new LedgerFigures(0, 0, 0, 10, 10).isOverLimit());
        assertTrue(new LedgerFigures(0, 0, 0, 11, 10).isOverLimit());
        assertFalse(new LedgerFigures(0, 0, 0, 0, 0).isOverLimit());
    }

    @Test
    void negativeAmountsAreRefused() {
        for (FundingOperation op : FundingOperation.values()) {
            Funding.RefusedException e = assertThrows(Funding.RefusedException.class, () -> Funding.apply(BASE, op, -1, null), op.name());
            assertEquals(Funding.Refusal.NEGATIVE_AMOUNT, e.refusal());
        }
        assertEquals(Funding.Refusal.NEGATIVE_AMOUNT, assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(BASE, FundingOperation.RESET_SPENT, 1, -1L)).refusal());
    }

    @Test
    void creditOverflowIsRefused() {
        LedgerFigures full = new LedgerFigures(MAX, 0, 0, 0, 0);
        assertEquals(Funding.Refusal.OVERFLOW, assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(full, FundingOperation.CREDIT, 1, null)).refusal());
        assertEquals(Funding.Refusal.OVERFLOW, assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(new LedgerFigures(1, 0, 0, 0, 0), FundingOperation.CREDIT, MAX, null)).refusal());
        // up to the edge is fine
        LedgerFigures edge = apply(new LedgerFigures(MAX - 1, 0, 0, 0, 0), FundingOperation.CREDIT, 1, null);
        assertEquals(MAX, edge.allocated());
        assertEquals(MAX, edge.remaining());
    }

    @Test
    void repayDebtExcessOverflowIsRefused() {
        LedgerFigures f = new LedgerFigures(MAX, 0, 0, 5, 0);
        assertEquals(Funding.Refusal.OVERFLOW, assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(f, FundingOperation.REPAY_DEBT, 6, null)).refusal());
        LedgerFigures repaid = apply(f, FundingOperation.REPAY_DEBT, 5, null);
        assertEquals(0, repaid.debt());
        assertEquals(MAX, repaid.remaining());
    }

    @Test
    void resultWhoseRemainingLeavesInt64IsRefused() {
        // RESET to 0 with spent Long.MAX and debt 2: remaining = -MAX - 2 underflows
        LedgerFigures f = new LedgerFigures(MAX, MAX, 0, 2, 0);
        assertEquals(Funding.Refusal.OVERFLOW, assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(f, FundingOperation.RESET, 0, null)).refusal());
        assertEquals(Funding.Refusal.OVERFLOW, assertThrows(Funding.RefusedException.class,
                () -> Funding.apply(new LedgerFigures(0, 0, 1, 1, 0), FundingOperation.RESET_SPENT, 0, MAX)).refusal());
    }

    @Test
    void remainingThrowsOutsideInt64() {
        assertThrows(ArithmeticException.class, () -> new LedgerFigures(-2, MAX, 0, 0, 0).remaining());
    }
}
