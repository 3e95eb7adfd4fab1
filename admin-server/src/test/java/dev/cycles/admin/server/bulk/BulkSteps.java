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

    /** Inserts {@code n} ACTIVE ledgers straight into SQLite (creating hundreds over HTTP is slow). */
    static void insertLedgers(dev.cycles.admin.server.support.TestServer server, String tenantId, String prefix, int n,
                              String unit, long allocated) {
        long now = System.currentTimeMillis();
        server.db().write(c -> {
            for (int i = 0; i < n; i++) {
                dev.cycles.admin.server.db.Sql.update(c, "INSERT INTO budgets(ledger_id, tenant_id, scope, unit, allocated, status,"
                                + " rollover_policy, created_at, updated_at) VALUES (?,?,?,?,?,'ACTIVE','NONE',?,?)",
                        "led_" + java.util.UUID.randomUUID().toString().replace("-", ""), tenantId,
                        prefix + "/agent:a" + i, unit, allocated, now, now);
            }
            return null;
        });
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
