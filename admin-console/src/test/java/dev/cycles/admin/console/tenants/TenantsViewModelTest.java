package dev.cycles.admin.console.tenants;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantStatus;
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

/** Tenants screen logic without the FX thread: filters, validation, lifecycle against a real server. */
class TenantsViewModelTest {
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
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Tenant t(String id, String name, TenantStatus st) {
        return new Tenant(id, name, st, null, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, null, null);
    }

    @Test
    void filterMatchesIdOrNameAndHidesClosedUnlessAsked() {
        List<Tenant> all = List.of(t("acme", "Acme Corp", TenantStatus.ACTIVE), t("beta-co", "Beta", TenantStatus.SUSPENDED),
                t("gone", "Gone Ltd", TenantStatus.CLOSED));
        assertEquals(List.of("acme", "beta-co"), ids(all, TenantsViewModel.filter("", null, false)));
        assertEquals(List.of("acme", "beta-co", "gone"), ids(all, TenantsViewModel.filter("", null, true)));
        assertEquals(List.of("acme"), ids(all, TenantsViewModel.filter("CORP", null, false)));
        assertEquals(List.of("beta-co"), ids(all, TenantsViewModel.filter("", TenantStatus.SUSPENDED, false)));
        assertEquals(List.of("gone"), ids(all, TenantsViewModel.filter("", TenantStatus.CLOSED, false)),
                "picking CLOSED explicitly shows closed tenants");
    }

    private static List<String> ids(List<Tenant> all, java.util.function.Predicate<Tenant> p) {
        List<String> out = new ArrayList<>();
        all.stream().filter(p).forEach(t -> out.add(t.tenantId()));
        return out;
    }

    @Test
    void createFormValidatesTheTenantIdPattern() {
        TenantFormViewModel f = new TenantFormViewModel(ctx, null);
        assertFalse(f.validProperty().get());
        assertEquals(" ", f.validationMessageProperty().get(), "silent while empty");
        f.tenantIdProperty().set("Acme");
        assertTrue(f.validationMessageProperty().get().contains("lowercase"));
        f.tenantIdProperty().set("ab");
        assertTrue(f.validationMessageProperty().get().contains("3-64"));
        f.tenantIdProperty().set("acme-corp");
        assertEquals("Display name is required", f.validationMessageProperty().get());
        f.nameProperty().set("Acme");
        f.defaultTtlProperty().set("500");
        assertTrue(f.validationMessageProperty().get().contains("1,000 and 86,400,000"));
        f.defaultTtlProperty().set("60000");
        assertTrue(f.validProperty().get());
    }

    @Test
    void createThenDuplicateShowsTheServerError() {
        TenantFormViewModel f = new TenantFormViewModel(ctx, null);
        f.tenantIdProperty().set("acme");
        f.nameProperty().set("Acme");
        List<Tenant> saved = new ArrayList<>();
        f.submit(saved::add);
        assertEquals("acme", saved.get(0).tenantId());
        assertEquals(TenantStatus.ACTIVE, server.client().getTenant("acme").status());

        TenantFormViewModel dup = new TenantFormViewModel(ctx, null);
        dup.tenantIdProperty().set("acme");
        dup.nameProperty().set("Another name");
        dup.submit(saved::add);
        assertEquals(1, saved.size());
        assertTrue(dup.serverErrorProperty().get().startsWith("DUPLICATE_RESOURCE: "), dup.serverErrorProperty().get());
        assertEquals("DUPLICATE_RESOURCE", ctx.status().errorCodeProperty().get());
        assertFalse(ctx.status().requestIdProperty().get().isEmpty(), "the request id is kept for support");
    }

    @Test
    void editSendsOnlyChangedFields() {
        Tenant acme = server.client().createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
        TenantFormViewModel f = new TenantFormViewModel(ctx, acme);
        var unchanged = f.updateRequest();
        assertEquals(null, unchanged.name());
        assertEquals(null, unchanged.defaultCommitOveragePolicy());
        f.overagePolicyProperty().set(CommitOveragePolicy.ALLOW_WITH_OVERDRAFT);
        f.maxTtlProperty().set("7200000");
        f.submit(t -> { });
        Tenant after = server.client().getTenant("acme");
        assertEquals(CommitOveragePolicy.ALLOW_WITH_OVERDRAFT, after.defaultCommitOveragePolicy());
        assertEquals(7_200_000L, after.maxReservationTtlMs());
        assertEquals("Acme", after.name());
    }

