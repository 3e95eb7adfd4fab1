package dev.cycles.admin.console.common;

import dev.cycles.admin.console.budgets.BudgetsViewModel;
import dev.cycles.admin.console.client.Fakes;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.UnitEnum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The saved-filter store and a screen's filters round trip, without a server (Fakes). */
class SavedFiltersTest {
    @TempDir
    Path dir;

    @Test
    void savedSetsSurviveANewStoreOverTheSameFolder() throws Exception {
        SavedFilters store = new SavedFilters(dir);
        store.save("budgets", "prod over limit", Map.of("tenant", "acme", "over_limit", "true"));
        store.save("budgets", "frozen", Map.of("status", "FROZEN"));
        store.save("audit", "failures", Map.of("status_min", "400"));
        store.save("budgets", "prod over limit", Map.of("tenant", "acme", "over_limit", "true", "unit", "TOKENS")); // replaces

        SavedFilters again = new SavedFilters(dir);
        assertEquals(List.of("prod over limit", "frozen"), again.names("budgets"), "first-saved order, a replace keeps its place");
        assertEquals(Map.of("tenant", "acme", "over_limit", "true", "unit", "TOKENS"), again.get("budgets", "prod over limit").orElseThrow());
        assertEquals(List.of("failures"), again.names("audit"));
        assertEquals(List.of(), again.names("tenants"));

        again.delete("budgets", "frozen");
        assertEquals(List.of("prod over limit"), new SavedFilters(dir).names("budgets"));
        assertFalse(new SavedFilters(dir).has("budgets", "frozen"));
        assertThrows(IllegalArgumentException.class, () -> again.save("budgets", "  ", Map.of()));
    }

    @Test
    void aDamagedFileStartsEmptyAndIsRewrittenOnTheNextSave() throws Exception {
        Files.writeString(dir.resolve("saved-filters.json"), "{not json");
        SavedFilters store = new SavedFilters(dir);
        assertEquals(List.of(), store.names("budgets"));
        store.save("budgets", "mine", Map.of("tenant", "acme"));
        assertEquals(List.of("mine"), new SavedFilters(dir).names("budgets"));
    }

    @Test
    void aBudgetsFilterSetRoundTripsThroughTheViewModelAndTheStore() throws Exception {
        Fakes fakes = new Fakes(Map.of("listBudgets", a -> new BudgetListResponse(List.of(), null, false)));
        Session s = new Session();
        s.connect(fakes.admin(), fakes.runtime(), "fake", "#000");
        BudgetsViewModel vm = new BudgetsViewModel(Ctx.direct(s));
        vm.tenantFilterProperty().set("acme");
        vm.scopePrefixProperty().set("tenant:acme/workspace:prod");
        vm.unitFilterProperty().set(UnitEnum.USD_MICROCENTS);
        vm.statusFilterProperty().set(BudgetStatus.FROZEN);
        vm.hasDebtOnlyProperty().set(true);
        new SavedFilters(dir).save("budgets", "prod frozen", vm.currentFilters());

        BudgetsViewModel fresh = new BudgetsViewModel(Ctx.direct(s));
        fresh.applyFilters(new SavedFilters(dir).get("budgets", "prod frozen").orElseThrow());
        assertEquals(vm.currentFilters(), fresh.currentFilters());
        assertEquals("tenant:acme/workspace:prod", fresh.scopePrefixProperty().get());
        assertEquals(UnitEnum.USD_MICROCENTS, fresh.unitFilterProperty().get());
        assertTrue(fresh.hasDebtOnlyProperty().get());
        assertFalse(fresh.overLimitOnlyProperty().get());
        // the list the screen asks the server for is the saved one
        fresh.refresh();
        @SuppressWarnings("unchecked")
        Map<String, String> q = (Map<String, String>) fakes.calls().get(fakes.calls().size() - 1).args().get(0);
        assertEquals("acme", q.get("tenant_id"));
        assertEquals("FROZEN", q.get("status"));
        assertEquals("tenant:acme/workspace:prod", q.get("scope_prefix"));
    }
}
