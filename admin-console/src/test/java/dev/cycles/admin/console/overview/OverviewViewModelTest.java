package dev.cycles.admin.console.overview;

import dev.cycles.admin.console.Ledgers;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.AdminOverviewResponse;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyStatus;
import dev.cycles.admin.model.AuditLogEntry;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.UnitEnum;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverviewViewModelTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    static AuditLogEntry audit(String at, int status, String code) {
        return new AuditLogEntry("l", Instant.parse(at), "acme", null, null, null, "op", null, null, null, null, status, code, null);
    }

    @Test
    void histogramsAndSpend() {
        List<BudgetLedger> b = List.of(
                Ledgers.of("tenant:a", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 100, 10, 0, false),
                Ledgers.of("tenant:a/agent:x", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 80, 0, false),
                Ledgers.of("tenant:b", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 100, 5, true),
                Ledgers.of("tenant:c", UnitEnum.USD_MICROCENTS, BudgetStatus.CLOSED, 100, 95, 0, false));
        Map<String, Long> h = OverviewViewModel.utilizationHistogram(b);
        assertEquals(List.of(1L, 0L, 0L, 1L, 0L, 1L), new ArrayList<>(h.values()), "closed budgets left out");
        Map<String, Long> spend = OverviewViewModel.spendByTenant(b, UnitEnum.USD_MICROCENTS);
        assertEquals(List.of("b", "a"), new ArrayList<>(spend.keySet()), "largest first");
        assertEquals(100L, spend.get("b"));
    }

    @Test
    void aFailingListLeavesTheRestAndClosedTenantsRowsAreLeftOut() {
        AdminOverviewResponse o = new AdminOverviewResponse(NOW, 3600,
                new AdminOverviewResponse.TenantCounts(2, 1, 0, 1),
                new AdminOverviewResponse.BudgetCounts(2, 2, 0, 0, 0, 0, Map.of()), List.of(), List.of(),
                new AdminOverviewResponse.WebhookCounts(0, 0, 0, 0), List.of(),
                new AdminOverviewResponse.EventCounts(0, Map.of()), List.of(), List.of());
        dev.cycles.admin.console.client.Fakes fakes = new dev.cycles.admin.console.client.Fakes(Map.of(
                "overview", a -> o,
                "listTenants", a -> new dev.cycles.admin.model.TenantListResponse(List.of(new dev.cycles.admin.model.Tenant("gone", "Gone",
                        dev.cycles.admin.model.TenantStatus.CLOSED, null, null, null, null, null, null, null, NOW, NOW, null, NOW)), null, false),
                "listApiKeys", a -> {
                    throw new dev.cycles.admin.console.client.AdminApiException(500, "INTERNAL_ERROR", "keys table locked", "req-9");
                },
                "listAuditLogs", a -> new dev.cycles.admin.model.AuditLogListResponse(List.of(), null, false),
                "listBudgets", a -> new dev.cycles.admin.model.BudgetListResponse(List.of(
                        Ledgers.of("tenant:b", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 50, 0, false),
                        Ledgers.of("tenant:gone", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 99, 0, false)), null, false)));
        Session session = new Session();
        session.connect(fakes.admin(), fakes.runtime(), "fake", "#000");
        Ctx ctx = Ctx.direct(session);
        OverviewViewModel vm = new OverviewViewModel(ctx, Clock.fixed(NOW, ZoneOffset.UTC));
        vm.refresh();
        assertEquals(1L, vm.utilization().stream().mapToLong(Map.Entry::getValue).sum(), "the closed tenant's budget is left out");
        assertEquals(List.of("b"), vm.spend().stream().map(Map.Entry::getKey).toList());
        assertTrue(!vm.tiles().isEmpty(), "the server's overview still shows");
        assertEquals("INTERNAL_ERROR", ctx.status().errorCodeProperty().get(), "the failed list is reported");
        assertTrue(ctx.status().errorText().contains("without API keys"), ctx.status().errorText());
    }

    @Test
    void hourlyActivityCountsRequestsAndFailures() {
        Map<String, Long>[] h = OverviewViewModel.hourly(List.of(audit("2026-03-10T12:05:00Z", 200, null),
                audit("2026-03-10T12:10:00Z", 409, "DUPLICATE_RESOURCE"), audit("2026-03-10T09:59:00Z", 500, "INTERNAL_ERROR"),
                audit("2026-03-08T12:00:00Z", 200, null)), NOW);
        assertEquals(24, h[0].size());
        assertEquals("13:00", h[0].keySet().iterator().next(), "oldest hour first");
        assertEquals(2L, h[0].get("12:00"));
        assertEquals(1L, h[1].get("12:00"));
        assertEquals(1L, h[1].get("09:00"));
        assertEquals(3L, h[0].values().stream().mapToLong(Long::longValue).sum(), "older than 24 h left out");
    }

    @Test
    void attentionItemsLeadToFilteredLists() {
        Ctx ctx = Ctx.direct(new Session());
        List<Object[]> opened = new ArrayList<>();
        ctx.nav().setList((t, f) -> opened.add(new Object[] {t, f}));
        OverviewViewModel vm = new OverviewViewModel(ctx, Clock.fixed(NOW, ZoneOffset.UTC));
        AdminOverviewResponse o = new AdminOverviewResponse(NOW, 3600,
                new AdminOverviewResponse.TenantCounts(3, 2, 1, 0),
                new AdminOverviewResponse.BudgetCounts(5, 4, 1, 0, 1, 1, Map.of()),
                List.of(new AdminOverviewResponse.OverLimitScope("tenant:b", UnitEnum.USD_MICROCENTS, 100, -5, 5)),
                List.of(new AdminOverviewResponse.DebtScope("tenant:b", UnitEnum.USD_MICROCENTS, 250_000_000L, 0)),
                new AdminOverviewResponse.WebhookCounts(0, 0, 0, 0), List.of(),
                new AdminOverviewResponse.EventCounts(0, Map.of()), List.of(), List.of());
        ApiKey soon = new ApiKey("k1", "acme", "cyc_live_x", "n", null, List.of(), null, ApiKeyStatus.ACTIVE,
                NOW.minusSeconds(10), null, NOW.plusSeconds(3600), null, null, null);
        vm.accept(new OverviewViewModel.Snapshot(o, List.of(soon), List.of(audit("2026-03-10T12:10:00Z", 409, "DUPLICATE_RESOURCE")),
                List.of(Ledgers.of("tenant:b", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 100, 5, true))));
        List<String> texts = vm.attention().stream().map(OverviewViewModel.Attention::text).toList();
        assertEquals("1 budget(s) over limit: tenant:b", texts.get(0));
        assertEquals("1 budget(s) carry debt: tenant:b $2.50", texts.get(1));
        assertTrue(texts.contains("1 API key(s) expire within 7 days"), texts.toString());
        assertTrue(texts.contains("1 failed request(s) in the last 24 hours: DUPLICATE_RESOURCE ×1"), texts.toString());
        assertEquals("1", vm.tiles().stream().filter(t -> t.id().equals("tile-keys-expiring")).findFirst().orElseThrow().value());
        vm.open(vm.attention().get(0));
        vm.open(vm.attention().stream().filter(a -> a.target() == Nav.Target.AUDIT).findFirst().orElseThrow());
        assertEquals(Nav.Target.BUDGETS, opened.get(0)[0]);
        assertEquals(Map.of("over_limit", "true"), opened.get(0)[1]);
        assertEquals(Map.of("status_min", "400", "preset", "LAST_24_HOURS"), opened.get(1)[1]);
        assertEquals(UnitEnum.USD_MICROCENTS, vm.spendUnitProperty().get());
    }

    static AdminOverviewResponse overview(long overLimit, int named, long withDebt, long frozen, long failingWebhooks) {
        List<AdminOverviewResponse.OverLimitScope> over = new ArrayList<>();
        List<AdminOverviewResponse.DebtScope> debt = new ArrayList<>();
        for (int i = 0; i < named; i++) {
            over.add(new AdminOverviewResponse.OverLimitScope("tenant:t" + i, UnitEnum.TOKENS, 100, -5, 5));
            debt.add(new AdminOverviewResponse.DebtScope("tenant:t" + i, UnitEnum.TOKENS, 1_500, 0));
        }
        List<AdminOverviewResponse.FailingWebhook> hooks = new ArrayList<>();
        for (int i = 0; i < Math.min(10, failingWebhooks); i++) {
            hooks.add(new AdminOverviewResponse.FailingWebhook("wh_" + i, "https://hooks.example/" + i, 3, NOW));
        }
        return new AdminOverviewResponse(NOW, 3600, new AdminOverviewResponse.TenantCounts(6, 3, 2, 1),
                new AdminOverviewResponse.BudgetCounts(40, 30, frozen, 10 - frozen, overLimit, withDebt, Map.of()),
                over, debt, new AdminOverviewResponse.WebhookCounts(failingWebhooks, failingWebhooks, 0, failingWebhooks), hooks,
                new AdminOverviewResponse.EventCounts(0, Map.of()), List.of(), List.of());
    }

    /** "N …: a, b, c +M more": the names shown plus M are exactly N. */
    private static void addsUp(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+) [^:]*: (.*?)(?: \\+(\\d+) more)?$").matcher(text);
        assertTrue(m.matches(), text);
        long n = Long.parseLong(m.group(1));
        long listed = m.group(2).split(", ").length;
        long more = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        assertEquals(n, listed + more, text);
    }

    @Test
    void breakdownsAddUpWithPlusNMore() {
        OverviewViewModel vm = new OverviewViewModel(Ctx.direct(new Session()), Clock.fixed(NOW, ZoneOffset.UTC));
        List<AuditLogEntry> audit = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            audit.add(audit("2026-03-10T12:0" + i + ":00Z", 409, "BUDGET_EXCEEDED"));
        }
        audit.add(audit("2026-03-10T12:10:00Z", 404, null));
        audit.add(audit("2026-03-10T12:11:00Z", 404, null));
        for (String code : List.of("A_CODE", "B_CODE", "C_CODE", "D_CODE")) {
            audit.add(audit("2026-03-10T12:12:00Z", 400, code));
        }
        audit.add(audit("2026-03-10T12:13:00Z", 200, null));
        // the server names at most ten scopes; the counts are larger
        vm.accept(new OverviewViewModel.Snapshot(overview(25, 10, 2, 3, 12), List.of(), audit, List.of()));
        List<String> texts = vm.attention().stream().map(OverviewViewModel.Attention::text).toList();
        assertEquals("25 budget(s) over limit: tenant:t0, tenant:t1, tenant:t2 +22 more", texts.get(0));
        assertEquals("2 budget(s) carry debt: tenant:t0 1,500 tokens, tenant:t1 1,500 tokens", texts.get(1),
                "the count wins over the named list: two, not three");
        String failed = texts.stream().filter(t -> t.contains("failed request")).findFirst().orElseThrow();
        assertEquals("10 failed request(s) in the last 24 hours: BUDGET_EXCEEDED ×4, HTTP 404 ×2, A_CODE ×1, B_CODE ×1 +2 more", failed);
        String hooks = texts.stream().filter(t -> t.contains("webhook")).findFirst().orElseThrow();
        assertEquals("12 webhook subscription(s) failing: https://hooks.example/0, https://hooks.example/1, https://hooks.example/2 +9 more", hooks);
        addsUp(texts.get(0));
        addsUp(texts.get(1));
        addsUp(hooks);
        long failedShown = java.util.Arrays.stream(failed.substring(failed.indexOf(": ") + 2).replaceAll(" \\+(\\d+) more", ", x ×$1").split(", "))
                .mapToLong(p -> Long.parseLong(p.substring(p.indexOf('×') + 1))).sum();
        assertEquals(10, failedShown, "codes plus \"+N more\" add up to the failures");

        // the tile breakdown adds up too, and each part opens its filtered list
        OverviewViewModel.Tile budgets = vm.tiles().stream().filter(t -> t.id().equals("tile-budgets")).findFirst().orElseThrow();
        assertEquals("30 active · 3 frozen · 7 closed", budgets.detail());
        assertEquals(Map.of("status", "FROZEN"), budgets.parts().get(1).filter());
        assertEquals(Nav.Target.WEBHOOKS, vm.attention().stream().filter(a -> a.text().contains("webhook")).findFirst().orElseThrow().target());
    }

    @Test
    void tilesSlicesAndBarsOpenFilteredLists() {
        Ctx ctx = Ctx.direct(new Session());
        List<Object[]> opened = new ArrayList<>();
        ctx.nav().setList((t, f) -> opened.add(new Object[] {t, f}));
        OverviewViewModel vm = new OverviewViewModel(ctx, Clock.fixed(NOW, ZoneOffset.UTC));
        vm.accept(new OverviewViewModel.Snapshot(overview(0, 0, 0, 3, 0), List.of(), List.of(), List.of(),
                List.of(audit("2026-03-10T12:10:05Z", 200, null))));
        OverviewViewModel.Tile tenants = vm.tiles().get(0);
        vm.open(tenants.target(), tenants.filter());
        vm.open(tenants.parts().get(1).target(), tenants.parts().get(1).filter());
        vm.openBudgets("FROZEN");
        vm.openTenants("CLOSED");
        vm.openSpend("acme");
        vm.openBand("50-75%");
        vm.openBand("over 100%");
        vm.openAudit();
        assertEquals(List.of(Nav.Target.TENANTS, Nav.Target.TENANTS, Nav.Target.BUDGETS, Nav.Target.TENANTS, Nav.Target.BUDGETS,
                Nav.Target.BUDGETS, Nav.Target.AUDIT), opened.stream().map(o -> o[0]).toList(), "a band with no list filter opens nothing");
        assertEquals(List.of(Map.of(), Map.of("status", "SUSPENDED"), Map.of("status", "FROZEN"), Map.of("status", "CLOSED"),
                Map.of("tenant", "acme"), Map.of("over_limit", "true"), Map.of()), opened.stream().map(o -> o[1]).toList());
        assertEquals(List.of(Map.entry("ACTIVE", 30L), Map.entry("FROZEN", 3L), Map.entry("CLOSED", 7L)), List.copyOf(vm.budgetStatus()));
        assertEquals(1, vm.recent().size());
    }
}
