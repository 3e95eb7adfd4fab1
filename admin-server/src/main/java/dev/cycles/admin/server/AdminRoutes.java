package dev.cycles.admin.server;

import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.http.AuthRule;
import dev.cycles.admin.server.http.Route;
import dev.cycles.admin.server.health.HealthHandler;
import dev.cycles.admin.server.health.MetricsHandler;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.server.apikey.ApiKeyHandlers;
import dev.cycles.admin.server.audit.AuditHandlers;
import dev.cycles.admin.server.auth.AuthHandlers;
import dev.cycles.admin.server.backup.BackupHandlers;
import dev.cycles.admin.server.budget.BudgetHandlers;
import dev.cycles.admin.server.docs.DocsHandlers;
import dev.cycles.admin.server.event.EventHandlers;
import dev.cycles.admin.server.overview.OverviewHandlers;
import dev.cycles.admin.server.policy.PolicyHandlers;
import dev.cycles.admin.server.tenant.TenantHandlers;
import dev.cycles.admin.server.webhook.WebhookHandlers;

import java.util.ArrayList;
import java.util.List;

/** The whole API on one screen: method, path, operationId, resource type, who may call, handler. */
public final class AdminRoutes {

    /** Every handler group the table points at. */
    public record Handlers(HealthHandler health, TenantHandlers tenants, ApiKeyHandlers keys, AuthHandlers auth,
                           BudgetHandlers budgets, BackupHandlers backups, PolicyHandlers policies,
                           AuditHandlers audit, OverviewHandlers overview, WebhookHandlers webhooks,
                           DocsHandlers docs, EventHandlers events, MetricsHandler metrics) {
    }

    private AdminRoutes() {
    }

