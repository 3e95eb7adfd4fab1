package dev.cycles.admin.console.client;

import dev.cycles.admin.model.AdminOverviewResponse;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.ApiKeyCreateResponse;
import dev.cycles.admin.model.ApiKeyListResponse;
import dev.cycles.admin.model.ApiKeyUpdateRequest;
import dev.cycles.admin.model.ApiKeyValidationResponse;
import dev.cycles.admin.model.AuditLogListResponse;
import dev.cycles.admin.model.AuthIntrospectResponse;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetFundingResponse;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetUpdateRequest;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyListResponse;
import dev.cycles.admin.model.PolicyUpdateRequest;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.UnitEnum;

import java.util.Map;

/**
 * The admin API as the screens see it. {@link AdminClient} is the HTTP implementation; ViewModel
 * tests may hand in a fake, so the rules in a ViewModel can be tested without a server.
 */
public interface AdminApi {
    String baseUrl();

    AuthIntrospectResponse introspect();

    /** Checks a tenant key secret (POST /v1/auth/validate). */
    ApiKeyValidationResponse validateApiKey(String keySecret);

    /** GET /health: status, database and version of the server. */
    Map<String, Object> health();

    TenantListResponse listTenants(Map<String, String> query);

    Tenant getTenant(String tenantId);

    Tenant createTenant(TenantCreateRequest body);

    Tenant updateTenant(String tenantId, TenantUpdateRequest body);

    ApiKeyListResponse listApiKeys(Map<String, String> query);

    ApiKeyCreateResponse createApiKey(ApiKeyCreateRequest body);

    ApiKey updateApiKey(String keyId, ApiKeyUpdateRequest body);

    ApiKey revokeApiKey(String keyId, String reason);

    BudgetListResponse listBudgets(Map<String, String> query);

    BudgetLedger lookupBudget(String scope, UnitEnum unit);

    BudgetLedger createBudget(BudgetCreateRequest body);

    BudgetLedger updateBudget(String scope, UnitEnum unit, BudgetUpdateRequest body);

    BudgetLedger freezeBudget(String scope, UnitEnum unit, String reason);

    BudgetLedger unfreezeBudget(String scope, UnitEnum unit, String reason);

    BudgetFundingResponse fundBudget(String scope, UnitEnum unit, String tenantId, BudgetFundingRequest body);

    /** POST /v1/admin/tenants/bulk-action: SUSPEND, REACTIVATE or CLOSE every tenant the filter matches. */
    dev.cycles.admin.model.TenantBulkActionResponse bulkActionTenants(dev.cycles.admin.model.TenantBulkActionRequest body);

    /** POST /v1/admin/budgets/bulk-action: one funding operation on every ledger of one tenant the filter matches. */
    dev.cycles.admin.model.BudgetBulkActionResponse bulkActionBudgets(dev.cycles.admin.model.BudgetBulkActionRequest body);

    /** POST /v1/admin/webhooks/bulk-action: PAUSE, RESUME or DELETE every subscription the filter matches. */
    dev.cycles.admin.model.WebhookBulkActionResponse bulkActionWebhooks(dev.cycles.admin.model.WebhookBulkActionRequest body);

    /** GET /v1/admin/policies; with the admin key the server requires tenant_id. */
    PolicyListResponse listPolicies(Map<String, String> query);

    Policy createPolicy(PolicyCreateRequest body);

    Policy updatePolicy(String policyId, PolicyUpdateRequest body);

    AuditLogListResponse listAuditLogs(Map<String, String> query);

    dev.cycles.admin.model.EventListResponse listEvents(Map<String, String> query);

    dev.cycles.admin.model.Event getEvent(String eventId);

    AdminOverviewResponse overview();

    // ---- webhooks (GET/POST/PATCH/DELETE /v1/admin/webhooks..., /v1/admin/config/webhook-security)

    dev.cycles.admin.model.WebhookListResponse listWebhooks(Map<String, String> query);

    dev.cycles.admin.model.WebhookSubscription getWebhook(String subscriptionId);

    /** {@code tenantId} null or blank: a system-wide subscription (events of every tenant). */
    dev.cycles.admin.model.WebhookCreateResponse createWebhook(String tenantId, dev.cycles.admin.model.WebhookCreateRequest body);

    dev.cycles.admin.model.WebhookSubscription updateWebhook(String subscriptionId, dev.cycles.admin.model.WebhookUpdateRequest body);

    void deleteWebhook(String subscriptionId);

    /** Sends a signed system.webhook_test event now; a failed delivery is still an answer (success=false). */
    dev.cycles.admin.model.WebhookTestResponse testWebhook(String subscriptionId);

    dev.cycles.admin.model.WebhookDeliveryListResponse listWebhookDeliveries(String subscriptionId, Map<String, String> query);

    dev.cycles.admin.model.ReplayResponse replayWebhook(String subscriptionId, dev.cycles.admin.model.ReplayRequest body);

    dev.cycles.admin.model.WebhookSecurityConfig webhookSecurity();

    dev.cycles.admin.model.WebhookSecurityConfig updateWebhookSecurity(dev.cycles.admin.model.WebhookSecurityConfig body);
}
