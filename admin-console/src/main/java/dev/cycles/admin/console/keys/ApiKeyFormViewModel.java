package dev.cycles.admin.console.keys;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.IsoDate;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.ApiKeyCreateResponse;
import dev.cycles.admin.model.ApiKeyUpdateRequest;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.model.ScopeFilter;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Create / edit an API key: grouped permissions, scope filter, expiry; holds the new secret until shown. */
public final class ApiKeyFormViewModel {

    /** Permission groups as the picker shows them. */
    public static final Map<String, List<Permission>> GROUPS = groups();

    private static Map<String, List<Permission>> groups() {
        Map<String, List<Permission>> g = new LinkedHashMap<>();
        g.put("Reservations", List.of(Permission.RESERVATIONS_CREATE, Permission.RESERVATIONS_COMMIT,
                Permission.RESERVATIONS_RELEASE, Permission.RESERVATIONS_EXTEND, Permission.RESERVATIONS_LIST));
        g.put("Budgets", List.of(Permission.BALANCES_READ, Permission.BUDGETS_READ, Permission.BUDGETS_WRITE));
        g.put("Policies", List.of(Permission.POLICIES_READ, Permission.POLICIES_WRITE));
        g.put("Webhooks, events", List.of(Permission.WEBHOOKS_READ, Permission.WEBHOOKS_WRITE,
                Permission.EVENTS_READ, Permission.EVENTS_CREATE));
        g.put("Admin", List.of(Permission.ADMIN_READ, Permission.ADMIN_WRITE,
                Permission.ADMIN_TENANTS_READ, Permission.ADMIN_TENANTS_WRITE, Permission.ADMIN_BUDGETS_READ,
                Permission.ADMIN_BUDGETS_WRITE, Permission.ADMIN_POLICIES_READ, Permission.ADMIN_POLICIES_WRITE,
                Permission.ADMIN_APIKEYS_READ, Permission.ADMIN_APIKEYS_WRITE, Permission.ADMIN_WEBHOOKS_READ,
                Permission.ADMIN_WEBHOOKS_WRITE, Permission.ADMIN_EVENTS_READ, Permission.ADMIN_AUDIT_READ));
        return g;
    }

    private final Ctx ctx;
    private final ApiKey editing;
    private final Clock clock;
    private final StringProperty tenantId = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty scopeFilter = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> expiresOn = new SimpleObjectProperty<>();
    /** The expiry as typed or picked (ISO); {@link #expiresOn} follows it while it reads as a date. */
    private final StringProperty expiresText = new SimpleStringProperty("");
    private final Map<Permission, BooleanProperty> granted = new EnumMap<>(Permission.class);
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringProperty secret = new SimpleStringProperty();
    private final StringBinding validation;
    private final BooleanBinding valid;
    private final StringBinding diff;

    public ApiKeyFormViewModel(Ctx ctx, ApiKey editing, String presetTenant) {
        this(ctx, editing, presetTenant, Clock.systemUTC());
    }

    public ApiKeyFormViewModel(Ctx ctx, ApiKey editing, String presetTenant, Clock clock) {
        this.ctx = ctx;
        this.editing = editing;
        this.clock = clock;
        for (Permission p : Permission.values()) {
            granted.put(p, new SimpleBooleanProperty(false));
        }
        if (editing != null) {
            tenantId.set(editing.tenantId());
            name.set(editing.name());
            scopeFilter.set(editing.scopeFilter() == null ? "" : String.join(", ", editing.scopeFilter()));
            if (editing.permissions() != null) {
                editing.permissions().forEach(w -> Permission.fromWire(w).ifPresent(p -> granted.get(p).set(true)));
            }
        } else {
            tenantId.set(presetTenant == null ? "" : presetTenant);
            selectDefaults();
        }
        expiresText.addListener((o, a, t) -> {
            if (IsoDate.readable(t)) {
                expiresOn.set(IsoDate.parse(t, "Expiry"));
            }
        });
        expiresOn.addListener((o, a, d) -> {
            if (IsoDate.readable(expiresText.get()) && !java.util.Objects.equals(d, IsoDate.parse(expiresText.get(), "Expiry"))) {
                expiresText.set(d == null ? "" : d.toString());
            }
        });
        List<Observable> deps = new ArrayList<>(List.of(tenantId, name, scopeFilter, expiresOn, expiresText));
        deps.addAll(granted.values());
        Observable[] all = deps.toArray(new Observable[0]);
        validation = Bindings.createStringBinding(this::validate, all);
        valid = Bindings.createBooleanBinding(() -> validate().isEmpty(), all);
        diff = Bindings.createStringBinding(this::permissionDiff, all);
    }

    public boolean isEdit() {
        return editing != null;
    }

    public void selectDefaults() {
        granted.forEach((p, b) -> b.set(Permission.DEFAULTS.contains(p)));
    }

    public void selectNone() {
        granted.values().forEach(b -> b.set(false));
    }

