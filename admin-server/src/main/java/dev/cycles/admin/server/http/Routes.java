package dev.cycles.admin.server.http;

import dev.cycles.admin.model.Permission;
import dev.cycles.admin.server.apikey.ApiKeyHandlers;
import dev.cycles.admin.server.audit.AuditHandlers;
import dev.cycles.admin.server.auth.AuthHandlers;
import dev.cycles.admin.server.backup.BackupHandlers;
import dev.cycles.admin.server.budget.BudgetHandlers;
import dev.cycles.admin.server.docs.DocsHandlers;
import dev.cycles.admin.server.overview.OverviewHandlers;
import dev.cycles.admin.server.policy.PolicyHandlers;
import dev.cycles.admin.server.tenant.TenantHandlers;

import java.util.ArrayList;
import java.util.List;

/** The whole API on one screen: method, path, operationId, resource type, who may call, handler. */
public final class Routes {

    /** Every handler group the table points at. */
    public record Handlers(HealthHandler health, TenantHandlers tenants, ApiKeyHandlers keys, AuthHandlers auth,
                           BudgetHandlers budgets, BackupHandlers backups, PolicyHandlers policies,
                           AuditHandlers audit, OverviewHandlers overview, DocsHandlers docs) {
    }

    private Routes() {
    }

    public static List<Route> table(Handlers h) {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/health", "health", null, AuthRule.NONE, h.health()::health));

        r.add(new Route("POST", "/v1/admin/tenants", "createTenant", "tenant", AuthRule.ADMIN, h.tenants()::create));
        r.add(new Route("GET", "/v1/admin/tenants", "listTenants", "tenant", AuthRule.ADMIN, h.tenants()::list));
        r.add(new Route("GET", "/v1/admin/tenants/:tenant_id", "getTenant", "tenant", AuthRule.ADMIN, h.tenants()::get));
        r.add(new Route("PATCH", "/v1/admin/tenants/:tenant_id", "updateTenant", "tenant", AuthRule.ADMIN, h.tenants()::update));

        r.add(new Route("POST", "/v1/admin/api-keys", "createApiKey", "api_key", AuthRule.ADMIN, h.keys()::create));
        r.add(new Route("GET", "/v1/admin/api-keys", "listApiKeys", "api_key", AuthRule.ADMIN, h.keys()::list));
        r.add(new Route("PATCH", "/v1/admin/api-keys/:key_id", "updateApiKey", "api_key", AuthRule.ADMIN, h.keys()::update));
        r.add(new Route("DELETE", "/v1/admin/api-keys/:key_id", "revokeApiKey", "api_key", AuthRule.ADMIN, h.keys()::revoke));

        AuthRule budgetsRead = AuthRule.either(Permission.BUDGETS_READ);
        AuthRule budgetsWrite = AuthRule.either(Permission.BUDGETS_WRITE);
        r.add(new Route("POST", "/v1/admin/budgets", "createBudget", "budget", budgetsWrite, h.budgets()::create));
        r.add(new Route("GET", "/v1/admin/budgets", "listBudgets", "budget", budgetsRead, h.budgets()::list));
        r.add(new Route("PATCH", "/v1/admin/budgets", "updateBudget", "budget", AuthRule.ADMIN, h.budgets()::update));
        r.add(new Route("GET", "/v1/admin/budgets/lookup", "lookupBudget", "budget", budgetsRead, h.budgets()::lookup));
        r.add(new Route("POST", "/v1/admin/budgets/freeze", "freezeBudget", "budget", AuthRule.ADMIN, h.budgets()::freeze));
        r.add(new Route("POST", "/v1/admin/budgets/unfreeze", "unfreezeBudget", "budget", AuthRule.ADMIN, h.budgets()::unfreeze));
        r.add(new Route("POST", "/v1/admin/budgets/fund", "fundBudget", "budget", budgetsWrite, h.budgets()::fund));
        r.add(new Route("GET", "/v1/balances", "getBalances", "budget", AuthRule.tenant(Permission.BALANCES_READ), h.budgets()::balances));

        AuthRule policiesRead = AuthRule.either(Permission.POLICIES_READ);
        AuthRule policiesWrite = AuthRule.either(Permission.POLICIES_WRITE);
        r.add(new Route("POST", "/v1/admin/policies", "createPolicy", "policy", policiesWrite, h.policies()::create));
        r.add(new Route("GET", "/v1/admin/policies", "listPolicies", "policy", policiesRead, h.policies()::list));
        r.add(new Route("PATCH", "/v1/admin/policies/:policy_id", "updatePolicy", "policy", policiesWrite, h.policies()::update));

        r.add(new Route("GET", "/v1/admin/audit/logs", "listAuditLogs", "audit", AuthRule.ADMIN, h.audit()::list));
        // The public admin guide's spelling of the same operation.
        r.add(new Route("GET", "/v1/admin/audit-logs", "listAuditLogsGuideAlias", "audit", AuthRule.ADMIN, h.audit()::list));
        r.add(new Route("GET", "/v1/admin/overview", "getAdminOverview", null, AuthRule.ADMIN, h.overview()::get));

        r.add(new Route("POST", "/v1/auth/validate", "validateApiKey", "api_key", AuthRule.ADMIN, h.auth()::validate));
        r.add(new Route("GET", "/v1/auth/introspect", "introspectAuth", null, AuthRule.either(null), h.auth()::introspect));

        // Operator extensions live outside /v1, as the spec's conformance rules ask.
        r.add(new Route("POST", "/admin/backup", "createBackup", "backup", AuthRule.ADMIN, h.backups()::create));
        r.add(new Route("GET", "/openapi.yaml", "getOpenApiDocument", null, AuthRule.NONE, h.docs()::openApi));
        r.add(new Route("GET", "/docs", "getApiExplorer", null, AuthRule.NONE, h.docs()::explorer));
        r.add(new Route("GET", "/docs/:file", "getApiExplorerFile", null, AuthRule.NONE, h.docs()::asset));
        return r;
    }

}
