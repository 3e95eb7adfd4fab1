package dev.cycles.admin.console.reservations;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.runtime.ReleaseResponse;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Force release: hands a reservation's whole hold back to its budgets on the tenant's behalf. The
 * reason is required (it is what the audit log keeps to explain why an operator stepped in);
 * one idempotency key per dialog, so a retried click cannot release twice.
 */
public final class ForceReleaseFormViewModel {
    /** The server's limit on a release reason. */
    static final int MAX_REASON = 256;
    /** The tag the reason starts with, so incident releases are easy to find in the audit log (as the web dashboard does). */
    public static final String REASON_TAG = "[INCIDENT_FORCE_RELEASE] ";

    private final Ctx ctx;
    private final Reservation reservation;
    private final StringProperty reason = new SimpleStringProperty(REASON_TAG);
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringBinding problem;
    private final String idempotencyKey = "console-release-" + UUID.randomUUID();

    public ForceReleaseFormViewModel(Ctx ctx, Reservation reservation) {
        this.ctx = ctx;
        this.reservation = reservation;
        problem = Bindings.createStringBinding(this::check, reason);
    }

    String check() {
        if (reservation.status() != ReservationStatus.ACTIVE) {
            return "Only an ACTIVE reservation holds budget; this one is " + reservation.status();
        }
        String r = reason.get() == null ? "" : reason.get().trim();
        if (r.isEmpty()) {
            return "Enter a reason: it is kept in the audit log";
        }
        if (r.equals(REASON_TAG.trim())) {
            return "Say why after " + REASON_TAG.trim() + ": it is kept in the audit log";
        }
        if (r.length() > MAX_REASON) {
            return "Reason is at most " + MAX_REASON + " characters (now " + r.length() + ")";
        }
        return "";
    }

    /** Releases; {@code onDone} gets the server's answer. A refusal stays in the dialog. */
    public void submit(Consumer<ReleaseResponse> onDone) {
        if (submitting.get() || !check().isEmpty()) {
            return;
        }
        submitting.set(true);
        serverError.set("");
        String id = reservation.reservationId();
        String what = "Force release " + id;
        String why = reason.get().trim();
        ctx.async().run(what, () -> ctx.session().runtime().release(id, idempotencyKey, why), r -> {
            submitting.set(false);
            ctx.status().clearError();
            ctx.status().info(what + ": " + ReservationDetails.amount(r.released()) + " returned");
            onDone.accept(r);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    public Reservation reservation() { return reservation; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty serverErrorProperty() { return serverError; }
    public BooleanProperty submittingProperty() { return submitting; }
    public StringBinding problemProperty() { return problem; }
}
