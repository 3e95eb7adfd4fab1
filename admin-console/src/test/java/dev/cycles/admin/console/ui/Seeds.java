package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.UnitEnum;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Small seeds the screen tests share (the larger realistic one is {@link Fleet}). Each says in its
 * name what the tests rely on; the figures are what their assertions check.
 */
final class Seeds {
    private Seeds() {
    }

    /** Tenant acme with one TOKENS budget tenant:acme/agent:bot of 1,500,000 tokens. */
    static void acmeWithTokenBot(AdminClient api) {
        tenant(api, "acme", "Acme");
        budget(api, "acme", "tenant:acme/agent:bot", UnitEnum.TOKENS, 1_500_000);
    }

    /** Tenant acme with a $100 budget tenant:acme/agent:bot and a 1,000-token budget tenant:acme/agent:calm. */
    static void acmeWithTwoBudgets(AdminClient api) {
        tenant(api, "acme", "Acme");
        budget(api, "acme", "tenant:acme/agent:bot", UnitEnum.USD_MICROCENTS, 10_000_000_000L);
        budget(api, "acme", "tenant:acme/agent:calm", UnitEnum.TOKENS, 1_000);
    }

    /**
     * Tenant "Acme Corporation" with budgets in three units (tenant:acme 1,500,000 tokens; its prod
     * workspace $500 with $475.12 spent; the prod support-bot 10,000 credits) and one key "ingest".
     */
    static void acmeInThreeUnits(AdminClient api) {
        tenant(api, "acme", "Acme Corporation");
        budget(api, "acme", "tenant:acme", UnitEnum.TOKENS, 1_500_000);
        budget(api, "acme", "tenant:acme/workspace:prod", UnitEnum.USD_MICROCENTS, 50_000_000_000L);
        budget(api, "acme", "tenant:acme/workspace:prod/agent:support-bot", UnitEnum.CREDITS, 10_000);
        api.fundBudget("tenant:acme/workspace:prod", UnitEnum.USD_MICROCENTS, "acme", new BudgetFundingRequest(FundingOperation.RESET_SPENT,
                Amount.of(UnitEnum.USD_MICROCENTS, 50_000_000_000L), Amount.of(UnitEnum.USD_MICROCENTS, 47_512_345_678L), "seed", null, null));
        api.createApiKey(new ApiKeyCreateRequest("acme", "ingest", null, List.of("budgets:read", "budgets:write", "events:read"), null, null, null));
    }

    /**
     * Tenants acme and globex: four budgets ($410 spent on acme's support agent, acme's billing
     * agent over limit with $2.50 debt, $125 spent on globex), a key expiring in two days and a key
     * whose name looks like a spreadsheet formula.
     */
    static void acmeAndGlobex(TestServer server, AdminClient api) {
        tenant(api, "acme", "Acme Corporation");
        tenant(api, "globex", "Globex Industries");
        budget(api, "acme", "tenant:acme/workspace:prod/agent:support", UnitEnum.USD_MICROCENTS, 50_000_000_000L);
        budget(api, "acme", "tenant:acme/workspace:prod/agent:billing", UnitEnum.USD_MICROCENTS, 20_000_000_000L);
        budget(api, "acme", "tenant:acme/workspace:dev", UnitEnum.TOKENS, 2_000_000);
        budget(api, "globex", "tenant:globex", UnitEnum.USD_MICROCENTS, 90_000_000_000L);
        api.fundBudget("tenant:acme/workspace:prod/agent:support", UnitEnum.USD_MICROCENTS, "acme",
                new BudgetFundingRequest(FundingOperation.RESET_SPENT, Amount.of(UnitEnum.USD_MICROCENTS, 50_000_000_000L),
                        Amount.of(UnitEnum.USD_MICROCENTS, 41_000_000_000L), "seed", null, null));
        api.fundBudget("tenant:globex", UnitEnum.USD_MICROCENTS, "globex",
                new BudgetFundingRequest(FundingOperation.RESET_SPENT, Amount.of(UnitEnum.USD_MICROCENTS, 90_000_000_000L),
                        Amount.of(UnitEnum.USD_MICROCENTS, 12_500_000_000L), "seed", null, null));
        // debt and over-limit only come from the runtime plane: set them in the database
        server.server().database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE budgets SET spent = allocated, debt = ?, is_over_limit = 1 WHERE scope = ?")) {
                ps.setLong(1, 250_000_000L);
                ps.setString(2, "tenant:acme/workspace:prod/agent:billing");
                return ps.executeUpdate();
            }
        });
        api.createApiKey(new ApiKeyCreateRequest("acme", "nightly-batch", null, List.of("budgets:read"), null,
                Instant.now().plus(2, ChronoUnit.DAYS), null));
        api.createApiKey(new ApiKeyCreateRequest("globex", "=cmd|' /C calc'!A0", null, List.of("budgets:read"), null, null, null));
    }

    static void tenant(AdminClient api, String id, String name) {
        api.createTenant(new TenantCreateRequest(id, name, null, null, null, null, null, null, null, null));
    }

    static void budget(AdminClient api, String tenant, String scope, UnitEnum unit, long allocated) {
        api.createBudget(new BudgetCreateRequest(tenant, scope, unit, Amount.of(unit, allocated), null, null, null, null, null, null));
    }
}