    String validate() {
        if (tenantId.get() == null || tenantId.get().isBlank()) {
            return "Tenant is required";
        }
        if (name.get() == null || name.get().isBlank()) {
            return "Name is required";
        }
        if (name.get().length() > 256) {
            return "Name is at most 256 characters";
        }
        if (selectedPermissions().isEmpty()) {
            return "Pick at least one permission";
        }
        String owner = tenantId.get() == null || tenantId.get().isBlank() ? null : tenantId.get().trim();
        try {
            ScopeFilter.parse(scopeFilterList(), owner);
        } catch (ScopeFilter.InvalidFilterException e) {
            return "Scope filter: " + e.getMessage();
        }
        if (!isEdit()) {
            try {
                IsoDate.parse(expiresText.get(), "Expiry");
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (!isEdit() && expiresOn.get() != null && !expiresOn.get().isAfter(LocalDate.now(clock.withZone(ZoneId.systemDefault())))) {
            return "Expiry must be in the future";
        }
        return "";
    }

    public List<Permission> selectedPermissions() {
        List<Permission> out = new ArrayList<>();
        granted.forEach((p, b) -> {
            if (b.get()) {
                out.add(p);
            }
        });
        return out;
    }

    List<String> scopeFilterList() {
        String s = scopeFilter.get() == null ? "" : scopeFilter.get();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** "+added  −removed" against the stored key; empty for a new key or no change. */
    String permissionDiff() {
        if (!isEdit()) {
            return "";
        }
        List<String> before = editing.permissions() == null ? List.of() : editing.permissions();
        List<String> now = Permission.wireNames(selectedPermissions());
        List<String> added = now.stream().filter(p -> !before.contains(p)).toList();
        List<String> removed = before.stream().filter(p -> !now.contains(p)).toList();
        StringBuilder sb = new StringBuilder();
        added.forEach(p -> sb.append("+").append(p).append("  "));
        removed.forEach(p -> sb.append("\u2212").append(p).append("  "));
        return sb.toString().trim();
    }

    ApiKeyCreateRequest createRequest() {
        // the text, not the last good date: an unreadable expiry throws here rather than becoming the default
        LocalDate on = IsoDate.parse(expiresText.get(), "Expiry");
        Instant expires = on == null ? null : on.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
        List<String> filter = scopeFilterList();
        return new ApiKeyCreateRequest(tenantId.get().trim(), name.get().trim(), null,
                Permission.wireNames(selectedPermissions()), filter.isEmpty() ? null : filter, expires, null);
    }

    /** Only changed fields; null when nothing changed. */
    ApiKeyUpdateRequest updateRequest() {
        String n = name.get().trim().equals(editing.name()) ? null : name.get().trim();
        List<String> perms = Permission.wireNames(selectedPermissions());
        List<String> before = editing.permissions() == null ? List.of() : editing.permissions();
        List<String> p = perms.size() == before.size() && perms.containsAll(before) ? null : perms;
        List<String> sf = scopeFilterList();
        List<String> sfBefore = editing.scopeFilter() == null ? List.of() : editing.scopeFilter();
        List<String> s = Objects.equals(sf, sfBefore) ? null : sf;
        if (n == null && p == null && s == null) {
            return null;
        }
        return new ApiKeyUpdateRequest(n, null, p, s, null);
    }

    /** Creates the key (secret lands in {@link #secretProperty()}) or saves the edit. */
    public void submit(Consumer<ApiKey> onSaved, Consumer<ApiKeyCreateResponse> onCreated) {
        if (!valid.get() || submitting.get()) {
            return;
        }
        serverError.set("");
        if (isEdit()) {
            ApiKeyUpdateRequest body = updateRequest();
            if (body == null) {
                ctx.status().info("No changes to save");
                onSaved.accept(editing);
                return;
            }
            submitting.set(true);
            String what = "Update key " + editing.keyId();
            ctx.async().run(what, () -> ctx.session().client().updateApiKey(editing.keyId(), body), k -> {
                submitting.set(false);
                ctx.status().info(what + ": saved");
                onSaved.accept(k);
            }, e -> {
                submitting.set(false);
                serverError.set(e.code() + ": " + e.getMessage());
                ctx.status().error(what, e);
            });
            return;
        }
        submitting.set(true);
        String what = "Create API key for " + tenantId.get().trim();
        ctx.async().run(what, () -> ctx.session().client().createApiKey(createRequest()), r -> {
            submitting.set(false);
            secret.set(r.keySecret());
            ctx.status().info(what + ": created " + r.keyId());
            onCreated.accept(r);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    /** Drops the secret once the operator has stored it. */
    public void forgetSecret() {
        secret.set(null);
    }

    public StringProperty tenantIdProperty() {
        return tenantId;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty scopeFilterProperty() {
        return scopeFilter;
    }

    public StringProperty expiresTextProperty() {
        return expiresText;
    }

    public ObjectProperty<LocalDate> expiresOnProperty() {
        return expiresOn;
    }

    public BooleanProperty grantedProperty(Permission p) {
        return granted.get(p);
    }

    public StringProperty serverErrorProperty() {
        return serverError;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public StringProperty secretProperty() {
        return secret;
    }

    public StringBinding validationProperty() {
        return validation;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public StringBinding diffProperty() {
        return diff;
    }
}
