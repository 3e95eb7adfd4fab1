package dev.cycles.admin.console.policies;

import dev.cycles.admin.console.common.domain.PolicyRow;
import dev.cycles.admin.model.ReservationTtl;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.TimeInput;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyStatus;
import dev.cycles.admin.model.PolicyUpdateRequest;
import dev.cycles.admin.model.RateLimits;
import dev.cycles.admin.model.ReservationTtlOverride;
import dev.cycles.admin.model.Scope;
import dev.cycles.admin.model.ScopePattern;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Create or edit a policy. The scope pattern is built from the tenant and one id (or {@code *}
 * for "any") per level, plus "and everything beneath"; it is checked with the shared
 * {@link ScopePattern} grammar and matched against the tenant's existing budgets as you type.
 * Caps, rate limits, TTL override, priority, overage policy, status and effective window.
 */
public final class PolicyFormViewModel {
    public static final List<String> LEVELS = Scope.KINDS.subList(1, Scope.KINDS.size());

    private final Ctx ctx;
    private final PolicyRow editing;
    private final ZoneId zone;
    private final StringProperty tenantId = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final Map<String, StringProperty> levelIds = new LinkedHashMap<>();
    private final BooleanProperty descendants = new SimpleBooleanProperty(false);
    private final StringProperty priority = new SimpleStringProperty("");
    private final ObjectProperty<CommitOveragePolicy> overage = new SimpleObjectProperty<>();
    private final StringProperty maxTokens = new SimpleStringProperty("");
    private final StringProperty maxSteps = new SimpleStringProperty("");
    private final StringProperty cooldownMs = new SimpleStringProperty("");
    private final StringProperty allowTools = new SimpleStringProperty("");
    private final StringProperty denyTools = new SimpleStringProperty("");
    private final StringProperty reservationsPerMinute = new SimpleStringProperty("");
    private final StringProperty commitsPerMinute = new SimpleStringProperty("");
    private final StringProperty defaultTtl = new SimpleStringProperty("");
    private final StringProperty maxTtl = new SimpleStringProperty("");
    private final StringProperty maxExtensions = new SimpleStringProperty("");
    private final StringProperty effectiveFrom = new SimpleStringProperty("");
    private final StringProperty effectiveUntil = new SimpleStringProperty("");
    private final ObjectProperty<PolicyStatus> status = new SimpleObjectProperty<>(PolicyStatus.ACTIVE);
    private final StringProperty serverError = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty(false);
    private final ObservableList<BudgetLedger> tenantBudgets = FXCollections.observableArrayList();
    private final ObservableList<String> matches = FXCollections.observableArrayList();
    private final StringProperty matchSummary = new SimpleStringProperty("");
    private final StringBinding pattern;
    private final StringBinding validation;
    private final BooleanBinding valid;
    private String budgetsLoadedFor = null;

    public PolicyFormViewModel(Ctx ctx, PolicyRow editing, String presetTenant) {
        this(ctx, editing, presetTenant, ZoneId.systemDefault());
    }

