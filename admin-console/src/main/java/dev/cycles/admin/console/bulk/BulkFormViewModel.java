package dev.cycles.admin.console.bulk;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A bulk action in three steps: the preview lists exactly the rows the server will touch (read
 * with the same filter the bulk call uses) and their count; the operator types that count to
 * unlock Apply; Apply sends it as {@code expected_count} with one idempotency key per dialog, so a
 * set that changed in between is refused whole (409 COUNT_MISMATCH) and a retry never runs twice.
 */
public final class BulkFormViewModel {
    private final Ctx ctx;
    private final BulkTarget target;
    private final String idempotencyKey = "console-bulk-" + UUID.randomUUID();
    private final StringProperty action = new SimpleStringProperty();
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty typedCount = new SimpleStringProperty("");
    private final ObservableList<BulkRow> rows = FXCollections.observableArrayList();
    /** Rows the server matches now; -1 until a preview came back. */
    private final LongProperty count = new SimpleLongProperty(-1);
    private final BooleanProperty previewing = new SimpleBooleanProperty(false);
    private final StringProperty previewError = new SimpleStringProperty("");
    private final StringProperty mismatch = new SimpleStringProperty("");
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final ObjectProperty<BulkResult> result = new SimpleObjectProperty<>();
    private final StringBinding problem;
    private final StringBinding refusals;
    private final BooleanBinding valid;

    public BulkFormViewModel(Ctx ctx, BulkTarget target, String initialAction) {
        this.ctx = ctx;
        this.target = target;
        action.set(initialAction == null ? target.actions().get(0) : initialAction);
        problem = Bindings.createStringBinding(this::check, action, amount, reason, typedCount, count, previewing, previewError, mismatch);
        refusals = Bindings.createStringBinding(this::predictRefusals, action, amount, count);
        valid = Bindings.createBooleanBinding(() -> check().isEmpty() && !submitting.get(), problem, submitting);
    }

    public BulkTarget target() {
        return target;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** Reads the rows the action will touch, as the server has them now; clears the typed count. */
    public void preview() {
        if (!target.problem().isEmpty()) {
            return;
        }
        previewing.set(true);
        previewError.set("");
        mismatch.set("");
        serverError.set("");
        typedCount.set("");
        ctx.async().run("Preview " + target.scopeText(), () -> target.preview(ctx.session().client()), r -> {
            rows.setAll(r);
            count.set(r.size());
            previewing.set(false);
        }, e -> {
            previewing.set(false);
            count.set(-1);
            rows.clear();
            previewError.set("Preview failed: " + e.code() + ": " + e.getMessage());
        });
    }

    /** The unit of the amount: the one unit every previewed row has, or null when they differ or nothing is previewed. */
    public UnitEnum unit() {
        List<UnitEnum> units = rows.stream().map(BulkRow::unit).filter(u -> u != null).distinct().toList();
        return units.size() == 1 ? units.get(0) : null;
    }

    String check() {
        String p = target.problem();
        if (!p.isEmpty()) {
            return p;
        }
        if (previewing.get()) {
            return "Reading what the action would touch…";
        }
        if (!previewError.get().isEmpty()) {
            return previewError.get();
        }
        if (!mismatch.get().isEmpty()) {
            return "Preview again before applying (see above).";
        }
        long n = count.get();
        if (n < 0) {
            return "Preview first";
        }
        if (n == 0) {
            return "Nothing matches; there is nothing to do.";
        }
        if (n > BulkTarget.MAX_ROWS) {
            return "More than " + BulkTarget.MAX_ROWS + " " + target.noun() + " match; the server takes at most "
                    + BulkTarget.MAX_ROWS + " per action. Narrow the filter.";
        }
        if (target.needsAmount(action.get())) {
            UnitEnum u = unit();
            if (u == null) {
                return "The matched budgets use more than one unit; filter by unit so one amount fits all.";
            }
            long a;
            try {
                a = Amounts.parse(u, amount.get());
            } catch (IllegalArgumentException e) {
                return "Amount: " + e.getMessage();
            }
            if (a == 0 && !"RESET_SPENT".equals(action.get()) && !"RESET".equals(action.get())) {
                return "Amount must be greater than zero";
            }
            if (reason.get() != null && reason.get().length() > 512) {
                return "Reason is at most 512 characters";
            }
        }
        if (!Long.toString(n).equals(typedCount.get() == null ? "" : typedCount.get().trim())) {
            return "Type " + n + " (the number of " + target.noun() + " above) to confirm";
        }
        return "";
    }

    /**
     * Rows the server will refuse, predicted with the server's own funding arithmetic (a debit
     * beyond what remains): the action still runs on the others, so this warns instead of blocking.
     */
    String predictRefusals() {
        if (!target.needsAmount(action.get()) || unit() == null) {
            return "";
        }
        long a;
        try {
            a = Amounts.parse(unit(), amount.get());
        } catch (IllegalArgumentException e) {
            return "";
        }
        dev.cycles.admin.model.FundingOperation op = dev.cycles.admin.model.FundingOperation.valueOf(action.get());
        long refused = rows.stream().filter(r -> r.item() instanceof dev.cycles.admin.model.BudgetLedger).filter(r -> {
            try {
                dev.cycles.admin.model.Funding.apply(dev.cycles.admin.model.LedgerFigures.of((dev.cycles.admin.model.BudgetLedger) r.item()), op, a, null);
                return false;
            } catch (dev.cycles.admin.model.Funding.RefusedException e) {
                return true;
            }
        }).count();
        return refused == 0 ? "" : refused + " of " + rows.size() + " budgets would be refused (" + op + " of "
                + Amounts.format(unit(), a) + " exceeds what they have left); they will be listed as failed, the others still change.";
    }

    public StringBinding refusalsProperty() {
        return refusals;
    }

    /** Sends the action; on success {@code onDone} gets the row-by-row result (also in {@link #resultProperty()}). */
    public void submit(Consumer<BulkResult> onDone) {
        if (submitting.get() || !check().isEmpty()) {
            return;
        }
        Amount a = null;
        if (target.needsAmount(action.get())) {
            a = Amount.of(unit(), Amounts.parse(unit(), amount.get()));
        }
        String r = reason.get() == null || reason.get().isBlank() ? action.get() + " (bulk) via admin console" : reason.get().trim();
        BulkTarget.Request req = new BulkTarget.Request(action.get(), a, r, count.get(), idempotencyKey, List.copyOf(rows));
        String what = action.get() + " " + target.scopeText();
        submitting.set(true);
        serverError.set("");
        ctx.async().run(what, () -> target.apply(ctx.session().client(), req), res -> {
            submitting.set(false);
            result.set(res);
            ctx.status().info(what + ": " + res.summary());
            onDone.accept(res);
        }, e -> {
            submitting.set(false);
            if ("COUNT_MISMATCH".equals(e.code())) {
                // Nothing was written; the operator must look at the new set before acting on it.
                mismatch.set("The set changed since the preview: " + e.getMessage() + ". Preview again to see what matches now.");
                typedCount.set("");
            } else {
                serverError.set(e.code() + ": " + e.getMessage());
            }
            ctx.status().error(what, e);
        });
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty typedCountProperty() {
        return typedCount;
    }

    public ObservableList<BulkRow> rows() {
        return rows;
    }

    public LongProperty countProperty() {
        return count;
    }

    public BooleanProperty previewingProperty() {
        return previewing;
    }

    public StringProperty mismatchProperty() {
        return mismatch;
    }

    public StringProperty serverErrorProperty() {
        return serverError;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public ObjectProperty<BulkResult> resultProperty() {
        return result;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
