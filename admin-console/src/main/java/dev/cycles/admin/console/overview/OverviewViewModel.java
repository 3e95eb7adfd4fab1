package dev.cycles.admin.console.overview;

import dev.cycles.admin.console.client.AdminApi;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.domain.KeyExpiry;
import dev.cycles.admin.console.common.domain.BudgetUtilization;
import dev.cycles.admin.model.AdminOverviewResponse;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyListResponse;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.AuditLogListResponse;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.UnitEnum;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The overview: counts and attention items from GET /v1/admin/overview, plus what the console
 * adds from the lists (keys expiring soon, failed requests of the last 24 hours), and the data of
 * three charts: utilization across the fleet, spend by tenant, audit activity per hour.
 */
public final class OverviewViewModel {
    /** A thing to look at, and the filtered list that shows it (target null: no list for it). */
    public record Attention(String severity, String text, Nav.Target target, Map<String, String> filter) {
    }

    /** A part of a tile's breakdown ("1 frozen") and the filtered list it opens (target null: none). */
    public record Link(String text, Nav.Target target, Map<String, String> filter) {
    }

    /** One tile: a big number, what it counts, the list it opens, and its breakdown. */
    public record Tile(String id, String value, String label, Nav.Target target, Map<String, String> filter, List<Link> parts) {
        /** The breakdown as one line ("2 active · 1 suspended"). */
        public String detail() {
            return String.join(" · ", parts.stream().map(Link::text).toList());
        }
    }

    /** Everything one refresh fetched (off the FX thread); {@code recent}: the newest audit rows, newest first. */
    record Snapshot(AdminOverviewResponse overview, List<ApiKey> keys, List<AuditLogEntry> audit, List<BudgetLedger> budgets,
                    List<AuditLogEntry> recent) {
        Snapshot(AdminOverviewResponse overview, List<ApiKey> keys, List<AuditLogEntry> audit, List<BudgetLedger> budgets) {
            this(overview, keys, audit, budgets, List.of());
        }
    }

    /** How many named items an attention line lists before "+N more". */
    static final int NAMED = 3;
    /** Rows of recent operator activity. */
    static final int RECENT = 10;

    public static final List<String> UTILIZATION_BANDS = List.of("0-25%", "25-50%", "50-75%", "75-90%", "90-100%", "over 100%");
    static final int MAX_PAGES = 10;

    private final Ctx ctx;
    private final Clock clock;
    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    private final ObservableList<Attention> attention = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, Long>> utilization = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, Long>> spend = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, Long>> activity = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, Long>> failures = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, Long>> tenantStatus = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, Long>> budgetStatus = FXCollections.observableArrayList();
    private final ObservableList<AuditLogEntry> recent = FXCollections.observableArrayList();
    private final ObservableList<UnitEnum> spendUnits = FXCollections.observableArrayList();
    private final ObjectProperty<UnitEnum> spendUnit = new SimpleObjectProperty<>();
    private final StringProperty asOf = new SimpleStringProperty("");
    private Snapshot last;

    public OverviewViewModel(Ctx ctx) {
        this(ctx, Clock.systemUTC());
    }

    public OverviewViewModel(Ctx ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        spendUnit.addListener((o, a, b) -> {
            if (last != null && b != null) {
                spend.setAll(spendByTenant(last.budgets(), b).entrySet());
            }
        });
    }

