package dev.cycles.admin.console.budgets;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetsViewModelTest {
    @TempDir
    Path dir;
    TestServer server;
    Ctx ctx;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        Session s = new Session();
        s.connect(server.client(), "test", "#000000");
        ctx = Ctx.direct(s);
        server.client().createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static BudgetLedger b(String scope, UnitEnum u, BudgetStatus st, long alloc, long spent, long debt, boolean over) {
        return new BudgetLedger(scope, scope.split("/")[0].substring(7), scope, scope, u, Amount.of(u, alloc),
                Amount.of(u, alloc - spent - debt), Amount.of(u, 0), Amount.of(u, spent), Amount.of(u, debt), Amount.of(u, 0),
                over, null, st, null, null, null, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void theUtilizationRangeInPercentIsFilteredByTheServer() {
        for (String[] b : new String[][] {{"tenant:acme/workspace:a", "10"}, {"tenant:acme/workspace:b", "60"}, {"tenant:acme/workspace:c", "95"}}) {
            server.client().createBudget(new dev.cycles.admin.model.BudgetCreateRequest("acme", b[0], UnitEnum.TOKENS,
                    Amount.of(UnitEnum.TOKENS, 100), null, null, null, null, null, null));
            server.client().fundBudget(b[0], UnitEnum.TOKENS, "acme", new dev.cycles.admin.model.BudgetFundingRequest(
                    dev.cycles.admin.model.FundingOperation.RESET_SPENT, Amount.of(UnitEnum.TOKENS, 100),
                    Amount.of(UnitEnum.TOKENS, Long.parseLong(b[1])), "seed", "seed-" + b[0], null));
        }
        BudgetsViewModel vm = new BudgetsViewModel(ctx);
        vm.utilMinProperty().set("50");
        vm.utilMaxProperty().set("90");
        vm.refresh();
        assertEquals("0.5", vm.query(null).get("utilization_min"));
        assertEquals("0.9", vm.query(null).get("utilization_max"));
        assertEquals(List.of("tenant:acme/workspace:b"), vm.visibleBudgets().stream().map(BudgetLedger::scope).toList());
        assertEquals(0.5, vm.bulkFilter().utilizationMin(), "bulk actions act on the same range");

        vm.utilMaxProperty().set("abc");
        assertEquals("Utilization: a percent from 0 to 100", vm.utilProblemProperty().get());
        assertFalse(vm.query(null).containsKey("utilization_max"), "a wrong range is not sent");
        vm.utilMaxProperty().set("40");
        assertEquals("Utilization: the minimum is above the maximum", vm.utilProblemProperty().get());
        vm.utilMaxProperty().set("");
        vm.refresh();
        assertEquals(List.of("tenant:acme/workspace:b", "tenant:acme/workspace:c"),
                vm.visibleBudgets().stream().map(BudgetLedger::scope).sorted().toList());
    }

    @Test
    void eventsOfABudgetOpenTheEventsScreenOnItsScope() {
        List<Object[]> opened = new ArrayList<>();
        ctx.nav().setList((t, f) -> opened.add(new Object[] {t, f}));
        BudgetsViewModel vm = new BudgetsViewModel(ctx);
        vm.events(b("tenant:acme/workspace:prod", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 100, 10, 0, false));
        assertEquals(1, opened.size());
        assertEquals(dev.cycles.admin.console.common.Nav.Target.EVENTS, opened.get(0)[0]);
        assertEquals(java.util.Map.of("scope", "tenant:acme/workspace:prod", "title", "Events of budget tenant:acme/workspace:prod"),
                opened.get(0)[1]);
    }

    @Test
    void utilizationAndBands() {
        assertEquals(0.5, dev.cycles.admin.console.common.domain.BudgetUtilization.of(b("tenant:a", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 100, 50, 0, false)));
        assertEquals(0.0, dev.cycles.admin.console.common.domain.BudgetUtilization.of(b("tenant:a", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 0, 0, 0, false)));
        assertEquals("ok", dev.cycles.admin.console.common.domain.BudgetUtilization.band(0.74));
        assertEquals("warn", dev.cycles.admin.console.common.domain.BudgetUtilization.band(0.75));
        assertEquals("danger", dev.cycles.admin.console.common.domain.BudgetUtilization.band(0.9));
    }

    @Test
    void filtersCombine() {
        List<BudgetLedger> all = List.of(
                b("tenant:acme", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 100, 10, 0, false),
                b("tenant:acme/workspace:prod", UnitEnum.TOKENS, BudgetStatus.FROZEN, 100, 10, 5, true),
                b("tenant:beta", UnitEnum.TOKENS, BudgetStatus.CLOSED, 100, 0, 0, false));
        assertEquals(2, all.stream().filter(BudgetsViewModel.filter("", null, null, "", false, false, false)).count());
        assertEquals(3, all.stream().filter(BudgetsViewModel.filter("", null, null, "", false, false, true)).count());
        assertEquals(1, all.stream().filter(BudgetsViewModel.filter("", null, UnitEnum.TOKENS, "", false, false, false)).count());
        assertEquals(1, all.stream().filter(BudgetsViewModel.filter("acme", null, null, "tenant:acme/", false, false, false)).count());
        assertEquals(1, all.stream().filter(BudgetsViewModel.filter("", null, null, "", true, false, false)).count());
        assertEquals(1, all.stream().filter(BudgetsViewModel.filter("", null, null, "", false, true, false)).count());
        assertEquals(1, all.stream().filter(BudgetsViewModel.filter("", BudgetStatus.CLOSED, null, "", false, false, false)).count());
    }

    @Test
    void scopeBuilderOnlyProducesValidScopes() {
        BudgetCreateViewModel f = new BudgetCreateViewModel(ctx, "acme");
        assertEquals("tenant:acme", f.scopePreviewProperty().get());
        f.levelIdProperty("agent").set("bot-1");
        f.levelIdProperty("workspace").set("prod");
        assertEquals("tenant:acme/workspace:prod/agent:bot-1", f.scopePreviewProperty().get(), "canonical order whatever the typing order");
        f.levelIdProperty("app").set("*");
        assertTrue(f.validationProperty().get().startsWith("app id"));
        f.levelIdProperty("app").set("-bad");
        assertFalse(f.validProperty().get());
        f.levelIdProperty("app").set("");
        assertTrue(f.validationProperty().get().startsWith("Initial allocation"));
        f.allocatedProperty().set("0");
        assertEquals("Initial allocation must be greater than zero", f.validationProperty().get());
        f.allocatedProperty().set("1,000.00");
        assertTrue(f.validProperty().get());
        assertEquals(100_000_000_000L, f.request().allocated().amount());
    }

    @Test
    void createFundFreezeAndEditAgainstTheServer() {
        BudgetCreateViewModel f = new BudgetCreateViewModel(ctx, "acme");
        f.unitProperty().set(UnitEnum.TOKENS);
        f.allocatedProperty().set("1,000");
        List<BudgetLedger> created = new ArrayList<>();
        f.submit(created::add);
        assertEquals(1000L, server.client().lookupBudget("tenant:acme", UnitEnum.TOKENS).allocated().amount());

        BudgetsViewModel vm = new BudgetsViewModel(ctx);
        vm.refresh();
        assertEquals(1, vm.visibleBudgets().size());
        BudgetLedger l = vm.visibleBudgets().get(0);

        FundViewModel debit = new FundViewModel(ctx, l);
        debit.operationProperty().set(FundingOperation.DEBIT);
        debit.amountProperty().set("5,000");
        debit.submit(r -> { });
        assertTrue(debit.problemProperty().get().startsWith("A debit of 5,000 tokens exceeds the remaining 1,000 tokens"),
                "a refusal the preview predicts is not sent: " + debit.problemProperty().get());
        assertEquals("", debit.serverErrorProperty().get());
        assertEquals(1000L, server.client().lookupBudget("tenant:acme", UnitEnum.TOKENS).allocated().amount());

        FundViewModel credit = new FundViewModel(ctx, l);
        credit.amountProperty().set("500");
        credit.submit(r -> assertEquals(1500L, r.newRemaining().amount()));
        assertEquals(1500L, server.client().lookupBudget("tenant:acme", UnitEnum.TOKENS).remaining().amount());

        vm.freeze(l, "incident");
        assertEquals(BudgetStatus.FROZEN, server.client().lookupBudget("tenant:acme", UnitEnum.TOKENS).status());
        vm.unfreeze(l, "");
        assertEquals(BudgetStatus.ACTIVE, server.client().lookupBudget("tenant:acme", UnitEnum.TOKENS).status());

        BudgetEditViewModel edit = new BudgetEditViewModel(ctx, server.client().lookupBudget("tenant:acme", UnitEnum.TOKENS));
        edit.overdraftProperty().set("200");
        edit.policyProperty().set(CommitOveragePolicy.ALLOW_WITH_OVERDRAFT);
        edit.submit(x -> { });
        BudgetLedger after = server.client().lookupBudget("tenant:acme", UnitEnum.TOKENS);
        assertEquals(200L, after.overdraftLimit().amount());
        assertEquals(CommitOveragePolicy.ALLOW_WITH_OVERDRAFT, after.commitOveragePolicy());
    }
}
