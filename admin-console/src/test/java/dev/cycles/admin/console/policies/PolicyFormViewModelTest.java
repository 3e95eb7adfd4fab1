package dev.cycles.admin.console.policies;

import dev.cycles.admin.console.Ledgers;
import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.domain.PolicyRow;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyStatus;
import dev.cycles.admin.model.PolicyUpdateRequest;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyFormViewModelTest {
    @TempDir
    Path dir;

    private static PolicyFormViewModel form() {
        return new PolicyFormViewModel(Ctx.direct(new Session()), null, null, ZoneOffset.UTC);
    }

    @Test
    void theBuilderOnlyMakesValidPatterns() {
        PolicyFormViewModel f = form();
        assertEquals("Choose the tenant the policy belongs to", f.validationProperty().get());
        f.tenantIdProperty().set("acme");
        f.nameProperty().set("cap");
        assertEquals("tenant:acme", f.patternProperty().get());
        assertEquals("", f.validationProperty().get());
        f.levelIdProperty("workspace").set("prod");
        f.levelIdProperty("agent").set("*");
        assertEquals("tenant:acme/workspace:prod/agent:*", f.patternProperty().get());
        assertTrue(f.validProperty().get());
        f.levelIdProperty("app").set("*");
        assertTrue(f.validationProperty().get().startsWith("Scope pattern: 'app:*' may only be the last segment"), f.validationProperty().get());
        f.levelIdProperty("app").set("");
        f.levelIdProperty("agent").set("bot");
        f.descendantsProperty().set(true);
        assertEquals("tenant:acme/workspace:prod/agent:bot/*", f.patternProperty().get());
        assertTrue(f.validProperty().get());
        f.levelIdProperty("agent").set("b*t");
        assertFalse(f.validProperty().get());
    }

    @Test
    void numbersWindowsAndTtlsAreChecked() {
        PolicyFormViewModel f = form();
        f.tenantIdProperty().set("acme");
        f.nameProperty().set("cap");
        f.maxTokensProperty().set("1,000,000");
        assertTrue(f.validProperty().get());
        f.maxTokensProperty().set("-1");
        assertEquals("Max tokens must be at least 0", f.validationProperty().get());
        f.maxTokensProperty().set("");
        f.reservationsPerMinuteProperty().set("0");
        assertEquals("Reservations per minute must be at least 1", f.validationProperty().get());
        f.reservationsPerMinuteProperty().set("");
        f.defaultTtlProperty().set("500");
        assertEquals("Default TTL must be 1,000 - 86,400,000 ms", f.validationProperty().get());
        f.defaultTtlProperty().set("90000");
        f.maxTtlProperty().set("60000");
        assertEquals("Default TTL must not exceed max TTL", f.validationProperty().get());
        f.maxTtlProperty().set("");
        f.effectiveFromProperty().set("2026-05-01");
        f.effectiveUntilProperty().set("2026-04-30 10:00");
        assertEquals("Effective from must be before effective until", f.validationProperty().get());
        f.effectiveUntilProperty().set("2026-05-01");
        assertTrue(f.validProperty().get(), "until a date = end of that day");
        PolicyCreateRequest r = f.createRequest();
        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), r.effectiveFrom());
        assertEquals(Instant.parse("2026-05-02T00:00:00Z"), r.effectiveUntil());
        assertNull(r.caps(), "no caps entered, none sent");
        assertEquals(90_000L, r.reservationTtlOverride().defaultTtlMs());
    }

    @Test
    void matchesUseTheSharedPatternMatching() {
        List<dev.cycles.admin.model.BudgetLedger> budgets = List.of(
                Ledgers.of("tenant:acme/workspace:prod/agent:a", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 1, 0, 0, false),
                Ledgers.of("tenant:acme/workspace:prod/agent:b", UnitEnum.USD_MICROCENTS, BudgetStatus.ACTIVE, 1, 0, 0, false),
                Ledgers.of("tenant:acme/workspace:prod", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 1, 0, 0, false),
                Ledgers.of("tenant:acme/workspace:dev/agent:a", UnitEnum.TOKENS, BudgetStatus.ACTIVE, 1, 0, 0, false));
        assertEquals(List.of("tenant:acme/workspace:prod/agent:a  (tokens)", "tenant:acme/workspace:prod/agent:b  (USD)"),
                PolicyFormViewModel.matching("tenant:acme/workspace:prod/agent:*", budgets));
        assertEquals(4, PolicyFormViewModel.matching("tenant:acme/*", budgets).size(), "every scope beneath");
        assertEquals(1, PolicyFormViewModel.matching("tenant:acme/workspace:prod", budgets).size());
    }

    @Test
    void createAndEditAgainstAServerWithMatchingBudgets() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.client().createTenant(new TenantCreateRequest("acme", "Acme", null, null, null, null, null, null, null, null));
            for (String scope : List.of("tenant:acme/workspace:prod", "tenant:acme/workspace:prod/agent:x", "tenant:acme/workspace:dev")) {
                server.client().createBudget(new BudgetCreateRequest("acme", scope, UnitEnum.TOKENS, Amount.of(UnitEnum.TOKENS, 10),
                        null, null, null, null, null, null));
            }
            Session s = new Session();
            s.connect(server.client(), "t", "#000");
            Ctx ctx = Ctx.direct(s);
            PolicyFormViewModel f = new PolicyFormViewModel(ctx, null, "acme");
            f.loadBudgets();
            f.nameProperty().set("prod-all");
            f.levelIdProperty("workspace").set("prod");
            f.descendantsProperty().set(true);
            assertEquals(List.of("tenant:acme/workspace:prod/agent:x  (tokens)"), f.matches());
            assertEquals("Matches 1 of 3 existing budgets of acme", f.matchSummaryProperty().get());
            f.maxTokensProperty().set("2,500");
            f.commitsPerMinuteProperty().set("12");
            f.priorityProperty().set("7");
            PolicyRow[] saved = new PolicyRow[1];
            f.submit(r -> saved[0] = r);
            assertEquals("", f.serverErrorProperty().get());
            Policy p = server.client().listPolicies(Map.of("tenant_id", "acme")).policies().get(0);
            assertEquals(saved[0].policy().policyId(), p.policyId());
            assertEquals(2_500L, p.caps().maxTokens());
            assertEquals(12L, p.rateLimits().maxCommitsPerMinute());
            assertEquals(7, p.priority());

            PolicyFormViewModel edit = new PolicyFormViewModel(ctx, saved[0], null);
            assertEquals("prod", edit.levelIdProperty("workspace").get());
            assertTrue(edit.descendantsProperty().get());
            assertEquals("2,500", edit.maxTokensProperty().get());
            edit.statusProperty().set(PolicyStatus.DISABLED);
            PolicyUpdateRequest u = edit.updateRequest();
            assertNull(u.name(), "unchanged fields are not sent");
            assertNull(u.caps());
            assertEquals(PolicyStatus.DISABLED, u.status());
            edit.submit(r -> { });
            assertEquals(PolicyStatus.DISABLED, server.client().listPolicies(Map.of("tenant_id", "acme")).policies().get(0).status());

            // a duplicate name: the server's refusal shows in the form
            PolicyFormViewModel dup = new PolicyFormViewModel(ctx, null, "acme");
            dup.nameProperty().set("prod-all");
            dup.submit(r -> { });
            assertTrue(dup.serverErrorProperty().get().startsWith("DUPLICATE_RESOURCE: "), dup.serverErrorProperty().get());

            // cross-tenant list
            server.client().createTenant(new TenantCreateRequest("globex", "Globex", null, null, null, null, null, null, null, null));
            server.client().createPolicy(new PolicyCreateRequest("globex", "g", null, "tenant:globex", null,
                    new Caps(1L, null, null, null, null), null, null, null, null, null, null));
            PoliciesViewModel list = new PoliciesViewModel(ctx);
            list.refresh();
            assertEquals(2, list.visibleRows().size());
            assertEquals(List.of("acme", "globex"), list.tenantChoices());
            list.tenantFilterProperty().set("globex");
            list.refresh();
            assertEquals(1, list.visibleRows().size());
            assertEquals("globex", list.visibleRows().get(0).tenantId());
            list.tenantFilterProperty().set("");
            list.refresh();
            list.statusFilterProperty().set(PolicyStatus.DISABLED);
            assertEquals(1, list.visibleRows().size());
            assertEquals("prod-all", list.visibleRows().get(0).policy().name());
            assertEquals("DISABLED", list.state(list.visibleRows().get(0).policy()));
        }
    }
}
