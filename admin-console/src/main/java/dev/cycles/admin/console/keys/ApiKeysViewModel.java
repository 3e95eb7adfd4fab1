package dev.cycles.admin.console.keys;

import dev.cycles.admin.console.common.FilterMap;
import dev.cycles.admin.console.common.domain.KeyExpiry;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.TenantChoices;
import dev.cycles.admin.console.common.Export;
import dev.cycles.admin.console.common.PagedList;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyListResponse;
import dev.cycles.admin.model.ApiKeyStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** API keys across tenants: filters (tenant, status, expiring soon, search, show revoked), paging, revoke. */
public final class ApiKeysViewModel {
    public static final Duration EXPIRING_SOON = KeyExpiry.EXPIRING_SOON;

    private final Ctx ctx;
    private final Clock clock;
    private final PagedList<ApiKey> list;
    private final StringProperty tenantFilter = new SimpleStringProperty("");
    private final ObjectProperty<ApiKeyStatus> statusFilter = new SimpleObjectProperty<>();
    private final BooleanProperty expiringSoon = new SimpleBooleanProperty(false);
    private final BooleanProperty showRevoked = new SimpleBooleanProperty(false);
    /** Loaded rows the terminal filter hides, for "Show revoked / expired (N)". */
    private final javafx.beans.property.LongProperty terminalCount = new javafx.beans.property.SimpleLongProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<ApiKey> selected = new SimpleObjectProperty<>();
    private final TenantChoices tenantChoices = new TenantChoices(tenantFilter);
    private String queriedTenant = "";
    private int pageSize = 100;

    public ApiKeysViewModel(Ctx ctx) {
        this(ctx, Clock.systemUTC());
    }

