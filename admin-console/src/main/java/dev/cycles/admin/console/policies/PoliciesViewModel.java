package dev.cycles.admin.console.policies;

import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.common.domain.PolicyRow;
import dev.cycles.admin.console.common.domain.PolicyQueries;
import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.TenantChoices;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyListResponse;
import dev.cycles.admin.model.PolicyStatus;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantListResponse;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Policies of one tenant, or of every tenant (the admin API lists per tenant, so the
 * cross-tenant view asks each tenant in turn). Local search and status filter; selection.
 */
public final class PoliciesViewModel {
    private final Ctx ctx;
    private final Clock clock;
    /** Not paged: a refresh reads every page of every tenant asked for. */
    private final PagedList<PolicyRow> list = new PagedList<>(r -> r.policy().policyId());
    private final StringProperty tenantFilter = new SimpleStringProperty("");
    private final ObjectProperty<PolicyStatus> statusFilter = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<PolicyRow> selected = new SimpleObjectProperty<>();
    private final TenantChoices tenantChoices = new TenantChoices(tenantFilter);

    public PoliciesViewModel(Ctx ctx) {
        this(ctx, Clock.systemUTC());
    }

    public PoliciesViewModel(Ctx ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        search.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> applyFilter());
    }

    public static Predicate<PolicyRow> filter(String search, PolicyStatus status) {
        String s = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        return r -> (status == null || r.policy().status() == status)
                && (s.isEmpty() || r.policy().name().toLowerCase(Locale.ROOT).contains(s)
                || r.policy().scopePattern().toLowerCase(Locale.ROOT).contains(s)
                || r.policy().policyId().toLowerCase(Locale.ROOT).contains(s)
                || r.tenantId().contains(s));
    }

    private void applyFilter() {
        list.filter(filter(search.get(), statusFilter.get()));
        String t = tenant();
        int loaded = list.loaded().size();
        summary.set(list.visible().size() + " of " + loaded + (loaded == 1 ? " policy" : " policies")
                + (t.isEmpty() ? " across all tenants" : " of " + t));
    }

    private String tenant() {
        return tenantFilter.get() == null ? "" : tenantFilter.get().trim();
    }

    /** Every tenant id, all pages (the shared picker's list). Blocking. */
    public static List<String> allTenantIds(AdminApi c) {
        return TenantChoices.allTenants(c);
    }

    public void refresh() {
        String t = tenant();
        String what = t.isEmpty() ? "Load policies of every tenant" : "Load policies of " + t;
        ctx.async().run(what, () -> {
            AdminApi c = ctx.session().client();
            List<String> tenants = allTenantIds(c);
            List<PolicyRow> rows = new ArrayList<>();
            for (String id : t.isEmpty() ? tenants : List.of(t)) {
                rows.addAll(PolicyQueries.policiesOf(c, id));
            }
            return new Object[] {tenants, rows};
        }, r -> {
            @SuppressWarnings("unchecked") List<String> tenants = (List<String>) r[0];
            @SuppressWarnings("unchecked") List<PolicyRow> rows = (List<PolicyRow>) r[1];
            tenantChoices.set(tenants);
            String keepId = selected.get() == null ? null : selected.get().policy().policyId();
            list.loaded().setAll(rows);
            applyFilter();
            selected.set(keepId == null ? null : list.find(keepId).orElse(null));
        }, e -> ctx.status().error(what, e));
    }

    /** After a create or edit: the row in place (or first), selected. */
    public void replace(PolicyRow row) {
        list.replaceOrPrepend(row);
        applyFilter();
        selected.set(row);
    }

    /** "in force", "scheduled", "expired" or "disabled" at the clock's now. */
    public String state(Policy p) {
        if (p.status() == PolicyStatus.DISABLED) {
            return "DISABLED";
        }
        var now = clock.instant();
        if (p.effectiveFrom() != null && now.isBefore(p.effectiveFrom())) {
            return "SCHEDULED";
        }
        if (p.effectiveUntil() != null && !now.isBefore(p.effectiveUntil())) {
            return "EXPIRED";
        }
        return "ACTIVE";
    }

    public static String window(Policy p) {
        if (p.effectiveFrom() == null && p.effectiveUntil() == null) {
            return "always";
        }
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneId.systemDefault());
        if (p.effectiveUntil() == null) {
            return "from " + f.format(p.effectiveFrom());
        }
        if (p.effectiveFrom() == null) {
            return "until " + f.format(p.effectiveUntil());
        }
        return f.format(p.effectiveFrom()) + " → " + f.format(p.effectiveUntil());
    }

    /** Every policy of the current tenant filter (or every tenant), to a file. */
    public Export.Spec<PolicyRow> exportSpec() {
        String t = tenant();
        Predicate<PolicyRow> keep = filter(search.get(), statusFilter.get());
        List<String> tenants = new ArrayList<>();
        return new Export.Spec<>("policies", cursor -> {
            AdminApi c = ctx.session().client();
            if (cursor == null) {
                tenants.clear();
                tenants.addAll(t.isEmpty() ? allTenantIds(c) : List.of(t));
            }
            int i = cursor == null ? 0 : Integer.parseInt(cursor);
            if (tenants.isEmpty()) {
                return new Export.Page<>(List.of(), null, false);
            }
            List<PolicyRow> rows = PolicyQueries.policiesOf(c, tenants.get(i));
            boolean more = i + 1 < tenants.size();
            return new Export.Page<>(rows, more ? Integer.toString(i + 1) : null, more);
        }, keep, List.of(
                new Export.Column<>("tenant_id", PolicyRow::tenantId),
                new Export.Column<>("policy_id", r -> r.policy().policyId()),
                new Export.Column<>("name", r -> r.policy().name()),
                new Export.Column<>("scope_pattern", r -> r.policy().scopePattern()),
                new Export.Column<>("priority", r -> r.policy().priority()),
                new Export.Column<>("status", r -> r.policy().status()),
                new Export.Column<>("max_tokens", r -> r.policy().caps() == null ? null : r.policy().caps().maxTokens()),
                new Export.Column<>("max_steps_remaining", r -> r.policy().caps() == null ? null : r.policy().caps().maxStepsRemaining()),
                new Export.Column<>("cooldown_ms", r -> r.policy().caps() == null ? null : r.policy().caps().cooldownMs()),
                new Export.Column<>("max_reservations_per_minute", r -> r.policy().rateLimits() == null ? null : r.policy().rateLimits().maxReservationsPerMinute()),
                new Export.Column<>("max_commits_per_minute", r -> r.policy().rateLimits() == null ? null : r.policy().rateLimits().maxCommitsPerMinute()),
                new Export.Column<>("commit_overage_policy", r -> r.policy().commitOveragePolicy()),
                new Export.Column<>("effective_from", r -> r.policy().effectiveFrom()),
                new Export.Column<>("effective_until", r -> r.policy().effectiveUntil()),
                new Export.Column<>("created_at", r -> r.policy().createdAt())));
    }

    public void activity(PolicyRow r) {
        if (r != null) {
            dev.cycles.admin.console.common.domain.ActivityLinks.policy(ctx.nav(), r.policy());
        }
    }

    /** Resets the filters, then applies the named ones (tenant, search, status): drill-downs and saved filters. */
    public void applyFilters(Map<String, String> f) {
        search.set(FilterMap.text(f, "search"));
        statusFilter.set(FilterMap.enumOf(PolicyStatus.class, f, "status"));
        tenantFilter.set(FilterMap.text(f, "tenant"));
    }

    /** The filters as {@link #applyFilters} reads them (saved filters). */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new LinkedHashMap<>();
        FilterMap.put(f, "tenant", tenantFilter.get());
        FilterMap.put(f, "search", search.get());
        FilterMap.put(f, "status", statusFilter.get());
        return f;
    }

    public ObservableList<PolicyRow> visibleRows() { return list.visible(); }
    public ObservableList<PolicyRow> loadedRows() { return list.loaded(); }
    public StringProperty tenantFilterProperty() { return tenantFilter; }
    public ObjectProperty<PolicyStatus> statusFilterProperty() { return statusFilter; }
    public StringProperty searchProperty() { return search; }
    public StringProperty summaryProperty() { return summary; }
    public ObjectProperty<PolicyRow> selectedProperty() { return selected; }
    public ObservableList<String> tenantChoices() { return tenantChoices.ids(); }
    public TenantChoices tenantPicker() { return tenantChoices; }
    public Ctx ctx() { return ctx; }
}
