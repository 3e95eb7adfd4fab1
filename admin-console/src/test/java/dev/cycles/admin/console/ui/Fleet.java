package dev.cycles.admin.console.ui;

import dev.cycles.admin.console.Reservations;
import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.FundingOperation;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.UnitEnum;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A realistic small fleet for screenshots and layout checks: tenants in every state, budgets in
 * every unit with long scopes, some over limit with debt, some frozen, keys with long scope
 * filters and near expiries, policies, live reservations made through the runtime plane, and the
 * audit rows and events all of that leaves behind.
 */
final class Fleet {
    static final String LONG_SCOPE = "tenant:acme/workspace:production-eu-west-1/app:customer-support-assistant/workflow:ticket-triage/agent:summarizer";
    static final String SUPPORT = "tenant:acme/workspace:prod/agent:support";

    private Fleet() {
    }

    static void seed(TestServer server, AdminClient api) {
        tenant(api, "acme", "Acme Corporation");
        tenant(api, "globex", "Globex Industries International Holdings");
        tenant(api, "initech", "Initech");
        tenant(api, "umbrella", "Umbrella Research");
        tenant(api, "hooli", "Hooli");
        api.updateTenant("initech", new TenantUpdateRequest(null, TenantStatus.SUSPENDED, null, null, null, null, null));
        usd(api, "acme", SUPPORT, 50_000_000_000L);
        usd(api, "acme", LONG_SCOPE, 125_000_000_000L);
        usd(api, "acme", "tenant:acme/workspace:prod/agent:billing", 20_000_000_000L);
        budget(api, "acme", "tenant:acme/workspace:dev", UnitEnum.TOKENS, 2_000_000_000L);
        budget(api, "globex", "tenant:globex", UnitEnum.CREDITS, 9_500_000);
        budget(api, "globex", "tenant:globex/workspace:research/agent:planner", UnitEnum.RISK_POINTS, 10_000);
        usd(api, "umbrella", "tenant:umbrella", 1_234_567_890_123L);
        usd(api, "hooli", "tenant:hooli/workspace:search", 7_500_000_000L);
        api.fundBudget(SUPPORT, UnitEnum.USD_MICROCENTS, "acme", new BudgetFundingRequest(FundingOperation.RESET_SPENT,
                Amount.of(UnitEnum.USD_MICROCENTS, 50_000_000_000L), Amount.of(UnitEnum.USD_MICROCENTS, 41_000_000_000L), "seed", null, null));
        api.fundBudget("tenant:umbrella", UnitEnum.USD_MICROCENTS, "umbrella", new BudgetFundingRequest(FundingOperation.RESET_SPENT,
                Amount.of(UnitEnum.USD_MICROCENTS, 1_234_567_890_123L), Amount.of(UnitEnum.USD_MICROCENTS, 1_000_000_000_000L), "seed", null, null));
        try {
            api.fundBudget("tenant:acme/workspace:dev", UnitEnum.TOKENS, "acme", new BudgetFundingRequest(FundingOperation.DEBIT,
                    Amount.of(UnitEnum.TOKENS, 9_000_000_000L), null, "too much", null, null));
        } catch (AdminApiException refused) {
            // a failed request for the audit log and the overview
        }
        api.freezeBudget("tenant:hooli/workspace:search", UnitEnum.USD_MICROCENTS, "incident 42");
        api.freezeBudget("tenant:globex/workspace:research/agent:planner", UnitEnum.RISK_POINTS, "review");
        // debt and over-limit only come from the runtime plane's overage: set them in the database
        server.server().database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE budgets SET spent = allocated, debt = ?, is_over_limit = 1 WHERE scope = ?")) {
                ps.setLong(1, 250_000_000L);
                ps.setString(2, "tenant:acme/workspace:prod/agent:billing");
                return ps.executeUpdate();
            }
        });
        api.createApiKey(new ApiKeyCreateRequest("acme", "nightly-batch", "Nightly batch jobs", List.of("budgets:read", "reservations:list"),
                List.of(LONG_SCOPE), Instant.now().plus(2, ChronoUnit.DAYS), null));
        api.createApiKey(new ApiKeyCreateRequest("globex", "reporting", null, List.of("budgets:read"), null,
                Instant.now().plus(200, ChronoUnit.DAYS), null));
        api.createPolicy(new PolicyCreateRequest("acme", "support-caps", "Caps for the support agents",
                "tenant:acme/workspace:prod/*", 10L, new Caps(4_000L, 20L, List.of("search", "crm.lookup"), null, 1_500L),
                null, null, null, null, null, null));
        Reservations agent = new Reservations(server, api, "acme");
        agent.reserve(Reservations.subject("acme", "prod", "support"), 1_250_000_000L, Map.of("ticket", "T-1042"));
        agent.reserve(Reservations.subject("acme", "prod", "support"), 300_000_000L, null);
    }

    private static void tenant(AdminClient api, String id, String name) {
        api.createTenant(new TenantCreateRequest(id, name, null, null, null, null, null, null, null, null));
    }

    private static void usd(AdminClient api, String tenant, String scope, long microcents) {
        budget(api, tenant, scope, UnitEnum.USD_MICROCENTS, microcents);
    }

    private static void budget(AdminClient api, String tenant, String scope, UnitEnum unit, long allocated) {
        api.createBudget(new BudgetCreateRequest(tenant, scope, unit, Amount.of(unit, allocated), null, null, null, null, null, null));
    }
}
