package dev.cycles.admin.console.tenants;

import dev.cycles.admin.model.ReservationTtl;
import dev.cycles.admin.model.TenantId;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantUpdateRequest;
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

/** Create-tenant and edit-tenant form: fields, live validation, submit with the server's error kept inline. */
public final class TenantFormViewModel {

    private final Ctx ctx;
    private final Tenant editing;
    private final StringProperty tenantId = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty parentId = new SimpleStringProperty("");
    private final ObjectProperty<CommitOveragePolicy> overagePolicy = new SimpleObjectProperty<>();
    private final StringProperty defaultTtl = new SimpleStringProperty("");
    private final StringProperty maxTtl = new SimpleStringProperty("");
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringBinding validationMessage;
    private final BooleanBinding valid;

    /** {@code editing == null} for a new tenant. */
    public TenantFormViewModel(Ctx ctx, Tenant editing) {
        this.ctx = ctx;
        this.editing = editing;
        if (editing != null) {
            tenantId.set(editing.tenantId());
            name.set(editing.name());
            parentId.set(editing.parentTenantId() == null ? "" : editing.parentTenantId());
            overagePolicy.set(editing.defaultCommitOveragePolicy());
            defaultTtl.set(editing.defaultReservationTtlMs() == null ? "" : editing.defaultReservationTtlMs().toString());
            maxTtl.set(editing.maxReservationTtlMs() == null ? "" : editing.maxReservationTtlMs().toString());
        }
        validationMessage = Bindings.createStringBinding(this::validate, tenantId, name, defaultTtl, maxTtl);
        valid = Bindings.createBooleanBinding(() -> validate().isEmpty(), tenantId, name, defaultTtl, maxTtl);
    }

    public boolean isEdit() {
        return editing != null;
    }

    /** The first problem with the form, or "" when it can be sent. Silent for a still-empty ID. */
    String validate() {
        String id = tenantId.get().trim();
        if (!isEdit()) {
            if (id.isEmpty()) {
                return " ";
            }
            if (!TenantId.isValid(id)) {
                return id.length() < 3 || id.length() > 64 ? "Tenant ID must be 3-64 characters"
                        : "Tenant ID: lowercase letters, numbers and hyphens only";
            }
        }
        if (name.get().trim().isEmpty()) {
            return "Display name is required";
        }
        if (name.get().length() > 256) {
            return "Display name is at most 256 characters";
        }
        String ttl = ttlProblem("Default reservation TTL", defaultTtl.get());
        if (ttl != null) {
            return ttl;
        }
        ttl = ttlProblem("Max reservation TTL", maxTtl.get());
        return ttl == null ? "" : ttl;
    }

    private static String ttlProblem(String label, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(text.trim().replace(",", ""));
            return !ReservationTtl.isValid(v) ? label + " must be between 1,000 and 86,400,000 ms" : null;
        } catch (NumberFormatException e) {
            return label + " must be a whole number of milliseconds";
        }
    }

    private static Long ttl(String text) {
        return text == null || text.isBlank() ? null : Long.parseLong(text.trim().replace(",", ""));
    }

    /** Sends the form; {@code onSaved} gets the server's tenant. On error the message stays in {@link #serverErrorProperty()}. */
    public void submit(Consumer<Tenant> onSaved) {
        if (!valid.get() || submitting.get()) {
            return;
        }
        submitting.set(true);
        serverError.set("");
        String what = isEdit() ? "Update tenant " + editing.tenantId() : "Create tenant " + tenantId.get().trim();
        ctx.async().run(what, () -> {
            if (isEdit()) {
                return ctx.session().client().updateTenant(editing.tenantId(), updateRequest());
            }
            return ctx.session().client().createTenant(createRequest());
        }, t -> {
            submitting.set(false);
            ctx.status().info(what + ": done");
            onSaved.accept(t);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    TenantCreateRequest createRequest() {
        String parent = parentId.get() == null || parentId.get().isBlank() ? null : parentId.get().trim();
        return new TenantCreateRequest(tenantId.get().trim(), name.get().trim(), parent, null,
                overagePolicy.get(), ttl(defaultTtl.get()), ttl(maxTtl.get()), null, null, null);
    }

    /** Only what changed; null when nothing did. */
    TenantUpdateRequest updateRequest() {
        String n = name.get().trim().equals(editing.name()) ? null : name.get().trim();
        CommitOveragePolicy p = Objects.equals(overagePolicy.get(), editing.defaultCommitOveragePolicy()) ? null : overagePolicy.get();
        Long d = Objects.equals(ttl(defaultTtl.get()), editing.defaultReservationTtlMs()) ? null : ttl(defaultTtl.get());
        Long m = Objects.equals(ttl(maxTtl.get()), editing.maxReservationTtlMs()) ? null : ttl(maxTtl.get());
        return new TenantUpdateRequest(n, null, null, p, d, m, null);
    }

    public StringProperty tenantIdProperty() {
        return tenantId;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty parentIdProperty() {
        return parentId;
    }

    public ObjectProperty<CommitOveragePolicy> overagePolicyProperty() {
        return overagePolicy;
    }

    public StringProperty defaultTtlProperty() {
        return defaultTtl;
    }

    public StringProperty maxTtlProperty() {
        return maxTtl;
    }

    public StringProperty serverErrorProperty() {
        return serverError;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public StringBinding validationMessageProperty() {
        return validationMessage;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