    public static List<Route> table(Handlers h) {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/health", "health", null, AuthRule.NONE, h.health()::health));

        r.add(new Route("POST", "/v1/admin/tenants", "createTenant", ResourceType.TENANT, AuthRule.ADMIN, h.tenants()::create));
        r.add(new Route("GET", "/v1/admin/tenants", "listTenants", ResourceType.TENANT, AuthRule.ADMIN, h.tenants()::list));
        // A literal segment: Spark tries routes in this order, and no other POST has this shape.
        r.add(new Route("POST", "/v1/admin/tenants/bulk-action", "bulkActionTenants", ResourceType.TENANT, AuthRule.ADMIN, h.tenants()::bulkAction));
        r.add(new Route("GET", "/v1/admin/tenants/:tenant_id", "getTenant", ResourceType.TENANT, AuthRule.ADMIN, h.tenants()::get));
        r.add(new Route("PATCH", "/v1/admin/tenants/:tenant_id", "updateTenant", ResourceType.TENANT, AuthRule.ADMIN, h.tenants()::update));

        r.add(new Route("POST", "/v1/admin/api-keys", "createApiKey", ResourceType.API_KEY, AuthRule.ADMIN, h.keys()::create));
        r.add(new Route("GET", "/v1/admin/api-keys", "listApiKeys", ResourceType.API_KEY, AuthRule.ADMIN, h.keys()::list));
        r.add(new Route("PATCH", "/v1/admin/api-keys/:key_id", "updateApiKey", ResourceType.API_KEY, AuthRule.ADMIN, h.keys()::update));
        r.add(new Route("DELETE", "/v1/admin/api-keys/:key_id", "revokeApiKey", ResourceType.API_KEY, AuthRule.ADMIN, h.keys()::revoke));

        AuthRule budgetsRead = AuthRule.either(Permission.BUDGETS_READ);
        AuthRule budgetsWrite = AuthRule.either(Permission.BUDGETS_WRITE);
        r.add(new Route("POST", "/v1/admin/budgets", "createBudget", ResourceType.BUDGET, budgetsWrite, h.budgets()::create));
        r.add(new Route("GET", "/v1/admin/budgets", "listBudgets", ResourceType.BUDGET, budgetsRead, h.budgets()::list));
        r.add(new Route("PATCH", "/v1/admin/budgets", "updateBudget", ResourceType.BUDGET, AuthRule.ADMIN, h.budgets()::update));
        r.add(new Route("GET", "/v1/admin/budgets/lookup", "lookupBudget", ResourceType.BUDGET, budgetsRead, h.budgets()::lookup));
        r.add(new Route("POST", "/v1/admin/budgets/freeze", "freezeBudget", ResourceType.BUDGET, AuthRule.ADMIN, h.budgets()::freeze));
        r.add(new Route("POST", "/v1/admin/budgets/unfreeze", "unfreezeBudget", ResourceType.BUDGET, AuthRule.ADMIN, h.budgets()::unfreeze));
        r.add(new Route("POST", "/v1/admin/budgets/fund", "fundBudget", ResourceType.BUDGET, budgetsWrite, h.budgets()::fund));
        r.add(new Route("POST", "/v1/admin/budgets/bulk-action", "bulkActionBudgets", ResourceType.BUDGET, AuthRule.ADMIN, h.budgets()::bulkAction));
        r.add(new Route("GET", "/v1/balances", "getBalances", ResourceType.BUDGET, AuthRule.tenant(Permission.BALANCES_READ), h.budgets()::balances));

        AuthRule policiesRead = AuthRule.either(Permission.POLICIES_READ);
        AuthRule policiesWrite = AuthRule.either(Permission.POLICIES_WRITE);
        r.add(new Route("POST", "/v1/admin/policies", "createPolicy", ResourceType.POLICY, policiesWrite, h.policies()::create));
        r.add(new Route("GET", "/v1/admin/policies", "listPolicies", ResourceType.POLICY, policiesRead, h.policies()::list));
        r.add(new Route("PATCH", "/v1/admin/policies/:policy_id", "updatePolicy", ResourceType.POLICY, policiesWrite, h.policies()::update));

        r.add(new Route("GET", "/v1/admin/audit/logs", "listAuditLogs", ResourceType.AUDIT_LOG, AuthRule.ADMIN, h.audit()::list));
        // The public admin guide's spelling of the same operation.
        r.add(new Route("GET", "/v1/admin/audit-logs", "listAuditLogsGuideAlias", ResourceType.AUDIT_LOG, AuthRule.ADMIN, h.audit()::list));
        r.add(new Route("GET", "/v1/admin/overview", "getAdminOverview", null, AuthRule.ADMIN, h.overview()::get));

        r.add(new Route("GET", "/v1/admin/events", "listEvents", ResourceType.EVENT, AuthRule.ADMIN, h.events()::list));
        r.add(new Route("GET", "/v1/admin/events/:event_id", "getEvent", ResourceType.EVENT, AuthRule.ADMIN, h.events()::get));
        r.add(new Route("GET", "/v1/events", "listTenantEvents", ResourceType.EVENT, AuthRule.tenant(Permission.EVENTS_READ),
                h.events()::listForTenant));

        String webhook = "/v1/admin/webhooks/:subscription_id";
        String tenantWebhook = "/v1/webhooks/:subscription_id";
        AuthRule webhooksRead = AuthRule.either(Permission.WEBHOOKS_READ);
        AuthRule webhooksWrite = AuthRule.either(Permission.WEBHOOKS_WRITE);
        r.add(new Route("POST", "/v1/admin/webhooks/bulk-action", "bulkActionWebhooks", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::bulkAction));
        r.add(new Route("POST", "/v1/admin/webhooks", "createWebhookSubscription", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::createAdmin));
        r.add(new Route("GET", "/v1/admin/webhooks", "listWebhookSubscriptions", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::listAdmin));
        r.add(new Route("GET", webhook, "getWebhookSubscription", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::get));
        r.add(new Route("PATCH", webhook, "updateWebhookSubscription", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::updateAdmin));
        r.add(new Route("DELETE", webhook, "deleteWebhookSubscription", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::delete));
        r.add(new Route("POST", webhook + "/test", "testWebhookSubscription", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::test));
        r.add(new Route("GET", webhook + "/deliveries", "listWebhookDeliveries", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::deliveries));
        r.add(new Route("POST", webhook + "/replay", "replayEvents", ResourceType.WEBHOOK, AuthRule.ADMIN, h.webhooks()::replay));
        r.add(new Route("GET", "/v1/admin/config/webhook-security", "getWebhookSecurityConfig", ResourceType.CONFIG, AuthRule.ADMIN, h.webhooks()::getSecurity));
        r.add(new Route("PUT", "/v1/admin/config/webhook-security", "updateWebhookSecurityConfig", ResourceType.CONFIG, AuthRule.ADMIN, h.webhooks()::putSecurity));
        r.add(new Route("POST", "/v1/webhooks", "createTenantWebhook", ResourceType.WEBHOOK, AuthRule.tenant(Permission.WEBHOOKS_WRITE), h.webhooks()::createTenant));
        r.add(new Route("GET", "/v1/webhooks", "listTenantWebhooks", ResourceType.WEBHOOK, webhooksRead, h.webhooks()::listTenant));
        r.add(new Route("GET", tenantWebhook, "getTenantWebhook", ResourceType.WEBHOOK, webhooksRead, h.webhooks()::get));
        r.add(new Route("PATCH", tenantWebhook, "updateTenantWebhook", ResourceType.WEBHOOK, webhooksWrite, h.webhooks()::updateTenant));
        r.add(new Route("DELETE", tenantWebhook, "deleteTenantWebhook", ResourceType.WEBHOOK, webhooksWrite, h.webhooks()::delete));
        r.add(new Route("POST", tenantWebhook + "/test", "testTenantWebhook", ResourceType.WEBHOOK, webhooksWrite, h.webhooks()::test));
        r.add(new Route("GET", tenantWebhook + "/deliveries", "listTenantWebhookDeliveries", ResourceType.WEBHOOK, webhooksRead, h.webhooks()::deliveries));

        r.add(new Route("POST", "/v1/auth/validate", "validateApiKey", ResourceType.API_KEY, AuthRule.ADMIN, h.auth()::validate));
        r.add(new Route("GET", "/v1/auth/introspect", "introspectAuth", null, AuthRule.either(null), h.auth()::introspect));

        // Operator extensions live outside /v1, as the spec's conformance rules ask.
        r.add(new Route("POST", "/admin/backup", "createBackup", ResourceType.BACKUP, AuthRule.ADMIN, h.backups()::create));
        r.add(new Route("GET", "/metrics", "getMetrics", null, AuthRule.ADMIN_OR_BEARER, h.metrics()::scrape));
        r.add(new Route("GET", "/openapi.yaml", "getOpenApiDocument", null, AuthRule.NONE, h.docs()::openApi));
        r.add(new Route("GET", "/docs", "getApiExplorer", null, AuthRule.NONE, h.docs()::explorer));
        r.add(new Route("GET", "/docs/:file", "getApiExplorerFile", null, AuthRule.NONE, h.docs()::asset));
        return r;
    }

}
