package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.TenantChoices;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.model.WebhookCreateRequest;
import dev.cycles.admin.model.WebhookCreateResponse;
import dev.cycles.admin.model.WebhookRetryPolicy;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.model.WebhookThresholdConfig;
import dev.cycles.admin.model.WebhookUpdateRequest;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Create or edit one webhook subscription. Mirrors what the server will refuse (WebhookRequestRules)
 * so OK stays disabled with the reason shown: a URL the guard refuses (checked with
 * {@link UrlCheck} against the server's security config as the operator types), no event type,
 * admin-only types on a tenant-owned subscription, numbers out of range. An edit sends only the
 * changed fields (the PATCH keeps absent ones).
 */
public final class WebhookFormViewModel {
    static final int MAX_URL = 2048;

    private final Ctx ctx;
    private final UrlCheck urlCheck;
    private final WebhookSubscription original;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    /** The owner tenant; blank means system-wide (events of every tenant, admin-only types allowed). */
    private final StringProperty tenant = new SimpleStringProperty("");
    private final TenantChoices tenantChoices = new TenantChoices(tenant);
    private final StringProperty scopeFilter = new SimpleStringProperty("");
    /** Metadata as JSON text (WebhookMetadata reads it). */
    private final StringProperty metadata = new SimpleStringProperty("");
    private final ObservableSet<String> types = FXCollections.observableSet(new java.util.LinkedHashSet<>());
    private final ObservableSet<String> categories = FXCollections.observableSet(new java.util.LinkedHashSet<>());
    private final WebhookAdvanced advanced = new WebhookAdvanced();
    private final ObjectProperty<WebhookSecurityConfig> security = new SimpleObjectProperty<>();
    private final ObjectProperty<UrlCheck.Verdict> verdict = new SimpleObjectProperty<>(UrlCheck.Verdict.NONE);
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final StringBinding problem;
    private final StringBinding boundary;
    private int checkGeneration;

    /** {@code original} null: a new subscription. */
    public WebhookFormViewModel(Ctx ctx, UrlCheck urlCheck, WebhookSubscription original) {
        this.ctx = ctx;
        this.urlCheck = urlCheck;
        this.original = original;
        if (original == null) {
            advanced.defaults();
        } else {
            name.set(Objects.requireNonNullElse(original.name(), ""));
            description.set(Objects.requireNonNullElse(original.description(), ""));
            url.set(Objects.requireNonNullElse(original.url(), ""));
            tenant.set(systemWide(original.tenantId()) ? "" : original.tenantId());
            scopeFilter.set(Objects.requireNonNullElse(original.scopeFilter(), ""));
            metadata.set(WebhookMetadata.text(original.metadata()));
            if (original.eventTypes() != null) {
                types.addAll(original.eventTypes());
            }
            if (original.eventCategories() != null) {
                categories.addAll(original.eventCategories());
            }
            advanced.fill(original);
        }
        // a tenant-owned subscription may only receive tenant-accessible events: drop the others
        tenant.addListener((o, a, b) -> {
            if (!isSystemWide()) {
                types.removeIf(t -> !EventTypes.isTenantAccessible(t));
                categories.removeIf(c -> !EventTypes.TENANT_CATEGORIES.contains(c));
            }
        });
        List<Observable> deps = new ArrayList<>(List.of(name, description, url, tenant, scopeFilter, metadata, types, categories, verdict));
        deps.addAll(List.of(advanced.all()));
        problem = Bindings.createStringBinding(this::check, deps.toArray(Observable[]::new));
        boundary = Bindings.createStringBinding(() -> isSystemWide()
                ? "System-wide: receives the events of every tenant; every event type may be chosen."
                : "Tenant-owned: only budget, reservation and tenant events (" + tenantAccessibleCount()
                + " types) may be chosen; admin-only types (api_key, policy, system, webhook) need a system-wide subscription.",
                tenant);
    }

    static boolean systemWide(String tenantId) {
        return tenantId == null || tenantId.isBlank() || WebhookSubscription.SYSTEM_TENANT.equals(tenantId);
    }

    static long tenantAccessibleCount() {
        return EventTypes.ALL.stream().filter(EventTypes::isTenantAccessible).count();
    }

    public boolean isEdit() {
        return original != null;
    }

    public boolean isSystemWide() {
        return systemWide(tenant.get());
    }

    /** Whether {@code type} may be chosen for the current owner. */
    public boolean allowed(String type) {
        return isSystemWide() || EventTypes.isTenantAccessible(type);
    }

    /** Reads the server's security config (the guard needs it), then checks the URL. */
    public void loadSecurity() {
        ctx.async().run("Read webhook security config", () -> ctx.session().client().webhookSecurity(), cfg -> {
            security.set(cfg);
            checkUrl();
        }, e -> verdict.set(new UrlCheck.Verdict(false, false, "The URL guard cannot be checked here: " + e.getMessage())));
        if (!isEdit()) {
            tenantChoices.load(ctx);
        }
    }

    /** Runs the URL guard on what is typed now; an answer to an older text is dropped. */
    public void checkUrl() {
        WebhookSecurityConfig cfg = security.get();
        String u = url.get() == null ? "" : url.get().trim();
        int gen = ++checkGeneration;
        if (u.isEmpty() || cfg == null) {
            verdict.set(u.isEmpty() ? UrlCheck.Verdict.NONE : new UrlCheck.Verdict(false, false, "Reading the security config…"));
            return;
        }
        ctx.async().run("Check webhook URL", () -> urlCheck.check(u, cfg), v -> {
            if (gen == checkGeneration) {
                verdict.set(v);
            }
        }, e -> { });
    }

    String check() {
        String u = url.get() == null ? "" : url.get().trim();
        if (u.isEmpty()) {
            return "Enter the receiver's URL (https://…)";
        }
        if (u.length() > MAX_URL) {
            return "The URL is at most " + MAX_URL + " characters";
        }
        if (verdict.get().blocking()) {
            return verdict.get().text();
        }
        if (text(name).length() > 256) {
            return "Name is at most 256 characters";
        }
        if (text(description).length() > 1024) {
            return "Description is at most 1024 characters";
        }
        if (types.isEmpty()) {
            return "Choose at least one event type";
        }
        List<String> adminOnly = types.stream().filter(t -> !allowed(t)).toList();
        if (!adminOnly.isEmpty()) {
            return "Admin-only event types on a tenant-owned subscription: " + String.join(", ", adminOnly);
        }
        String scope = text(scopeFilter);
        if (!scope.isEmpty() && !isSystemWide() && !(scope.equals("tenant:" + text(tenant)) || scope.startsWith("tenant:" + text(tenant) + "/"))) {
            return "The scope filter must be within tenant:" + text(tenant);
        }
        if (scope.isEmpty() && isEdit() && original.scopeFilter() != null) {
            return "The server keeps a scope filter an update leaves out; to remove it, re-create the subscription";
        }
        try {
            WebhookMetadata.parse(metadata.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return advanced.problem();
    }

    /** Creates ({@code onCreated} gets the one answer holding the signing secret) or saves the changes. */
    public void submit(Consumer<WebhookCreateResponse> onCreated, Consumer<WebhookSubscription> onSaved) {
        if (submitting.get() || !check().isEmpty()) {
            return;
        }
        serverError.set("");
        if (isEdit()) {
            WebhookUpdateRequest req = changes();
            if (req == null) {
                serverError.set("No changes to save");
                return;
            }
            run("Save webhook " + original.subscriptionId(), () -> ctx.session().client().updateWebhook(original.subscriptionId(), req), onSaved);
        } else {
            WebhookCreateRequest req = new WebhookCreateRequest(blank(name), blank(description), text(url), ordered(types, EventTypes.ALL),
                    categories.isEmpty() ? null : ordered(categories, EventTypes.CATEGORIES), blank(scopeFilter), advanced.thresholds(), null, null,
                    advanced.retryPolicy(), advanced.disableAfterFailures(), newMetadata());
            String owner = isSystemWide() ? null : text(tenant);
            run("Create webhook", () -> ctx.session().client().createWebhook(owner, req), onCreated);
        }
    }

    private <T> void run(String what, java.util.function.Supplier<T> call, Consumer<T> onOk) {
        submitting.set(true);
        ctx.async().run(what, call, r -> {
            submitting.set(false);
            ctx.status().info(what + ": done");
            onOk.accept(r);
        }, e -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    /** The PATCH of what differs from the stored subscription, or null when nothing does. */
    WebhookUpdateRequest changes() {
        String n = diff(text(name), original.name());
        String d = diff(text(description), original.description());
        String u = diff(text(url), original.url());
        List<String> t = Set.copyOf(types).equals(Set.copyOf(nonNull(original.eventTypes()))) ? null : ordered(types, EventTypes.ALL);
        List<String> c = Set.copyOf(categories).equals(Set.copyOf(nonNull(original.eventCategories()))) ? null
                : ordered(categories, EventTypes.CATEGORIES);
        String s = diff(text(scopeFilter), original.scopeFilter());
        WebhookThresholdConfig th = advanced.thresholds();
        th = Objects.equals(th, original.thresholds()) ? null : th;
        WebhookRetryPolicy rp = advanced.retryPolicy().withDefaults();
        WebhookRetryPolicy before = original.retryPolicy() == null ? WebhookRetryPolicy.DEFAULTS : original.retryPolicy().withDefaults();
        rp = rp.equals(before) ? null : rp;
        Long da = advanced.disableAfterFailures();
        da = da == null || original.disableAfterFailures() != null && da == original.disableAfterFailures().longValue() ? null : da;
        Map<String, Object> md = WebhookMetadata.parse(metadata.get());
        md = md.equals(original.metadata() == null ? Map.of() : original.metadata()) ? null : md;
        if (n == null && d == null && u == null && t == null && c == null && s == null && th == null && rp == null && da == null && md == null) {
            return null;
        }
        return new WebhookUpdateRequest(n, d, u, t, c, s, th, null, null, rp, da, null, md);
    }

    /** The metadata of a new subscription, or null when none is typed. */
    private Map<String, Object> newMetadata() {
        Map<String, Object> m = WebhookMetadata.parse(metadata.get());
        return m.isEmpty() ? null : m;
    }

    /** The chosen entries in the spec's order (as the server lists them back). */
    static List<String> ordered(Set<String> chosen, List<String> order) {
        return order.stream().filter(chosen::contains).toList();
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l;
    }

    /** The new text when it differs; "" clears a name or description. */
    private static String diff(String now, String before) {
        String b = before == null ? "" : before;
        return now.equals(b) ? null : now;
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    private static String blank(StringProperty p) {
        String t = text(p);
        return t.isEmpty() ? null : t;
    }

    public WebhookSubscription original() { return original; }
    public StringProperty nameProperty() { return name; }
    public StringProperty descriptionProperty() { return description; }
    public StringProperty urlProperty() { return url; }
    public StringProperty tenantProperty() { return tenant; }
    public TenantChoices tenantChoices() { return tenantChoices; }
    public StringProperty scopeFilterProperty() { return scopeFilter; }
    public StringProperty metadataProperty() { return metadata; }
    public ObservableSet<String> types() { return types; }
    public ObservableSet<String> categories() { return categories; }
    WebhookAdvanced advanced() { return advanced; }
    public ObjectProperty<WebhookSecurityConfig> securityProperty() { return security; }
    public ObjectProperty<UrlCheck.Verdict> verdictProperty() { return verdict; }
    public StringProperty serverErrorProperty() { return serverError; }
    public BooleanProperty submittingProperty() { return submitting; }
    public StringBinding problemProperty() { return problem; }
    public StringBinding boundaryProperty() { return boundary; }
}