    public ApiKeysViewModel(Ctx ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        this.list = new PagedList<>(ApiKey::keyId, ctx, "Load API keys", this::pageRequest, this::accept);
        search.addListener((o, a, b) -> applyFilter());
        expiringSoon.addListener((o, a, b) -> applyFilter());
        showRevoked.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> refresh());
        tenantFilter.addListener((o, a, b) -> {
            applyFilter();
            if ((b == null || b.isBlank()) && !queriedTenant.isEmpty()) {
                refresh(); // cleared: back to every tenant's keys
            }
        });
    }

    /** Rows per page (the server caps it at 100). */
    public void setPageSize(int size) {
        pageSize = size;
    }

    public void refresh() {
        list.loadFirstPage();
        loadTenantChoices();
    }

    /** The tenant picker's entries: every tenant id the server knows, closed last. */
    public void loadTenantChoices() {
        tenantChoices.load(ctx);
    }

    /** The tenant the last server query was for ("" = all). */
    public String queriedTenant() {
        return queriedTenant;
    }

    public TenantChoices tenantChoices() {
        return tenantChoices;
    }

    public void loadMore() {
        list.loadMore();
    }

    /** The server side of the filters (tenant, status), one page's worth. */
    private Map<String, String> serverQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        String tenant = tenantFilter.get() == null ? "" : tenantFilter.get().trim();
        if (!tenant.isEmpty()) {
            q.put("tenant_id", tenant);
        }
        if (statusFilter.get() != null) {
            q.put("status", statusFilter.get().name());
        }
        return q;
    }

    /** The tenant box filters locally as you type; Refresh (or Enter) asks the server for that tenant only. */
    private Supplier<Export.Page<ApiKey>> pageRequest(String cursor) {
        Map<String, String> q = serverQuery();
        queriedTenant = q.getOrDefault("tenant_id", "");
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        return () -> fetchPage(q);
    }

    /** One page of the list endpoint for a full query. Blocking. */
    private Export.Page<ApiKey> fetchPage(Map<String, String> q) {
        ApiKeyListResponse r = ctx.session().client().listApiKeys(q);
        return new Export.Page<>(r.keys(), r.nextCursor(), r.hasMore());
    }

    /** Every page of the current server query, with the screen's local filters, to a file. */
    public Export.Spec<ApiKey> exportSpec() {
        Map<String, String> q = serverQuery();
        q.put("limit", "100");
        Predicate<ApiKey> keep = filter(tenantFilter.get(), statusFilter.get(), expiringSoon.get(), showRevoked.get(), search.get(), clock.instant());
        return new Export.Spec<>("api-keys", Export.Pager.over(q, this::fetchPage), keep, java.util.List.of(
                new Export.Column<>("key_id", ApiKey::keyId),
                new Export.Column<>("key_prefix", ApiKey::keyPrefix),
                new Export.Column<>("tenant_id", ApiKey::tenantId),
                new Export.Column<>("name", ApiKey::name),
                new Export.Column<>("status", ApiKey::status),
                new Export.Column<>("permissions", k -> k.permissions() == null ? "" : String.join(" ", k.permissions())),
                new Export.Column<>("scope_filter", k -> k.scopeFilter() == null ? "" : String.join(" ", k.scopeFilter())),
                new Export.Column<>("created_at", ApiKey::createdAt),
                new Export.Column<>("expires_at", ApiKey::expiresAt)));
    }

    /** Opens the audit browser on what was done to this key. */
    public void activity(ApiKey k) {
        if (k != null) {
            dev.cycles.admin.console.common.domain.ActivityLinks.key(ctx.nav(), k);
        }
    }

    /** Resets the filters, then applies the named ones (tenant, expiring). */
    public void applyFilters(Map<String, String> f) {
        tenantFilter.set(FilterMap.text(f, "tenant"));
        statusFilter.set(FilterMap.enumOf(ApiKeyStatus.class, f, "status"));
        search.set(FilterMap.text(f, "search"));
        showRevoked.set(FilterMap.flag(f, "show_revoked"));
        expiringSoon.set(FilterMap.flag(f, "expiring"));
    }

    /** The filters as {@link #applyFilters} reads them (saved filters). */
    public Map<String, String> currentFilters() {
        Map<String, String> f = new LinkedHashMap<>();
        FilterMap.put(f, "tenant", tenantFilter.get());
        FilterMap.put(f, "status", statusFilter.get());
        FilterMap.put(f, "search", search.get());
        FilterMap.put(f, "show_revoked", showRevoked.get());
        FilterMap.put(f, "expiring", expiringSoon.get());
        return f;
    }

    private void accept(Export.Page<ApiKey> page, boolean append) {
        String keep = selected.get() == null ? null : selected.get().keyId();
        list.store(page, append);
        applyFilter();
        if (keep != null) {
            selected.set(list.find(keep).orElse(null));
        }
    }

    public static Predicate<ApiKey> filter(String tenant, ApiKeyStatus status, boolean expiringSoon, boolean showRevoked,
                                           String search, Instant now) {
        String t = tenant == null ? "" : tenant.trim().toLowerCase(Locale.ROOT);
        String s = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        return k -> (t.isEmpty() || k.tenantId().toLowerCase(Locale.ROOT).contains(t))
                && (status == null || k.status() == status)
                && (!expiringSoon || KeyExpiry.expiresSoon(k, now))
                && (showRevoked || status != null || k.status() == ApiKeyStatus.ACTIVE)
                && (s.isEmpty() || k.keyId().toLowerCase(Locale.ROOT).contains(s)
                || (k.name() != null && k.name().toLowerCase(Locale.ROOT).contains(s))
                || (k.keyPrefix() != null && k.keyPrefix().toLowerCase(Locale.ROOT).contains(s)));
    }

    private void applyFilter() {
        list.filter(filter(tenantFilter.get(), statusFilter.get(), expiringSoon.get(), showRevoked.get(),
                search.get(), clock.instant()));
        long hidden = list.loaded().stream().filter(k -> k.status() != ApiKeyStatus.ACTIVE).count();
        terminalCount.set(hidden);
        summary.set(list.shownOfLoaded("keys")
                + (!showRevoked.get() && statusFilter.get() == null && hidden > 0 ? ", " + hidden + " revoked/expired hidden" : ""));
    }

    public void revoke(ApiKey k, String reason, Runnable done) {
        revoke(k, reason, done, e -> { });
    }

    /** Revokes; a refusal goes to the status line and to {@code failed} (the dialog shows it inline). */
    public void revoke(ApiKey k, String reason, Runnable done, java.util.function.Consumer<dev.cycles.admin.console.client.AdminApiException> failed) {
        String what = "Revoke key " + k.keyId();
        ctx.async().run(what, () -> ctx.session().client().revokeApiKey(k.keyId(), reason), updated -> {
            replace(updated);
            ctx.status().info(what + ": revoked");
            done.run();
        }, e -> {
            ctx.status().error(what, e);
            failed.accept(e);
        });
    }

    /** Puts a changed key in place (or first, when not loaded); a selected one shows the change. */
    void replace(ApiKey updated) {
        boolean wasLoaded = list.replaceOrPrepend(updated);
        applyFilter();
        if (wasLoaded && selected.get() != null && selected.get().keyId().equals(updated.keyId())) {
            selected.set(updated);
        }
    }

    /** After a create: the list shows the new key (secret never stored here). */
    public void created() {
        refresh();
    }

    public boolean isExpiringSoon(ApiKey k) {
        return KeyExpiry.expiresSoon(k, clock.instant());
    }

    public ObservableList<ApiKey> visibleKeys() {
        return list.visible();
    }

    public ObservableList<ApiKey> loadedKeys() {
        return list.loaded();
    }

    public StringProperty tenantFilterProperty() {
        return tenantFilter;
    }

    public ObjectProperty<ApiKeyStatus> statusFilterProperty() {
        return statusFilter;
    }

    public BooleanProperty expiringSoonProperty() {
        return expiringSoon;
    }

    public BooleanProperty showRevokedProperty() {
        return showRevoked;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty hasMoreProperty() {
        return list.hasMoreProperty();
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ObjectProperty<ApiKey> selectedProperty() {
        return selected;
    }

    public Ctx ctx() {
        return ctx;
    }

    /** Loaded revoked or expired keys: the count on the "Show revoked / expired" checkbox. */
    public javafx.beans.property.ReadOnlyLongProperty terminalCountProperty() {
        return terminalCount;
    }
}