    public void refresh() {
        Instant since = clock.instant().minus(Duration.ofHours(24));
        // the server's overview is required; each list after it may fail alone: the rest still shows
        // (per-card degradation) and the status line names what is missing
        List<String> missing = new ArrayList<>();
        dev.cycles.admin.console.client.AdminApiException[] firstFailure = new dev.cycles.admin.console.client.AdminApiException[1];
        ctx.async().run("Load overview", () -> {
            AdminApi c = ctx.session().client();
            AdminOverviewResponse o = c.overview();
            // rows owned by CLOSED tenants are left out (their cascade may not have finished)
            java.util.Set<String> closed = new java.util.HashSet<>(orEmpty("closed tenants", missing, firstFailure, () -> pages(cursor -> {
                Map<String, String> q = query(cursor);
                q.put("status", "CLOSED");
                TenantListResponse r = c.listTenants(q);
                return new Object[] {r.tenants().stream().map(Tenant::tenantId).toList(), r.hasMore() ? r.nextCursor() : null};
            })));
            List<ApiKey> keys = orEmpty("API keys", missing, firstFailure, () -> pages(cursor -> {
                Map<String, String> q = query(cursor);
                q.put("status", "ACTIVE");
                ApiKeyListResponse r = c.listApiKeys(q);
                return new Object[] {r.keys(), r.hasMore() ? r.nextCursor() : null};
            }));
            List<AuditLogEntry> audit = orEmpty("audit log", missing, firstFailure, () -> pages(cursor -> {
                Map<String, String> q = query(cursor);
                q.put("from", since.toString());
                AuditLogListResponse r = c.listAuditLogs(q);
                return new Object[] {r.logs(), r.hasMore() ? r.nextCursor() : null};
            }));
            List<BudgetLedger> budgets = orEmpty("budgets", missing, firstFailure, () -> pages(cursor -> {
                BudgetListResponse r = c.listBudgets(query(cursor));
                return new Object[] {r.ledgers(), r.hasMore() ? r.nextCursor() : null};
            }));
            Map<String, String> newest = new LinkedHashMap<>();
            newest.put("limit", String.valueOf(RECENT));
            newest.put("sort_by", "timestamp");
            newest.put("sort_dir", "desc");
            List<AuditLogEntry> recentRows = orEmpty("recent activity", missing, firstFailure, () -> c.listAuditLogs(newest).logs());
            return new Snapshot(o, keys.stream().filter(k -> !closed.contains(k.tenantId())).toList(), audit,
                    budgets.stream().filter(b -> !closed.contains(b.tenantId())).toList(), recentRows);
        }, snap -> {
            accept(snap);
            if (!missing.isEmpty()) {
                ctx.status().error("Load overview (without " + String.join(", ", missing) + ")", firstFailure[0]);
            }
        }, e -> ctx.status().error("Load overview", e));
    }

