package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetUpdateRequest;
import dev.cycles.admin.model.CommitOveragePolicy;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Objects;
import java.util.function.Consumer;

/** Edit a ledger's overdraft limit and commit overage policy (only changed fields are sent). */
public final class BudgetEditViewModel {
    private final Ctx ctx;
    private final BudgetLedger ledger;
    private final StringProperty overdraft = new SimpleStringProperty("");
    private final ObjectProperty<CommitOveragePolicy> policy = new SimpleObjectProperty<>();
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringBinding validation;
    private final BooleanBinding valid;

    public BudgetEditViewModel(Ctx ctx, BudgetLedger ledger) {
        this.ctx = ctx;
        this.ledger = ledger;
        long od = ledger.overdraftLimit() == null || ledger.overdraftLimit().amount() == null ? 0 : ledger.overdraftLimit().amount();
        overdraft.set(Amounts.format(ledger.unit(), od).replace("$", ""));
        policy.set(ledger.commitOveragePolicy());
        validation = Bindings.createStringBinding(this::validate, overdraft);
        valid = Bindings.createBooleanBinding(() -> validate().isEmpty(), overdraft);
    }

    String validate() {
        return BudgetCreateViewModel.overdraftProblem(ledger.unit(), overdraft.get());
    }

    BudgetUpdateRequest request() {
        long od = Amounts.parse(ledger.unit(), overdraft.get());
        long before = ledger.overdraftLimit() == null || ledger.overdraftLimit().amount() == null ? 0 : ledger.overdraftLimit().amount();
        Amount o = od == before ? null : Amount.of(ledger.unit(), od);
        CommitOveragePolicy p = Objects.equals(policy.get(), ledger.commitOveragePolicy()) ? null : policy.get();
        return o == null && p == null ? null : new BudgetUpdateRequest(o, p, null);
    }

    public void submit(Consumer<BudgetLedger> onSaved) {
        if (!valid.get() || submitting.get()) {
            return;
        }
        BudgetUpdateRequest body = request();
        if (body == null) {
            ctx.status().info("No changes to save");
            onSaved.accept(ledger);
            return;
        }
        submitting.set(true);
        serverError.set("");
        String what = "Update budget " + ledger.scope();
        ctx.async().run(what, () -> ctx.session().client().updateBudget(ledger.scope(), ledger.unit(), body), l -> {
            submitting.set(false);
            ctx.status().info(what + ": saved");
            onSaved.accept(l);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    public StringProperty overdraftProperty() {
        return overdraft;
    }

    public ObjectProperty<CommitOveragePolicy> policyProperty() {
        return policy;
    }

    public StringProperty serverErrorProperty() {
        return serverError;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public StringBinding validationProperty() {
        return validation;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
