package dev.cycles.admin.server.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared steps of the bulk-action tests. */
final class BulkSteps {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private BulkSteps() {
    }

    /** A prefix no other test uses (tenant ids: lower case, digits and '-'). */
    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
    }

    static void tenant(Api admin, String id, String status) {
        Api.Res r = admin.post("/v1/admin/tenants", "{\"tenant_id\":\"" + id + "\",\"name\":\"Tenant " + id + "\""
                + (status == null ? "" : ",\"status\":\"" + status + "\"") + "}");
        assertEquals(201, r.status(), r.body());
    }

    static void patchStatus(Api admin, String id, String status) {
        Api.Res r = admin.patch("/v1/admin/tenants/" + id, "{\"status\":\"" + status + "\"}");
        assertEquals(200, r.status(), r.body());
    }

    static JsonNode budget(Api admin, String tenantId, String scope, String unit, long allocated) {
        Api.Res r = admin.post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenantId + "\",\"scope\":\"" + scope + "\",\"unit\":\""
                + unit + "\",\"allocated\":{\"unit\":\"" + unit + "\",\"amount\":" + allocated + "}}");
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    static List<String> ids(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path("id").asText()));
        return out;
    }

    static List<String> sorted(List<String> ids) {
        List<String> s = new ArrayList<>(ids);
        s.sort(null);
        return s;
    }
}
