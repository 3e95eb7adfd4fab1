package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetFundingResponse;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.Funding;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.LedgerFigures;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Fund dialog: operation, amount, spent override (RESET_SPENT), reason; previews the balances after
 * the operation with the same arithmetic the server applies. When the preview predicts that the
 * server would refuse (a debit below zero, a result outside int64, a FROZEN or CLOSED budget),
 * {@link #problemProperty()} says why and Apply stays disabled: there is nothing to try.
 */
public final class FundViewModel {

    private final Ctx ctx;
    private final BudgetLedger ledger;
    private final LedgerFigures before;
    private final ObjectProperty<FundingOperation> operation = new SimpleObjectProperty<>(FundingOperation.CREDIT);
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty spent = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty serverError = new SimpleStringProperty("");
    private final StringProperty serverErrorRaw = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final ObjectBinding<LedgerFigures> after;
    private final StringBinding problem;
    private final BooleanBinding valid;
    private final String idempotencyKey = "console-" + UUID.randomUUID();

    public FundViewModel(Ctx ctx, BudgetLedger ledger) {
        this.ctx = ctx;
        this.ledger = ledger;
        this.before = LedgerFigures.of(ledger);
        operation.addListener((o, a, op) -> {
            if (op == FundingOperation.RESET_SPENT) {
                amount.set(Amounts.format(unit(), before.allocated()).replace("$", ""));
            }
            if (op != FundingOperation.RESET_SPENT) {
                spent.set("");
            }
        });
        after = Bindings.createObjectBinding(this::compute, operation, amount, spent);
        problem = Bindings.createStringBinding(this::check, operation, amount, spent, reason);
        valid = Bindings.createBooleanBinding(() -> check().isEmpty(), operation, amount, spent, reason);
    }

    public UnitEnum unit() {
        return ledger.unit();
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    public LedgerFigures before() {
        return before;
    }

    /** The figures after the operation, or null when the input is not valid. */
    LedgerFigures compute() {
        try {
            long a = Amounts.parse(unit(), amount.get());
            return Funding.apply(before, operation.get(), a, spentOverride());
        } catch (IllegalArgumentException | Funding.RefusedException e) {
            return null;
        }
    }

    private Long spentOverride() {
        if (operation.get() != FundingOperation.RESET_SPENT || spent.get() == null || spent.get().isBlank()) {
            return null;
        }
        return Amounts.parse(unit(), spent.get());
    }

    String check() {
        if (ledger.status() == dev.cycles.admin.model.BudgetStatus.FROZEN) {
            return "The budget is FROZEN: the server refuses funding until it is unfrozen";
        }
        if (ledger.status() == dev.cycles.admin.model.BudgetStatus.CLOSED) {
            return "The budget is CLOSED: a closed budget cannot be funded";
        }
        long a;
        try {
            a = Amounts.parse(unit(), amount.get());
        } catch (IllegalArgumentException e) {
            return amount.get() == null || amount.get().isBlank() ? "Enter an amount" : "Amount: " + e.getMessage();
        }
        if (a < 0 || a == 0 && operation.get() != FundingOperation.RESET_SPENT) {
            return "Amount must be greater than zero";
        }
        Long s;
        try {
            s = spentOverride();
        } catch (IllegalArgumentException e) {
            return "Spent override: " + e.getMessage();
        }
        if (s != null && s < 0) {
            return "Spent override cannot be negative";
        }
        if (reason.get() != null && reason.get().length() > 512) {
            return "Reason is at most 512 characters";
        }
        try {
            Funding.apply(before, operation.get(), a, s);
        } catch (Funding.RefusedException e) {
            if (e.refusal() == Funding.Refusal.INSUFFICIENT_REMAINING) {
                return "A debit of " + Amounts.formatWithUnit(unit(), a) + " exceeds the remaining "
                        + Amounts.formatWithUnit(unit(), before.remaining()) + "; the server would refuse it";
            }
            if (e.refusal() == Funding.Refusal.OVERFLOW) {
                return "The result would be outside the 64-bit range the server stores ("
                        + Amounts.formatWithUnit(unit(), Long.MAX_VALUE) + " at most); the server would refuse it";
            }
            return Amounts.inMessage(e.getMessage(), unit());
        }
        return "";
    }

    BudgetFundingRequest request() {
        UnitEnum u = unit();
        long a = Amounts.parse(u, amount.get());
        Long s = spentOverride();
        String r = reason.get() == null || reason.get().isBlank() ? operation.get() + " via admin console" : reason.get().trim();
        return new BudgetFundingRequest(operation.get(), Amount.of(u, a), s == null ? null : Amount.of(u, s), r,
                idempotencyKey + "-" + operation.get().name().toLowerCase(), null);
    }

    /**
     * Sends the operation, unless the preview predicts a refusal (Apply is disabled then; this is
     * the guard for a keyboard submit). The server may still refuse on figures that changed since
     * the dialog opened: its message is shown with amounts formatted, the raw text kept.
     */
    public void submit(Consumer<BudgetFundingResponse> onDone) {
        if (submitting.get() || !check().isEmpty()) {
            return;
        }
        BudgetFundingRequest body;
        try {
            body = request();
        } catch (IllegalArgumentException e) {
            serverError.set(e.getMessage());
            return;
        }
        submitting.set(true);
        serverError.set("");
        serverErrorRaw.set("");
        String what = body.operation() + " " + Amounts.format(unit(), body.amount().amount()) + " on " + ledger.scope();
        ctx.async().run(what, () -> ctx.session().client().fundBudget(ledger.scope(), unit(), ledger.tenantId(), body), r -> {
            submitting.set(false);
            ctx.status().info(what + ": remaining now " + Amounts.format(r.newRemaining()));
            onDone.accept(r);
        }, e -> {
            submitting.set(false);
            String shown = Amounts.inMessage(e.getMessage(), unit());
            serverError.set(e.code() + ": " + shown);
            serverErrorRaw.set(shown.equals(e.getMessage()) ? "" : "Server said: " + e.getMessage());
            ctx.status().error(what, e, unit());
        });
    }

    public ObjectProperty<FundingOperation> operationProperty() {
        return operation;
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public StringProperty spentProperty() {
        return spent;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty serverErrorProperty() {
        return serverError;
    }

    /** The server's message as it came, when the shown one had amounts rewritten (else empty). */
    public StringProperty serverErrorRawProperty() {
        return serverErrorRaw;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public ObjectBinding<LedgerFigures> afterProperty() {
        return after;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
