package dev.cycles.admin.console.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cycles.admin.model.AdminOverviewResponse;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.AuditLogListResponse;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.PolicyCreateRequest;
import dev.cycles.admin.model.PolicyListResponse;
import dev.cycles.admin.model.PolicyUpdateRequest;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.ApiKeyCreateResponse;
import dev.cycles.admin.model.ApiKeyListResponse;
import dev.cycles.admin.model.ApiKeyUpdateRequest;
import dev.cycles.admin.model.ApiKeyValidationRequest;
import dev.cycles.admin.model.ApiKeyValidationResponse;
import dev.cycles.admin.model.AuthIntrospectResponse;
import dev.cycles.admin.model.BudgetCreateRequest;
import dev.cycles.admin.model.BudgetFundingRequest;
import dev.cycles.admin.model.BudgetFundingResponse;
import dev.cycles.admin.model.BudgetLedger;
import dev.cycles.admin.model.BudgetListResponse;
import dev.cycles.admin.model.BudgetStatusTransitionRequest;
import dev.cycles.admin.model.BudgetUpdateRequest;
import dev.cycles.admin.model.ErrorResponse;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantCreateRequest;
import dev.cycles.admin.model.TenantListResponse;
import dev.cycles.admin.model.TenantUpdateRequest;
import dev.cycles.admin.model.UnitEnum;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed client of the admin API. Every non-2xx answer becomes an {@link AdminApiException} carrying
 * the server's error code, message and request id; transport failures become one too. Blocking:
 * call it off the FX thread.
 */
public final class AdminClient implements AdminApi {
    private static final MediaType JSON = MediaType.get("application/json");
    /** The shared mapper, made tolerant of fields a newer server may add. */
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpUrl base;
    private final String adminKey;
    private final OkHttpClient http;