    public PolicyFormViewModel(Ctx ctx, PolicyRow editing, String presetTenant, ZoneId zone) {
        this.ctx = ctx;
        this.editing = editing;
        this.zone = zone;
        for (String kind : LEVELS) {
            levelIds.put(kind, new SimpleStringProperty(""));
        }
        if (editing != null) {
            Policy p = editing.policy();
            tenantId.set(editing.tenantId());
            name.set(p.name());
            description.set(p.description() == null ? "" : p.description());
            priority.set(p.priority() == null ? "" : p.priority().toString());
            overage.set(p.commitOveragePolicy());
            if (p.caps() != null) {
                maxTokens.set(num(p.caps().maxTokens()));
                maxSteps.set(num(p.caps().maxStepsRemaining()));
                cooldownMs.set(num(p.caps().cooldownMs()));
                allowTools.set(p.caps().toolAllowlist() == null ? "" : String.join(", ", p.caps().toolAllowlist()));
                denyTools.set(p.caps().toolDenylist() == null ? "" : String.join(", ", p.caps().toolDenylist()));
            }
            if (p.rateLimits() != null) {
                reservationsPerMinute.set(num(p.rateLimits().maxReservationsPerMinute()));
                commitsPerMinute.set(num(p.rateLimits().maxCommitsPerMinute()));
            }
            if (p.reservationTtlOverride() != null) {
                defaultTtl.set(num(p.reservationTtlOverride().defaultTtlMs()));
                maxTtl.set(num(p.reservationTtlOverride().maxTtlMs()));
                maxExtensions.set(num(p.reservationTtlOverride().maxExtensions()));
            }
            effectiveFrom.set(p.effectiveFrom() == null ? "" : TimeInput.LOCAL.format(p.effectiveFrom().atZone(zone)));
            effectiveUntil.set(p.effectiveUntil() == null ? "" : TimeInput.LOCAL.format(p.effectiveUntil().atZone(zone)));
            status.set(p.status());
            ScopePattern sp = ScopePattern.parse(p.scopePattern());
            for (Scope.Segment s : sp.segments().subList(1, sp.segments().size())) {
                levelIds.get(s.kind()).set(s.id());
            }
            descendants.set(sp.descendants());
        } else if (presetTenant != null) {
            tenantId.set(presetTenant.trim());
        }
        List<Observable> deps = new ArrayList<>(levelIds.values());
        deps.add(tenantId);
        deps.add(descendants);
        pattern = Bindings.createStringBinding(this::buildPattern, deps.toArray(Observable[]::new));
        List<Observable> all = new ArrayList<>(deps);
        all.addAll(List.of(name, priority, maxTokens, maxSteps, cooldownMs, reservationsPerMinute, commitsPerMinute,
                defaultTtl, maxTtl, maxExtensions, effectiveFrom, effectiveUntil));
        validation = Bindings.createStringBinding(this::validate, all.toArray(Observable[]::new));
        valid = Bindings.createBooleanBinding(() -> validate().isEmpty(), all.toArray(Observable[]::new));
        pattern.addListener((o, a, b) -> updateMatches());
        tenantBudgets.addListener((javafx.collections.ListChangeListener<BudgetLedger>) c -> updateMatches());
        tenantId.addListener((o, a, b) -> loadBudgets());
        updateMatches();
    }

    private static String num(Long v) {
        return v == null ? "" : String.format(Locale.US, "%,d", v);
    }

    public boolean isEdit() {
        return editing != null;
    }

