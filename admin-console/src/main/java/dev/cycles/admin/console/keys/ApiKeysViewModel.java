package dev.cycles.admin.console.keys;

import dev.cycles.admin.console.common.Ctx;
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
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** API keys across tenants: filters (tenant, status, expiring soon, search, show revoked), paging, revoke. */
public final class ApiKeysViewModel {
    public static final Duration EXPIRING_SOON = Duration.ofDays(7);

    private final Ctx ctx;
    private final Clock clock;
    private final ObservableList<ApiKey> loaded = FXCollections.observableArrayList();
    private final FilteredList<ApiKey> visible = new FilteredList<>(loaded, k -> true);
    private final StringProperty tenantFilter = new SimpleStringProperty("");
    private final ObjectProperty<ApiKeyStatus> statusFilter = new SimpleObjectProperty<>();
    private final BooleanProperty expiringSoon = new SimpleBooleanProperty(false);
    private final BooleanProperty showRevoked = new SimpleBooleanProperty(false);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(false);
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<ApiKey> selected = new SimpleObjectProperty<>();
    private String nextCursor;
    private int pageSize = 100;

    public ApiKeysViewModel(Ctx ctx) {
        this(ctx, Clock.systemUTC());
    }

    public ApiKeysViewModel(Ctx ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        search.addListener((o, a, b) -> applyFilter());
        expiringSoon.addListener((o, a, b) -> applyFilter());
        showRevoked.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> refresh());
        tenantFilter.addListener((o, a, b) -> applyFilter());
    }

    /** Rows per page (the server caps it at 100). */
    public void setPageSize(int size) {
        pageSize = size;
    }

    public void refresh() {
        load(null);
    }

    public void loadMore() {
        if (hasMore.get() && nextCursor != null) {
            load(nextCursor);
        }
    }

    /** The tenant box filters locally as you type; Refresh (or Enter) asks the server for that tenant only. */
    private void load(String cursor) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        String tenant = tenantFilter.get() == null ? "" : tenantFilter.get().trim();
        if (!tenant.isEmpty()) {
            q.put("tenant_id", tenant);
        }
        if (statusFilter.get() != null) {
            q.put("status", statusFilter.get().name());
        }
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        ctx.async().run("Load API keys", () -> ctx.session().client().listApiKeys(q), r -> accept(r, cursor != null),
                e -> ctx.status().error("Load API keys", e));
    }

    private void accept(ApiKeyListResponse r, boolean append) {
        String keep = selected.get() == null ? null : selected.get().keyId();
        if (append) {
            loaded.addAll(r.keys());
        } else {
            loaded.setAll(r.keys());
        }
        nextCursor = r.nextCursor();
        hasMore.set(r.hasMore() && r.nextCursor() != null);
        applyFilter();
        if (keep != null) {
            selected.set(loaded.stream().filter(k -> k.keyId().equals(keep)).findFirst().orElse(null));
        }
    }

    /** Whether an ACTIVE key expires within {@link #EXPIRING_SOON} of {@code now}. */
    public static boolean expiresSoon(ApiKey k, Instant now) {
        return k.status() == ApiKeyStatus.ACTIVE && k.expiresAt() != null
                && !k.expiresAt().isAfter(now.plus(EXPIRING_SOON));
    }

    public static Predicate<ApiKey> filter(String tenant, ApiKeyStatus status, boolean expiringSoon, boolean showRevoked,
                                           String search, Instant now) {
        String t = tenant == null ? "" : tenant.trim().toLowerCase(Locale.ROOT);
        String s = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        return k -> (t.isEmpty() || k.tenantId().toLowerCase(Locale.ROOT).contains(t))
                && (status == null || k.status() == status)
                && (!expiringSoon || expiresSoon(k, now))
                && (showRevoked || status != null || k.status() == ApiKeyStatus.ACTIVE)
                && (s.isEmpty() || k.keyId().toLowerCase(Locale.ROOT).contains(s)
                || (k.name() != null && k.name().toLowerCase(Locale.ROOT).contains(s))
                || (k.keyPrefix() != null && k.keyPrefix().toLowerCase(Locale.ROOT).contains(s)));
    }

    private void applyFilter() {
        visible.setPredicate(filter(tenantFilter.get(), statusFilter.get(), expiringSoon.get(), showRevoked.get(),
                search.get(), clock.instant()));
        long hidden = loaded.stream().filter(k -> k.status() != ApiKeyStatus.ACTIVE).count();
        summary.set(visible.size() + " of " + loaded.size() + " loaded keys" + (hasMore.get() ? " (more available)" : "")
                + (!showRevoked.get() && statusFilter.get() == null && hidden > 0 ? ", " + hidden + " revoked/expired hidden" : ""));
    }

    public void revoke(ApiKey k, String reason, Runnable done) {
        String what = "Revoke key " + k.keyId();
        ctx.async().run(what, () -> ctx.session().client().revokeApiKey(k.keyId(), reason), updated -> {
            replace(updated);
            ctx.status().info(what + ": revoked");
            done.run();
        }, e -> ctx.status().error(what, e));
    }

    void replace(ApiKey updated) {
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).keyId().equals(updated.keyId())) {
                loaded.set(i, updated);
                applyFilter();
                if (selected.get() != null && selected.get().keyId().equals(updated.keyId())) {
                    selected.set(updated);
                }
                return;
            }
        }
        loaded.add(0, updated);
        applyFilter();
    }

    /** After a create: the list shows the new key (secret never stored here). */
    public void created() {
        refresh();
    }

    public boolean isExpiringSoon(ApiKey k) {
        return expiresSoon(k, clock.instant());
    }

    public ObservableList<ApiKey> visibleKeys() {
        return visible;
    }

    public ObservableList<ApiKey> loadedKeys() {
        return loaded;
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
        return hasMore;
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
}