    private static Map<String, String> query(String cursor) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", "100");
        if (cursor != null) {
            q.put("cursor", cursor);
        }
        return q;
    }

    /** One list of the overview, or nothing when it fails (named in {@code missing}; the first failure kept). */
    private static <T> List<T> orEmpty(String what, List<String> missing, dev.cycles.admin.console.client.AdminApiException[] first,
                                       java.util.function.Supplier<List<T>> fetch) {
        try {
            return fetch.get();
        } catch (RuntimeException e) {
            synchronized (missing) {
                missing.add(what);
                if (first[0] == null) {
                    first[0] = dev.cycles.admin.console.client.AdminApiException.of(e);
                }
            }
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> pages(Function<String, Object[]> fetch) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        int n = 0;
        do {
            Object[] r = fetch.apply(cursor);
            all.addAll((List<T>) r[0]);
            cursor = (String) r[1];
        } while (cursor != null && ++n < MAX_PAGES);
        return all;
    }

    void accept(Snapshot s) {
        last = s;
        AdminOverviewResponse o = s.overview();
        Instant now = clock.instant();
        long expiring = s.keys().stream().filter(k -> KeyExpiry.expiresSoon(k, now)).count();
        long failed = s.audit().stream().filter(e -> e.status() != null && e.status() >= 400).count();
        AdminOverviewResponse.TenantCounts tc = o.tenantCounts();
        AdminOverviewResponse.BudgetCounts bc = o.budgetCounts();
        tiles.setAll(
                new Tile("tile-tenants", fmt(tc.total()), "tenants", Nav.Target.TENANTS, Map.of(), List.of(
                        tenantLink(tc.active(), "active", "ACTIVE"), tenantLink(tc.suspended(), "suspended", "SUSPENDED"),
                        tenantLink(tc.closed(), "closed", "CLOSED"))),
                new Tile("tile-budgets", fmt(bc.total()), "budgets", Nav.Target.BUDGETS, Map.of(), List.of(
                        budgetLink(bc.active(), "active", Map.of("status", "ACTIVE")),
                        budgetLink(bc.frozen(), "frozen", Map.of("status", "FROZEN")),
                        budgetLink(bc.closed(), "closed", Map.of("status", "CLOSED")))),
                new Tile("tile-over-limit", fmt(bc.overLimit()), "over limit", Nav.Target.BUDGETS, Map.of("over_limit", "true"),
                        List.of(budgetLink(bc.withDebt(), "with debt", Map.of("has_debt", "true")))),
                new Tile("tile-keys-expiring", fmt(expiring), "keys expiring in 7 days", Nav.Target.KEYS, Map.of("expiring", "true"),
                        List.of(new Link(fmt(s.keys().size()) + " active keys", Nav.Target.KEYS, Map.of()))),
                new Tile("tile-requests", fmt(s.audit().size()), "requests in 24 h", Nav.Target.AUDIT, Map.of("preset", "LAST_24_HOURS"),
                        List.of(new Link(fmt(failed) + " failed", Nav.Target.AUDIT, Map.of("status_min", "400", "preset", "LAST_24_HOURS")))));
        tenantStatus.setAll(List.of(Map.entry("ACTIVE", tc.active()), Map.entry("SUSPENDED", tc.suspended()),
                Map.entry("CLOSED", tc.closed())));
        budgetStatus.setAll(List.of(Map.entry("ACTIVE", bc.active()), Map.entry("FROZEN", bc.frozen()),
                Map.entry("CLOSED", bc.closed())));
        recent.setAll(s.recent().stream().limit(RECENT).toList());
        List<Attention> items = new ArrayList<>();
        if (o.budgetCounts().overLimit() > 0) {
            items.add(new Attention("danger", o.budgetCounts().overLimit() + " budget(s) over limit"
                    + named(o.overLimitScopes().stream().map(AdminOverviewResponse.OverLimitScope::scope).toList(), o.budgetCounts().overLimit()),
                    Nav.Target.BUDGETS, Map.of("over_limit", "true")));
        }
        if (o.budgetCounts().withDebt() > 0) {
            items.add(new Attention("danger", o.budgetCounts().withDebt() + " budget(s) carry debt"
                    + named(o.debtScopes().stream().map(d -> d.scope() + " " + Amounts.formatWithUnit(d.unit(), d.debt())).toList(),
                    o.budgetCounts().withDebt()),
                    Nav.Target.BUDGETS, Map.of("has_debt", "true")));
        }
        if (o.budgetCounts().frozen() > 0) {
            items.add(new Attention("warn", o.budgetCounts().frozen() + " frozen budget(s)", Nav.Target.BUDGETS,
                    Map.of("status", BudgetStatus.FROZEN.name())));
        }
        if (expiring > 0) {
            items.add(new Attention("warn", expiring + " API key(s) expire within 7 days", Nav.Target.KEYS, Map.of("expiring", "true")));
        }
        if (o.tenantCounts().suspended() > 0) {
            items.add(new Attention("warn", o.tenantCounts().suspended() + " suspended tenant(s)", Nav.Target.TENANTS,
                    Map.of("status", "SUSPENDED")));
        }
        if (failed > 0) {
            items.add(new Attention("warn", failed + " failed request(s) in the last 24 hours" + failureBreakdown(s.audit(), failed),
                    Nav.Target.AUDIT, Map.of("status_min", "400", "preset", "LAST_24_HOURS")));
        }
        if (o.webhookCounts().withFailures() > 0) {
            items.add(new Attention("warn", o.webhookCounts().withFailures() + " webhook subscription(s) failing"
                    + named(o.failingWebhooks().stream().map(AdminOverviewResponse.FailingWebhook::url).toList(), o.webhookCounts().withFailures()),
                    Nav.Target.WEBHOOKS, Map.of("failing", "true")));
        }
        if (items.isEmpty()) {
            items.add(new Attention("ok", "Nothing needs attention: no budget over limit or in debt, no key about to expire, no failed request in 24 hours.",
                    null, Map.of()));
        }
        attention.setAll(items);
        utilization.setAll(utilizationHistogram(s.budgets()).entrySet());
        List<UnitEnum> units = s.budgets().stream().map(BudgetLedger::unit).distinct().sorted().toList();
        spendUnits.setAll(units);
        UnitEnum u = spendUnit.get() != null && units.contains(spendUnit.get()) ? spendUnit.get() : mostUsed(s.budgets());
        spendUnit.set(u);
        spend.setAll(u == null ? List.of() : spendByTenant(s.budgets(), u).entrySet());
        Map<String, Long>[] act = hourly(s.audit(), now);
        activity.setAll(act[0].entrySet());
        failures.setAll(act[1].entrySet());
        asOf.set("As of " + dev.cycles.admin.console.common.Fx.dateTime(o.asOf() == null ? now : o.asOf()));
    }

    /**
     * ": a, b, c +4 more" for {@code total} items of which the server named {@code names} (it names
     * at most ten): the names shown plus "+N more" always add up to {@code total}.
     */
    static String named(List<String> names, long total) {
        if (names.isEmpty() || total <= 0) {
            return "";
        }
        List<String> shown = names.subList(0, (int) Math.min(Math.min(NAMED, names.size()), total));
        long more = total - shown.size();
        return ": " + String.join(", ", shown) + (more > 0 ? " +" + fmt(more) + " more" : "");
    }

    /** ": BUDGET_EXCEEDED ×3, HTTP 404 ×1 +2 more": failures by error code (HTTP status when none), adding up to {@code failed}. */
    static String failureBreakdown(List<AuditLogEntry> audit, long failed) {
        Map<String, Long> byCode = new LinkedHashMap<>();
        audit.stream().filter(e -> e.status() != null && e.status() >= 400)
                .forEach(e -> byCode.merge(e.errorCode() != null ? e.errorCode() : "HTTP " + e.status(), 1L, Long::sum));
        List<Map.Entry<String, Long>> top = byCode.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(NAMED + 1).toList();
        long listed = top.stream().mapToLong(Map.Entry::getValue).sum();
        long more = failed - listed;
        return top.isEmpty() ? "" : ": " + String.join(", ", top.stream().map(e -> e.getKey() + " ×" + e.getValue()).toList())
                + (more > 0 ? " +" + fmt(more) + " more" : "");
    }

    private static Link tenantLink(long n, String what, String status) {
        return new Link(fmt(n) + " " + what, Nav.Target.TENANTS, Map.of("status", status));
    }

    private static Link budgetLink(long n, String what, Map<String, String> filter) {
        return new Link(fmt(n) + " " + what, Nav.Target.BUDGETS, filter);
    }

    private static String fmt(long n) {
        return Amounts.count(n);
    }

    /** Budgets (not closed) per utilization band. */
    public static Map<String, Long> utilizationHistogram(List<BudgetLedger> budgets) {
        Map<String, Long> m = new LinkedHashMap<>();
        UTILIZATION_BANDS.forEach(b -> m.put(b, 0L));
        for (BudgetLedger b : budgets) {
            if (b.status() == BudgetStatus.CLOSED) {
                continue;
            }
            double u = BudgetUtilization.of(b);
            boolean over = Boolean.TRUE.equals(b.isOverLimit()) || u > 1;
            String band = over ? "over 100%" : u < 0.25 ? "0-25%" : u < 0.5 ? "25-50%" : u < 0.75 ? "50-75%" : u < 0.9 ? "75-90%" : "90-100%";
            m.merge(band, 1L, Long::sum);
        }
        return m;
    }

    /** Spent per tenant in one unit (closed budgets left out), largest first, at most 12 tenants. */
    public static Map<String, Long> spendByTenant(List<BudgetLedger> budgets, UnitEnum unit) {
        Map<String, Long> sums = new TreeMap<>();
        for (BudgetLedger b : budgets) {
            if (b.unit() == unit && b.status() != BudgetStatus.CLOSED) {
                sums.merge(b.tenantId(), b.spent() == null || b.spent().amount() == null ? 0 : b.spent().amount(), Long::sum);
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static UnitEnum mostUsed(List<BudgetLedger> budgets) {
        Map<UnitEnum, Long> n = new EnumMap<>(UnitEnum.class);
        budgets.forEach(b -> n.merge(b.unit(), 1L, Long::sum));
        return n.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** Requests and failures per hour over the 24 hours before {@code now}, oldest first, labelled "HH:00" (UTC). */
    @SuppressWarnings("unchecked")
    public static Map<String, Long>[] hourly(List<AuditLogEntry> audit, Instant now) {
        Map<String, Long> all = new LinkedHashMap<>();
        Map<String, Long> failed = new LinkedHashMap<>();
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        for (int i = 23; i >= 0; i--) {
            String label = label(end.minus(Duration.ofHours(i)));
            all.put(label, 0L);
            failed.put(label, 0L);
        }
        for (AuditLogEntry e : audit) {
            if (e.timestamp() == null) {
                continue;
            }
            String label = label(e.timestamp().truncatedTo(ChronoUnit.HOURS));
            if (all.containsKey(label) && !e.timestamp().isBefore(end.minus(Duration.ofHours(23)))) {
                all.merge(label, 1L, Long::sum);
                if (e.status() != null && e.status() >= 400) {
                    failed.merge(label, 1L, Long::sum);
                }
            }
        }
        return new Map[] {all, failed};
    }

    private static String label(Instant hour) {
        return String.format("%02d:00", hour.atZone(java.time.ZoneOffset.UTC).getHour());
    }

    public void open(Attention a) {
        if (a != null && a.target() != null) {
            ctx.nav().list(a.target(), a.filter());
        }
    }

    /** A tile or one part of its breakdown: opens its filtered list. */
    public void open(Nav.Target target, Map<String, String> filter) {
        if (target != null) {
            ctx.nav().list(target, filter);
        }
    }

    /** A slice of "tenants by status" or "budgets by status". */
    public void openTenants(String status) {
        open(Nav.Target.TENANTS, Map.of("status", status));
    }

    public void openBudgets(String status) {
        open(Nav.Target.BUDGETS, Map.of("status", status));
    }

    /** A bar of "spend by tenant": that tenant's budgets. */
    public void openSpend(String tenant) {
        open(Nav.Target.BUDGETS, Map.of("tenant", tenant));
    }

    /** The utilization band "over 100%" is the over-limit list; the other bands have no list filter. */
    public void openBand(String band) {
        if ("over 100%".equals(band)) {
            open(Nav.Target.BUDGETS, Map.of("over_limit", "true"));
        }
    }

    /** "Open the audit log" under recent operator activity. */
    public void openAudit() {
        open(Nav.Target.AUDIT, Map.of());
    }

    public ObservableList<Tile> tiles() { return tiles; }
    public ObservableList<Attention> attention() { return attention; }
    public ObservableList<Map.Entry<String, Long>> utilization() { return utilization; }
    public ObservableList<Map.Entry<String, Long>> spend() { return spend; }
    public ObservableList<Map.Entry<String, Long>> activity() { return activity; }
    public ObservableList<Map.Entry<String, Long>> failures() { return failures; }
    public ObservableList<UnitEnum> spendUnits() { return spendUnits; }
    public ObservableList<Map.Entry<String, Long>> tenantStatus() { return tenantStatus; }
    public ObservableList<Map.Entry<String, Long>> budgetStatus() { return budgetStatus; }
    public ObservableList<AuditLogEntry> recent() { return recent; }
    public ObjectProperty<UnitEnum> spendUnitProperty() { return spendUnit; }
    public StringProperty asOfProperty() { return asOf; }
    public Ctx ctx() { return ctx; }
}