    /** The pattern text the builder makes ("" while the tenant is empty). */
    String buildPattern() {
        String t = tenantId.get() == null ? "" : tenantId.get().trim();
        if (t.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("tenant:").append(t);
        levelIds.forEach((kind, id) -> {
            String v = id.get() == null ? "" : id.get().trim();
            if (!v.isEmpty()) {
                b.append('/').append(kind).append(':').append(v);
            }
        });
        if (descendants.get()) {
            b.append("/*");
        }
        return b.toString();
    }

    String validate() {
        if (tenantId.get() == null || tenantId.get().isBlank()) {
            return "Choose the tenant the policy belongs to";
        }
        try {
            ScopePattern.parse(buildPattern());
        } catch (IllegalArgumentException e) {
            return "Scope pattern: " + e.getMessage();
        }
        if (name.get() == null || name.get().isBlank()) {
            return "Name is required";
        }
        try {
            integer(priority.get(), "Priority", Long.MIN_VALUE);
            integer(maxTokens.get(), "Max tokens", 0);
            integer(maxSteps.get(), "Max steps remaining", 0);
            integer(cooldownMs.get(), "Cooldown (ms)", 0);
            integer(reservationsPerMinute.get(), "Reservations per minute", 1);
            integer(commitsPerMinute.get(), "Commits per minute", 1);
            Long d = ttl(defaultTtl.get(), "Default TTL");
            Long m = ttl(maxTtl.get(), "Max TTL");
            if (d != null && m != null && d > m) {
                return "Default TTL must not exceed max TTL";
            }
            integer(maxExtensions.get(), "Max extensions", 0);
            Instant f = time(effectiveFrom.get(), "Effective from", false);
            Instant u = time(effectiveUntil.get(), "Effective until", true);
            if (f != null && u != null && !f.isBefore(u)) {
                return "Effective from must be before effective until";
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return "";
    }

    static Long integer(String s, String what, long min) {
        String v = s == null ? "" : s.trim().replace(",", "").replace("_", "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new IllegalArgumentException(what + " must be at least " + min);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": a whole number");
        }
    }

    private static Long ttl(String s, String what) {
        Long v = integer(s, what, 0);
        if (v != null && !ReservationTtl.isValid(v)) {
            throw new IllegalArgumentException(what + " must be 1,000 - 86,400,000 ms");
        }
        return v;
    }

    /** See {@link TimeInput#parse}; local times are in this form's zone. */
    Instant time(String s, String what, boolean endOfDay) {
        return TimeInput.parse(s, what, endOfDay, zone);
    }

    private static List<String> tools(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    Caps caps() {
        Caps c = new Caps(integer(maxTokens.get(), "", 0), integer(maxSteps.get(), "", 0), tools(allowTools.get()),
                tools(denyTools.get()), integer(cooldownMs.get(), "", 0));
        return c.maxTokens() == null && c.maxStepsRemaining() == null && c.toolAllowlist() == null && c.toolDenylist() == null
                && c.cooldownMs() == null ? null : c;
    }

    RateLimits rateLimits() {
        RateLimits r = new RateLimits(integer(reservationsPerMinute.get(), "", 1), integer(commitsPerMinute.get(), "", 1));
        return r.maxReservationsPerMinute() == null && r.maxCommitsPerMinute() == null ? null : r;
    }

    ReservationTtlOverride ttlOverride() {
        ReservationTtlOverride t = new ReservationTtlOverride(integer(defaultTtl.get(), "", 0), integer(maxTtl.get(), "", 0),
                integer(maxExtensions.get(), "", 0));
        return t.defaultTtlMs() == null && t.maxTtlMs() == null && t.maxExtensions() == null ? null : t;
    }

    PolicyCreateRequest createRequest() {
        return new PolicyCreateRequest(tenantId.get().trim(), name.get().trim(), blank(description.get()), buildPattern(),
                integer(priority.get(), "", Long.MIN_VALUE), caps(), overage.get(), ttlOverride(), rateLimits(),
                time(effectiveFrom.get(), "", false), time(effectiveUntil.get(), "", true), null);
    }

    /** Only what changed (null fields stay as they are on the server). */
    PolicyUpdateRequest updateRequest() {
        Policy p = editing.policy();
        String n = name.get().trim();
        String d = blank(description.get());
        Long pr = integer(priority.get(), "", Long.MIN_VALUE);
        Caps c = caps();
        RateLimits r = rateLimits();
        ReservationTtlOverride t = ttlOverride();
        Instant f = time(effectiveFrom.get(), "", false);
        Instant u = time(effectiveUntil.get(), "", true);
        return new PolicyUpdateRequest(n.equals(p.name()) ? null : n,
                Objects.equals(d, p.description()) ? null : d,
                Objects.equals(pr, p.priority() == null ? null : p.priority().longValue()) ? null : pr,
                Objects.equals(c, p.caps()) ? null : c,
                Objects.equals(overage.get(), p.commitOveragePolicy()) ? null : overage.get(),
                Objects.equals(t, p.reservationTtlOverride()) ? null : t,
                Objects.equals(r, p.rateLimits()) ? null : r,
                Objects.equals(f, p.effectiveFrom()) ? null : f,
                Objects.equals(u, p.effectiveUntil()) ? null : u,
                status.get() == p.status() ? null : status.get(), null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Loads the tenant's budgets once per tenant, for the "matches" list. */
    public void loadBudgets() {
        String t = tenantId.get() == null ? "" : tenantId.get().trim();
        if (t.isEmpty() || t.equals(budgetsLoadedFor)) {
            return;
        }
        budgetsLoadedFor = t;
        ctx.async().run("Load budgets of " + t, () -> {
            List<BudgetLedger> all = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("tenant_id", t);
                q.put("limit", "100");
                if (cursor != null) {
                    q.put("cursor", cursor);
                }
                BudgetListResponse r = ctx.session().client().listBudgets(q);
                all.addAll(r.ledgers());
                cursor = r.hasMore() && all.size() < 1000 ? r.nextCursor() : null;
            } while (cursor != null);
            return all;
        }, l -> {
            if (t.equals(budgetsLoadedFor)) {
                tenantBudgets.setAll(l);
            }
        }, e -> {
            tenantBudgets.clear();
            matchSummary.set("Budgets of " + t + " unavailable: " + e.code());
        });
    }

    /** Which of the tenant's budgets the current pattern matches (shared-model matching). */
    public static List<String> matching(String pattern, List<BudgetLedger> budgets) {
        ScopePattern sp = ScopePattern.parse(pattern);
        return budgets.stream().filter(b -> {
            try {
                return sp.matches(Scope.parse(b.scope()));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }).map(b -> b.scope() + "  (" + dev.cycles.admin.console.common.Amounts.unitLabel(b.unit()) + ")").toList();
    }

    private void updateMatches() {
        String p = buildPattern();
        if (p.isEmpty() || !ScopePattern.isValid(p)) {
            matches.clear();
            matchSummary.set(p.isEmpty() ? "Choose a tenant to see its budgets" : "The pattern is not valid yet");
            return;
        }
        List<String> m = matching(p, tenantBudgets);
        matches.setAll(m);
        matchSummary.set("Matches " + m.size() + " of " + tenantBudgets.size() + " existing budgets of " + tenantId.get().trim());
    }

    public void submit(Consumer<PolicyRow> onSaved) {
        if (!valid.get() || submitting.get()) {
            return;
        }
        serverError.set("");
        submitting.set(true);
        String t = tenantId.get().trim();
        String what = isEdit() ? "Save policy " + editing.policy().name() : "Create policy " + name.get().trim();
        ctx.async().run(what, () -> isEdit()
                ? ctx.session().client().updatePolicy(editing.policy().policyId(), updateRequest())
                : ctx.session().client().createPolicy(createRequest()), p -> {
            submitting.set(false);
            ctx.status().info(what + ": done");
            onSaved.accept(new PolicyRow(t, p));
        }, (AdminApiException e) -> {
            submitting.set(false);
            serverError.set(e.code() + ": " + e.getMessage());
            ctx.status().error(what, e);
        });
    }

    public StringProperty tenantIdProperty() { return tenantId; }
    public StringProperty nameProperty() { return name; }
    public StringProperty descriptionProperty() { return description; }
    public StringProperty levelIdProperty(String kind) { return levelIds.get(kind); }
    public BooleanProperty descendantsProperty() { return descendants; }
    public StringProperty priorityProperty() { return priority; }
    public ObjectProperty<CommitOveragePolicy> overageProperty() { return overage; }
    public StringProperty maxTokensProperty() { return maxTokens; }
    public StringProperty maxStepsProperty() { return maxSteps; }
    public StringProperty cooldownMsProperty() { return cooldownMs; }
    public StringProperty allowToolsProperty() { return allowTools; }
    public StringProperty denyToolsProperty() { return denyTools; }
    public StringProperty reservationsPerMinuteProperty() { return reservationsPerMinute; }
    public StringProperty commitsPerMinuteProperty() { return commitsPerMinute; }
    public StringProperty defaultTtlProperty() { return defaultTtl; }
    public StringProperty maxTtlProperty() { return maxTtl; }
    public StringProperty maxExtensionsProperty() { return maxExtensions; }
    public StringProperty effectiveFromProperty() { return effectiveFrom; }
    public StringProperty effectiveUntilProperty() { return effectiveUntil; }
    public ObjectProperty<PolicyStatus> statusProperty() { return status; }
    public StringProperty serverErrorProperty() { return serverError; }
    public BooleanProperty submittingProperty() { return submitting; }
    public ObservableList<String> matches() { return matches; }
    public StringProperty matchSummaryProperty() { return matchSummary; }
    public StringBinding patternProperty() { return pattern; }
    public StringBinding validationProperty() { return validation; }
    public BooleanBinding validProperty() { return valid; }
}
