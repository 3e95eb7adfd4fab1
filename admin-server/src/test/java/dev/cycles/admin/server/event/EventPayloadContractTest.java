package dev.cycles.admin.server.event;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event the admin plane records carries a payload that validates against the public
 * spec's EventData schema of its type, and invents no field the schema does not declare.
 */
class EventPayloadContractTest extends ServerTest {

    @Test
    void everyRecordedPayloadMatchesItsSchema() {
        Path spec = Path.of("../../shared/spec/cycles-governance-admin-v0.1.25.yaml");
        if (!Files.exists(spec)) {
            spec = Path.of("../shared/spec/cycles-governance-admin-v0.1.25.yaml");
        }
        Assumptions.assumeTrue(Files.exists(spec), "the public spec is not beside the repository");
        OpenAPI api = new OpenAPIV3Parser().read(spec.toAbsolutePath().toString());
        SchemaValidator validator = new SchemaValidator(api, new MessageResolver());

        exerciseEveryAdminChange(server.admin());

        List<String> problems = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = server.admin().get("/v1/admin/events?sort_dir=asc&limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (JsonNode e : page.path("events")) {
                String type = e.path("event_type").asText();
                seen.add(type);
                if (!EventTypes.isKnown(type)) {
                    problems.add("unknown type " + type);
                    continue;
                }
                String schemaName = schemaOf(type);
                @SuppressWarnings("rawtypes")
                Schema schema = api.getComponents().getSchemas().get(schemaName);
                ValidationReport report = validator.validate(e.path("data").toString(), schema, "data");
                report.getMessages().forEach(m -> problems.add(type + ": " + m.getMessage()));
                @SuppressWarnings("unchecked")
                Map<String, Object> declared = schema.getProperties();
                for (Iterator<String> it = e.path("data").fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (declared == null || !declared.containsKey(field)) {
                        problems.add(type + ": field '" + field + "' is not in " + schemaName);
                    }
                }
            }
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);

        assertEquals(List.of(), problems);
        assertTrue(seen.containsAll(List.of("tenant.created", "tenant.updated", "tenant.suspended", "tenant.reactivated",
                "tenant.closed", "api_key.created", "api_key.revoked", "api_key.revoked_via_tenant_cascade",
                "budget.created", "budget.updated", "budget.funded", "budget.debited", "budget.reset", "budget.reset_spent",
                "budget.frozen", "budget.unfrozen", "budget.closed_via_tenant_cascade", "budget.threshold_crossed",
                "budget.exhausted", "policy.created", "policy.updated")), seen.toString());
    }

    private static void exerciseEveryAdminChange(Api admin) {
        Fixtures.tenant(admin, "payload-co");
        ok(admin.patch("/v1/admin/tenants/payload-co", "{\"name\":\"Payload Co\",\"default_reservation_ttl_ms\":60000}"));
        ok(admin.patch("/v1/admin/tenants/payload-co", "{\"status\":\"SUSPENDED\"}"));
        ok(admin.patch("/v1/admin/tenants/payload-co", "{\"status\":\"ACTIVE\"}"));
        Api.Res key = admin.post("/v1/admin/api-keys", "{\"tenant_id\":\"payload-co\",\"name\":\"k\",\"permissions\":[\"budgets:read\"]}");
        ok(key);
        ok(admin.patch("/v1/admin/api-keys/" + key.text("key_id"), "{\"permissions\":[\"budgets:read\",\"balances:read\"]}"));
        ok(admin.delete("/v1/admin/api-keys/" + key.text("key_id")));
        Fixtures.key(admin, "payload-co", "[\"budgets:read\"]");
        String scope = "tenant:payload-co/workspace:eng";
        ok(admin.post("/v1/admin/budgets", "{\"tenant_id\":\"payload-co\",\"scope\":\"" + scope + "\",\"unit\":\"TOKENS\",\"allocated\":1000}"));
        String fund = "/v1/admin/budgets/fund?scope=" + scope + "&unit=TOKENS";
        for (String body : List.of("{\"operation\":\"CREDIT\",\"amount\":100}", "{\"operation\":\"DEBIT\",\"amount\":50}",
                "{\"operation\":\"RESET\",\"amount\":1000}", "{\"operation\":\"RESET_SPENT\",\"amount\":1000,\"spent\":1000}",
                "{\"operation\":\"REPAY_DEBT\",\"amount\":10}")) {
            ok(admin.post(fund, body));
        }
        ok(admin.patch("/v1/admin/budgets?scope=" + scope + "&unit=TOKENS", "{\"overdraft_limit\":500}"));
        ok(admin.post("/v1/admin/budgets/freeze?scope=" + scope + "&unit=TOKENS", "{\"reason\":\"audit\"}"));
        ok(admin.post("/v1/admin/budgets/unfreeze?scope=" + scope + "&unit=TOKENS", null));
        Api.Res policy = admin.post("/v1/admin/policies", "{\"tenant_id\":\"payload-co\",\"name\":\"p\",\"scope_pattern\":\"tenant:payload-co/*\","
                + "\"caps\":{\"max_tokens\":100}}");
        ok(policy);
        ok(admin.patch("/v1/admin/policies/" + policy.text("policy_id"), "{\"caps\":{\"max_tokens\":200}}"));
        ok(admin.patch("/v1/admin/tenants/payload-co", "{\"status\":\"CLOSED\"}"));
    }

    private static void ok(Api.Res r) {
        assertTrue(r.status() == 200 || r.status() == 201, r.toString());
    }

    static String schemaOf(String type) {
        if (type.endsWith("_via_tenant_cascade")) {
            return "EventDataTenantCascade";
        }
        return switch (type) {
            case "budget.threshold_crossed", "budget.exhausted" -> "EventDataBudgetThreshold";
            case "budget.over_limit_entered", "budget.over_limit_exited" -> "EventDataBudgetOverLimit";
            case "budget.debt_incurred" -> "EventDataBudgetDebtIncurred";
            case "budget.burn_rate_anomaly" -> "EventDataBurnRateAnomaly";
            case "reservation.denied" -> "EventDataReservationDenied";
            case "reservation.expired" -> "EventDataReservationExpired";
            case "reservation.commit_overage" -> "EventDataCommitOverage";
            case "reservation.denial_rate_spike", "reservation.expiry_rate_spike", "api_key.auth_failure_rate_spike" -> "EventDataRateSpike";
            default -> switch (EventTypes.categoryOf(type)) {
                case "budget" -> "EventDataBudgetLifecycle";
                case "tenant" -> "EventDataTenantLifecycle";
                case "webhook" -> "EventDataWebhookLifecycle";
                case "api_key" -> "EventDataApiKey";
                case "policy" -> "EventDataPolicy";
                default -> "EventDataSystem";
            };
        };
    }
}