    public AdminClient(String baseUrl, String adminKey) {
        HttpUrl parsed = HttpUrl.parse(baseUrl == null ? "" : baseUrl.trim());
        if (parsed == null) {
            throw new AdminApiException("INVALID_URL", "Server URL '" + baseUrl + "' is not an http(s) URL", null);
        }
        this.base = parsed;
        this.adminKey = adminKey;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public String baseUrl() {
        return base.toString();
    }

    /** A client of the runtime plane at {@code runtimeUrl} with this client's admin key. */
    public RuntimeClient runtimeClient(String runtimeUrl) {
        return new RuntimeClient(runtimeUrl, adminKey);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    // ---- auth
    @Override
    public AuthIntrospectResponse introspect() {
        return send("GET", "/v1/auth/introspect", Map.of(), null, AuthIntrospectResponse.class);
    }

    /** Checks a tenant key secret (POST /v1/auth/validate). */
    @Override
    public ApiKeyValidationResponse validateApiKey(String keySecret) {
        return send("POST", "/v1/auth/validate", Map.of(), new ApiKeyValidationRequest(keySecret), ApiKeyValidationResponse.class);
    }

    /** GET /health: status, database and version of the server. */
    @SuppressWarnings("unchecked")
    @Override
    public Map<String, Object> health() {
        return send("GET", "/health", Map.of(), null, Map.class);
    }

    // ---- tenants
    @Override
    public TenantListResponse listTenants(Map<String, String> query) {
        return send("GET", "/v1/admin/tenants", query, null, TenantListResponse.class);
    }

    @Override
    public Tenant getTenant(String tenantId) {
        return send("GET", "/v1/admin/tenants/" + tenantId, Map.of(), null, Tenant.class);
    }

    @Override
    public Tenant createTenant(TenantCreateRequest body) {
        return send("POST", "/v1/admin/tenants", Map.of(), body, Tenant.class);
    }

    @Override
    public Tenant updateTenant(String tenantId, TenantUpdateRequest body) {
        return send("PATCH", "/v1/admin/tenants/" + tenantId, Map.of(), body, Tenant.class);
    }

    // ---- API keys
    @Override
    public ApiKeyListResponse listApiKeys(Map<String, String> query) {
        return send("GET", "/v1/admin/api-keys", query, null, ApiKeyListResponse.class);
    }

    @Override
    public ApiKeyCreateResponse createApiKey(ApiKeyCreateRequest body) {
        return send("POST", "/v1/admin/api-keys", Map.of(), body, ApiKeyCreateResponse.class);
    }

    @Override
    public ApiKey updateApiKey(String keyId, ApiKeyUpdateRequest body) {
        return send("PATCH", "/v1/admin/api-keys/" + keyId, Map.of(), body, ApiKey.class);
    }

    @Override
    public ApiKey revokeApiKey(String keyId, String reason) {
        Map<String, String> q = new LinkedHashMap<>();
        if (reason != null && !reason.isBlank()) {
            q.put("reason", reason);
        }
        return send("DELETE", "/v1/admin/api-keys/" + keyId, q, null, ApiKey.class);
    }

    // ---- budgets
    @Override
    public BudgetListResponse listBudgets(Map<String, String> query) {
        return send("GET", "/v1/admin/budgets", query, null, BudgetListResponse.class);
    }

    @Override
    public BudgetLedger lookupBudget(String scope, UnitEnum unit) {
        return send("GET", "/v1/admin/budgets/lookup", scopeUnit(scope, unit), null, BudgetLedger.class);
    }

    @Override
    public BudgetLedger createBudget(BudgetCreateRequest body) {
        return send("POST", "/v1/admin/budgets", Map.of(), body, BudgetLedger.class);
    }

    @Override
    public BudgetLedger updateBudget(String scope, UnitEnum unit, BudgetUpdateRequest body) {
        return send("PATCH", "/v1/admin/budgets", scopeUnit(scope, unit), body, BudgetLedger.class);
    }

    @Override
    public BudgetLedger freezeBudget(String scope, UnitEnum unit, String reason) {
        return send("POST", "/v1/admin/budgets/freeze", scopeUnit(scope, unit),
                new BudgetStatusTransitionRequest(blankToNull(reason), null), BudgetLedger.class);
    }

    @Override
    public BudgetLedger unfreezeBudget(String scope, UnitEnum unit, String reason) {
        return send("POST", "/v1/admin/budgets/unfreeze", scopeUnit(scope, unit),
                new BudgetStatusTransitionRequest(blankToNull(reason), null), BudgetLedger.class);
    }

    @Override
    public BudgetFundingResponse fundBudget(String scope, UnitEnum unit, String tenantId, BudgetFundingRequest body) {
        Map<String, String> q = scopeUnit(scope, unit);
        q.put("tenant_id", tenantId);
        return send("POST", "/v1/admin/budgets/fund", q, body, BudgetFundingResponse.class);
    }

    // ---- bulk actions (one write transaction each on the server, gated by expected_count)
    @Override
    public dev.cycles.admin.model.TenantBulkActionResponse bulkActionTenants(dev.cycles.admin.model.TenantBulkActionRequest body) {
        return send("POST", "/v1/admin/tenants/bulk-action", Map.of(), body, dev.cycles.admin.model.TenantBulkActionResponse.class);
    }

    @Override
    public dev.cycles.admin.model.BudgetBulkActionResponse bulkActionBudgets(dev.cycles.admin.model.BudgetBulkActionRequest body) {
        return send("POST", "/v1/admin/budgets/bulk-action", Map.of(), body, dev.cycles.admin.model.BudgetBulkActionResponse.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookBulkActionResponse bulkActionWebhooks(dev.cycles.admin.model.WebhookBulkActionRequest body) {
        return send("POST", "/v1/admin/webhooks/bulk-action", Map.of(), body, dev.cycles.admin.model.WebhookBulkActionResponse.class);
    }

    // ---- policies
    /** GET /v1/admin/policies; with the admin key the server requires tenant_id. */
    @Override
    public PolicyListResponse listPolicies(Map<String, String> query) {
        return send("GET", "/v1/admin/policies", query, null, PolicyListResponse.class);
    }

    @Override
    public Policy createPolicy(PolicyCreateRequest body) {
        return send("POST", "/v1/admin/policies", Map.of(), body, Policy.class);
    }

    @Override
    public Policy updatePolicy(String policyId, PolicyUpdateRequest body) {
        return send("PATCH", "/v1/admin/policies/" + policyId, Map.of(), body, Policy.class);
    }

    // ---- audit and overview
    @Override
    public AuditLogListResponse listAuditLogs(Map<String, String> query) {
        return send("GET", "/v1/admin/audit/logs", query, null, AuditLogListResponse.class);
    }

    // ---- events
    @Override
    public dev.cycles.admin.model.EventListResponse listEvents(Map<String, String> query) {
        return send("GET", "/v1/admin/events", query, null, dev.cycles.admin.model.EventListResponse.class);
    }

    @Override
    public dev.cycles.admin.model.Event getEvent(String eventId) {
        return send("GET", "/v1/admin/events/" + eventId, Map.of(), null, dev.cycles.admin.model.Event.class);
    }

    @Override
    public AdminOverviewResponse overview() {
        return send("GET", "/v1/admin/overview", Map.of(), null, AdminOverviewResponse.class);
    }

    // ---- webhooks
    @Override
    public dev.cycles.admin.model.WebhookListResponse listWebhooks(Map<String, String> query) {
        return send("GET", "/v1/admin/webhooks", query, null, dev.cycles.admin.model.WebhookListResponse.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookSubscription getWebhook(String subscriptionId) {
        return send("GET", "/v1/admin/webhooks/" + subscriptionId, Map.of(), null, dev.cycles.admin.model.WebhookSubscription.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookCreateResponse createWebhook(String tenantId, dev.cycles.admin.model.WebhookCreateRequest body) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("tenant_id", blankToNull(tenantId));
        return send("POST", "/v1/admin/webhooks", q, body, dev.cycles.admin.model.WebhookCreateResponse.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookSubscription updateWebhook(String subscriptionId, dev.cycles.admin.model.WebhookUpdateRequest body) {
        return send("PATCH", "/v1/admin/webhooks/" + subscriptionId, Map.of(), body, dev.cycles.admin.model.WebhookSubscription.class);
    }

    @Override
    public void deleteWebhook(String subscriptionId) {
        send("DELETE", "/v1/admin/webhooks/" + subscriptionId, Map.of(), null, Void.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookTestResponse testWebhook(String subscriptionId) {
        return send("POST", "/v1/admin/webhooks/" + subscriptionId + "/test", Map.of(), null, dev.cycles.admin.model.WebhookTestResponse.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookDeliveryListResponse listWebhookDeliveries(String subscriptionId, Map<String, String> query) {
        return send("GET", "/v1/admin/webhooks/" + subscriptionId + "/deliveries", query, null,
                dev.cycles.admin.model.WebhookDeliveryListResponse.class);
    }

    @Override
    public dev.cycles.admin.model.ReplayResponse replayWebhook(String subscriptionId, dev.cycles.admin.model.ReplayRequest body) {
        return send("POST", "/v1/admin/webhooks/" + subscriptionId + "/replay", Map.of(), body, dev.cycles.admin.model.ReplayResponse.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookSecurityConfig webhookSecurity() {
        return send("GET", "/v1/admin/config/webhook-security", Map.of(), null, dev.cycles.admin.model.WebhookSecurityConfig.class);
    }

    @Override
    public dev.cycles.admin.model.WebhookSecurityConfig updateWebhookSecurity(dev.cycles.admin.model.WebhookSecurityConfig body) {
        return send("PUT", "/v1/admin/config/webhook-security", Map.of(), body, dev.cycles.admin.model.WebhookSecurityConfig.class);
    }

    private static Map<String, String> scopeUnit(String scope, UnitEnum unit) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("scope", scope);
        q.put("unit", unit.name());
        return q;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- transport
    /** One call; package-private so {@link RuntimeClient} shares the transport and error mapping. */
    <T> T send(String method, String path, Map<String, String> query, Object body, Class<T> type) {
        HttpUrl.Builder url = base.newBuilder();
        for (String seg : path.substring(1).split("/")) {
            url.addPathSegment(seg);
        }
        query.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                url.addQueryParameter(k, v);
            }
        });
        RequestBody requestBody = null;
        try {
            if (body != null) {
                requestBody = RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
            } else if (method.equals("POST") || method.equals("PATCH")) {
                requestBody = RequestBody.create(new byte[0], JSON);
            }
        } catch (IOException e) {
            throw new AdminApiException("CLIENT_ERROR", "Could not encode the request: " + e.getMessage(), e);
        }
        Request.Builder req = new Request.Builder().url(url.build()).method(method, requestBody)
                .header("Accept", "application/json")
                .header("User-Agent", "cycles-admin-console/" + dev.cycles.admin.server.AdminServer.VERSION);
        if (adminKey != null && !adminKey.isEmpty()) {
            req.header("X-Admin-API-Key", adminKey);
        }
        try (Response res = http.newCall(req.build()).execute()) {
            ResponseBody rb = res.body();
            byte[] bytes = rb == null ? new byte[0] : rb.bytes();
            String requestId = res.header("X-Request-Id");
            if (!res.isSuccessful()) {
                throw error(res.code(), bytes, requestId);
            }
            if (type == Void.class || bytes.length == 0 && res.code() == 204) {
                return null; // 204 No Content (DELETE)
            }
            return MAPPER.readValue(bytes, type);
        } catch (AdminApiException e) {
            throw e;
        } catch (IOException e) {
            throw new AdminApiException("CONNECTION_FAILED",
                    "Cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private static AdminApiException error(int status, byte[] bytes, String headerRequestId) {
        try {
            ErrorResponse er = MAPPER.readValue(bytes, ErrorResponse.class);
            String rid = er.requestId() != null ? er.requestId() : headerRequestId;
            return new AdminApiException(status, er.error() == null ? "HTTP_" + status : er.error(),
                    er.message() == null ? "HTTP " + status : er.message(), rid);
        } catch (IOException | RuntimeException e) {
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            return new AdminApiException(status, "HTTP_" + status,
                    text.isBlank() ? "HTTP " + status : text.substring(0, Math.min(200, text.length())), headerRequestId);
        }
    }
}