    @Test
    void rollupSumsActiveBudgetsPerUnit() {
        var usd = dev.cycles.admin.model.UnitEnum.USD_MICROCENTS;
        var tok = dev.cycles.admin.model.UnitEnum.TOKENS;
        List<dev.cycles.admin.model.BudgetLedger> ledgers = List.of(
                dev.cycles.admin.console.Ledgers.of("tenant:a", usd, dev.cycles.admin.model.BudgetStatus.ACTIVE, 100_000_000L, 25_000_000L, 0, false),
                dev.cycles.admin.console.Ledgers.of("tenant:a/app:x", usd, dev.cycles.admin.model.BudgetStatus.ACTIVE, 200_000_000L, 0, 1_000_000L, false),
                dev.cycles.admin.console.Ledgers.of("tenant:a", tok, dev.cycles.admin.model.BudgetStatus.ACTIVE, 5000, 1000, 0, false),
                dev.cycles.admin.console.Ledgers.of("tenant:a/app:y", tok, dev.cycles.admin.model.BudgetStatus.FROZEN, 9999, 0, 0, false));
        assertEquals("USD: 2 active budgets, allocated $3.00, remaining $2.74, spent $0.25, debt $0.01\n"
                + "tokens: 1 active budget, allocated 5,000, remaining 4,000, spent 1,000, debt 0", TenantsViewModel.rollup(ledgers));
        assertEquals("No active budgets", TenantsViewModel.rollup(List.of()));
    }

    @Test
    void loadMoreFollowsTheCursor() {
        for (String id : List.of("t-one", "t-two", "t-three")) {
            server.client().createTenant(new TenantCreateRequest(id, id, null, null, null, null, null, null, null, null));
        }
        TenantsViewModel vm = new TenantsViewModel(ctx);
        vm.setPageSize(2);
        vm.refresh();
        assertEquals(2, vm.loadedTenants().size());
        assertTrue(vm.hasMoreProperty().get());
        assertTrue(vm.summaryProperty().get().contains("(more available)"), vm.summaryProperty().get());
        vm.loadMore();
        assertEquals(3, vm.loadedTenants().size());
        assertFalse(vm.hasMoreProperty().get());
        assertEquals(3, vm.loadedTenants().stream().map(Tenant::tenantId).distinct().count(), "no row twice");
        vm.searchProperty().set("two");
        assertEquals(1, vm.visibleTenants().size());
        vm.refresh();
        assertEquals(1, vm.loadedTenants().size(), "the search goes to the server too");
        assertFalse(vm.hasMoreProperty().get());
    }

    @Test
    void listSuspendReactivateClose() {
        server.client().createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
        server.client().createTenant(new TenantCreateRequest("beta", "Beta", null, null, null, null, null, null, null, null));
        TenantsViewModel vm = new TenantsViewModel(ctx);
        vm.refresh();
        assertEquals(2, vm.visibleTenants().size());
        Tenant acme = vm.loadedTenants().stream().filter(t -> t.tenantId().equals("acme")).findFirst().orElseThrow();
        vm.suspend(acme, () -> { });
        assertEquals(TenantStatus.SUSPENDED, server.client().getTenant("acme").status());
        vm.reactivate(acme, () -> { });
        assertEquals(TenantStatus.ACTIVE, server.client().getTenant("acme").status());
        assertTrue(vm.closeWarning(acme).contains("revoke"));
        vm.close(acme, () -> { });
        assertEquals(TenantStatus.CLOSED, server.client().getTenant("acme").status());
        assertEquals(1, vm.visibleTenants().size(), "closed tenant hidden by default");
        vm.showClosedProperty().set(true);
        assertEquals(2, vm.visibleTenants().size());
        vm.searchProperty().set("bet");
        assertEquals(1, vm.visibleTenants().size());
    }
}
