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
}
