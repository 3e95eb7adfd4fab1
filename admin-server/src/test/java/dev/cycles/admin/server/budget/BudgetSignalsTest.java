package dev.cycles.admin.server.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * budget.threshold_crossed fires once per threshold (0.80, 0.95, 1.0) and direction, with the
 * utilization (spent + reserved) / allocated; budget.exhausted when remaining reaches zero.
 */
class BudgetSignalsTest extends ServerTest {
    static final String SCOPE = "tenant:signal-co/agent:bot";

    @Test
    void thresholdsFireOncePerDirectionAndExhaustionOnce() {
        Api admin = server.admin();
        Fixtures.tenant(admin, "signal-co");
        assertEquals(201, admin.post("/v1/admin/budgets", "{\"tenant_id\":\"signal-co\",\"scope\":\"" + SCOPE
                + "\",\"unit\":\"TOKENS\",\"allocated\":1000}").status());

        fund(admin, "{\"operation\":\"RESET_SPENT\",\"amount\":1000,\"spent\":790}");
        assertEquals(List.of(), signals(admin));

        fund(admin, "{\"operation\":\"RESET_SPENT\",\"amount\":1000,\"spent\":800}");
        fund(admin, "{\"operation\":\"RESET_SPENT\",\"amount\":1000,\"spent\":801}");
        assertEquals(List.of("threshold_crossed 0.8 rising"), signals(admin));

        fund(admin, "{\"operation\":\"DEBIT\",\"amount\":150}");
        fund(admin, "{\"operation\":\"DEBIT\",\"amount\":7}");
        assertEquals(List.of("threshold_crossed 0.8 rising", "threshold_crossed 0.95 rising"), signals(admin));

        fund(admin, "{\"operation\":\"RESET_SPENT\",\"amount\":1000,\"spent\":1000}");
        fund(admin, "{\"operation\":\"RESET_SPENT\",\"amount\":1000,\"spent\":1000}");
        assertEquals(List.of("threshold_crossed 0.8 rising", "threshold_crossed 0.95 rising", "threshold_crossed 1.0 rising",
                "exhausted 1.0 rising"), signals(admin));

        fund(admin, "{\"operation\":\"CREDIT\",\"amount\":1000}");
        List<String> all = signals(admin);
        assertEquals(List.of("threshold_crossed 0.8 falling", "threshold_crossed 0.95 falling", "threshold_crossed 1.0 falling"),
                all.subList(4, all.size()).stream().sorted().toList());

        JsonNode last = admin.get("/v1/admin/events?event_type=budget.threshold_crossed&limit=1").json().path("events").get(0);
        JsonNode data = last.path("data");
        assertEquals(SCOPE, data.path("scope").asText());
        assertEquals("TOKENS", data.path("unit").asText());
        assertEquals(0.5, data.path("utilization").asDouble(), 1e-9);
        assertEquals(2000, data.path("allocated").asLong());
        assertEquals(1000, data.path("remaining").asLong());
        assertEquals(1000, data.path("spent").asLong());
        assertEquals(0, data.path("reserved").asLong());
        assertEquals("signal-co", last.path("tenant_id").asText());
    }

    private static void fund(Api admin, String body) {
        Api.Res r = admin.post("/v1/admin/budgets/fund?scope=" + SCOPE + "&unit=TOKENS", body);
        assertEquals(200, r.status(), r.body());
    }

    /** The threshold and exhaustion events of the ledger, oldest first, as "type threshold direction". */
    private static List<String> signals(Api admin) {
        JsonNode events = admin.get("/v1/admin/events?event_type=budget.threshold_crossed,budget.exhausted&sort_dir=asc&limit=100")
                .json().path("events");
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            assertTrue(e.path("scope").asText().equals(SCOPE), e.toString());
            out.add(e.path("event_type").asText().substring("budget.".length()) + " " + e.path("data").path("threshold").asDouble()
                    + " " + e.path("data").path("direction").asText());
        }
        return out;
    }
}
