package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.LedgerFigures;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.Fakes;
import org.junit.jupiter.api.Test;

import java.util.Map;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fund preview math for every operation, without the FX thread or a server. */
class FundViewModelTest {
    private static final UnitEnum T = UnitEnum.TOKENS;

    /** allocated 1000, spent 300, reserved 100, debt 50 -> remaining 550. */
    static BudgetLedger ledger() {
        return ledger(BudgetStatus.ACTIVE);
    }

    static BudgetLedger ledger(BudgetStatus status) {
        return new BudgetLedger("l1", "acme", "tenant:acme", "tenant:acme", T, Amount.of(T, 1000), Amount.of(T, 550),
                Amount.of(T, 100), Amount.of(T, 300), Amount.of(T, 50), Amount.of(T, 0), true, null,
                status, null, null, null, Instant.EPOCH, Instant.EPOCH);
    }

    private static FundViewModel vm(FundingOperation op, String amount) {
        FundViewModel vm = new FundViewModel(Ctx.direct(new Session()), ledger());
        vm.operationProperty().set(op);
        vm.amountProperty().set(amount);
        return vm;
    }

    @Test
    void creditAddsToAllocatedAndRemainingOnly() {
        FundViewModel vm = vm(FundingOperation.CREDIT, "1,000");
        LedgerFigures after = vm.afterProperty().get();
        assertEquals(2000, after.allocated());
        assertEquals(1550, after.remaining());
        assertEquals(50, after.debt());
        assertEquals(300, after.spent());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void debitShrinksAndIsRefusedBelowZero() {
        FundViewModel ok = vm(FundingOperation.DEBIT, "550");
        assertEquals(450, ok.afterProperty().get().allocated());
        assertEquals(0, ok.afterProperty().get().remaining());
        FundViewModel tooMuch = vm(FundingOperation.DEBIT, "551");
        assertNull(tooMuch.afterProperty().get());
        assertTrue(tooMuch.problemProperty().get().contains("exceeds the remaining 550"), tooMuch.problemProperty().get());
        assertTrue(!tooMuch.validProperty().get());
    }

    @Test
    void resetSetsAllocatedAndMayGoNegative() {
        FundViewModel vm = vm(FundingOperation.RESET, "200");
        assertEquals(200, vm.afterProperty().get().allocated());
        assertEquals(200 - 300 - 100 - 50, vm.afterProperty().get().remaining());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void resetSpentPrefillsAllocatedAndAppliesSpentOverride() {
        FundViewModel vm = new FundViewModel(Ctx.direct(new Session()), ledger());
        vm.operationProperty().set(FundingOperation.RESET_SPENT);
        assertEquals("1,000", vm.amountProperty().get());
        LedgerFigures blank = vm.afterProperty().get();
        assertEquals(1000, blank.allocated());
        assertEquals(0, blank.spent());
        assertEquals(1000 - 0 - 100 - 50, blank.remaining());
        vm.spentProperty().set("25");
        assertEquals(25, vm.afterProperty().get().spent());
        assertEquals(825, vm.afterProperty().get().remaining());
        vm.amountProperty().set("0");
        assertEquals("", vm.problemProperty().get(), "RESET_SPENT accepts a zero allocation");
        assertEquals(25, vm.request().spent().amount());
    }

    @Test
    void repayDebtReducesDebtAndCreditsTheExcess() {
        FundViewModel part = vm(FundingOperation.REPAY_DEBT, "20");
        assertEquals(30, part.afterProperty().get().debt());
        assertEquals(1000, part.afterProperty().get().allocated());
        assertEquals(570, part.afterProperty().get().remaining());
        FundViewModel excess = vm(FundingOperation.REPAY_DEBT, "80");
        assertEquals(0, excess.afterProperty().get().debt());
        assertEquals(1030, excess.afterProperty().get().allocated());
        assertEquals(630, excess.afterProperty().get().remaining());
    }

    @Test
    void amountsMustBePositiveAndNumeric() {
        assertEquals("Amount must be greater than zero", vm(FundingOperation.CREDIT, "0").problemProperty().get());
        assertTrue(vm(FundingOperation.CREDIT, "1.5").problemProperty().get().startsWith("Amount:"));
        assertEquals("Enter an amount", vm(FundingOperation.CREDIT, "").problemProperty().get());
    }

    @Test
    void requestCarriesUnitReasonDefaultAndIdempotencyKey() {
        FundViewModel vm = vm(FundingOperation.CREDIT, "5");
        var r = vm.request();
        assertEquals(Amount.of(T, 5), r.amount());
        assertEquals("CREDIT via admin console", r.reason());
        assertTrue(r.idempotencyKey().startsWith("console-"));
        assertNull(r.spent());
        assertEquals(r.idempotencyKey(), vm.request().idempotencyKey(), "a retry of the same dialog reuses its key");
    }

    @Test
    void usdAmountsAreTypedInDollars() {
        BudgetLedger usd = new BudgetLedger("l2", "acme", "tenant:acme", "tenant:acme", UnitEnum.USD_MICROCENTS,
                Amount.of(UnitEnum.USD_MICROCENTS, 100_000_000L), Amount.of(UnitEnum.USD_MICROCENTS, 100_000_000L),
                Amount.of(UnitEnum.USD_MICROCENTS, 0), Amount.of(UnitEnum.USD_MICROCENTS, 0), Amount.of(UnitEnum.USD_MICROCENTS, 0),
                Amount.of(UnitEnum.USD_MICROCENTS, 0), false, null, BudgetStatus.ACTIVE, null, null, null, Instant.EPOCH, Instant.EPOCH);
        FundViewModel vm = new FundViewModel(Ctx.direct(new Session()), usd);
        vm.amountProperty().set("2.50");
        assertEquals(350_000_000L, vm.afterProperty().get().allocated());
    }

    @Test
    void predictedRefusalsDisableApplyAndSayWhy() {
        FundViewModel debit = vm(FundingOperation.DEBIT, "551");
        assertEquals("A debit of 551 tokens exceeds the remaining 550 tokens; the server would refuse it", debit.problemProperty().get());
        assertFalse(debit.validProperty().get());

        FundViewModel overflow = vm(FundingOperation.CREDIT, "9,223,372,036,854,775,000");
        assertFalse(overflow.validProperty().get());
        assertTrue(overflow.problemProperty().get().startsWith("The result would be outside the 64-bit range"), overflow.problemProperty().get());
        assertTrue(overflow.problemProperty().get().contains("9,223,372,036,854,775,807 tokens at most"), overflow.problemProperty().get());

        for (BudgetStatus st : new BudgetStatus[] {BudgetStatus.FROZEN, BudgetStatus.CLOSED}) {
            FundViewModel vm = new FundViewModel(Ctx.direct(new Session()), ledger(st));
            vm.amountProperty().set("10");
            assertFalse(vm.validProperty().get(), st + " cannot be funded");
            assertTrue(vm.problemProperty().get().startsWith("The budget is " + st), vm.problemProperty().get());
        }
        assertTrue(vm(FundingOperation.CREDIT, "10").validProperty().get(), "an allowed operation can be applied");
    }

    @Test
    void aPredictedRefusalIsNeverSentAndAServerRefusalShowsFormattedAmounts() {
        Fakes never = new Fakes(Map.of());
        Session s = new Session();
        s.connect(never.admin(), never.runtime(), "fake", "#000");
        FundViewModel blocked = new FundViewModel(Ctx.direct(s), ledger());
        blocked.operationProperty().set(FundingOperation.DEBIT);
        blocked.amountProperty().set("551");
        blocked.submit(r -> { throw new AssertionError("not sent"); });
        assertTrue(never.calls().isEmpty(), "Enter on a refused preview sends nothing");

        Fakes refusing = new Fakes(Map.of("fundBudget", a -> {
            throw new AdminApiException(409, "BUDGET_EXCEEDED", "DEBIT of 500 exceeds remaining 20", "req-9");
        }));
        Session s2 = new Session();
        s2.connect(refusing.admin(), refusing.runtime(), "fake", "#000");
        Ctx ctx = Ctx.direct(s2);
        FundViewModel stale = new FundViewModel(ctx, ledger());
        stale.operationProperty().set(FundingOperation.DEBIT);
        stale.amountProperty().set("500");
        stale.submit(r -> { throw new AssertionError("refused"); });
        assertEquals(1, refusing.calls().size());
        assertEquals("BUDGET_EXCEEDED: DEBIT of 500 tokens exceeds remaining 20 tokens", stale.serverErrorProperty().get());
        assertEquals("Server said: DEBIT of 500 exceeds remaining 20", stale.serverErrorRawProperty().get());
        assertEquals("DEBIT 500 on tenant:acme failed: DEBIT of 500 tokens exceeds remaining 20 tokens", ctx.status().errorMessageProperty().get());
        assertTrue(ctx.status().errorText().contains("[server: DEBIT of 500 exceeds remaining 20]"), ctx.status().errorText());
    }
}
