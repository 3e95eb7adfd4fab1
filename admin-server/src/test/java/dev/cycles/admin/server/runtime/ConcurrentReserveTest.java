package dev.cycles.admin.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Digest §10 scenario 15: 200 parallel reserves of 1 against a budget of 100 admit exactly 100
 * (the other 100 get 409 BUDGET_EXCEEDED), then parallel commits and releases settle them, and
 * the ledger balances at every step. Runtime calls go unchecked: the contract validator knows
 * the admin documents only.
 */
class ConcurrentReserveTest extends ServerTest {
    private static final String PERMISSIONS = "[\"reservations:create\",\"reservations:commit\",\"reservations:release\",\"reservations:list\"]";

    @Test
    void twoHundredParallelReservesOfOneAgainstAHundredAdmitExactlyAHundred() throws Exception {
        Fixtures.tenant(server.admin(), "race-co");
        String secret = Fixtures.key(server.admin(), "race-co", PERMISSIONS);
        Api.Res budget = server.admin().post("/v1/admin/budgets",
                "{\"tenant_id\":\"race-co\",\"scope\":\"tenant:race-co\",\"unit\":\"TOKENS\",\"allocated\":100}");
        assertEquals(201, budget.status(), budget.body());
        Api runtime = server.runtime(secret);

        List<Api.Res> reserves = parallel(200, i -> runtime.post("/v1/reservations", "{\"idempotency_key\":\"race-" + i
                + "\",\"subject\":{\"tenant\":\"race-co\"},\"action\":{\"kind\":\"llm.completion\",\"name\":\"m\"},"
                + "\"estimate\":{\"unit\":\"TOKENS\",\"amount\":1}}"));
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> admitted = new ArrayList<>();
        for (Api.Res r : reserves) {
            String outcome = r.status() + (r.status() == 200 ? "" : " " + r.error());
            outcomes.merge(outcome, 1, Integer::sum);
            if (r.status() == 200) {
                assertEquals("ALLOW", r.text("decision"), r.body());
                admitted.add(r.text("reservation_id"));
            }
        }
        assertEquals(Map.of("200", 100, "409 BUDGET_EXCEEDED", 100), outcomes);
        assertEquals(100, admitted.stream().distinct().count(), "each admitted reserve has its own reservation");
        assertLedger(100, 0, 100, 0);

        // Half are committed (actual 1), half released, all at once.
        List<Api.Res> settled = parallel(100, i -> i % 2 == 0
                ? runtime.post("/v1/reservations/" + admitted.get(i) + "/commit",
                "{\"idempotency_key\":\"commit-" + i + "\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":1}}")
                : runtime.post("/v1/reservations/" + admitted.get(i) + "/release", "{\"idempotency_key\":\"release-" + i + "\"}"));
        for (int i = 0; i < settled.size(); i++) {
            Api.Res r = settled.get(i);
            assertEquals(200, r.status(), r.body());
            assertEquals(i % 2 == 0 ? "COMMITTED" : "RELEASED", r.text("status"), r.body());
        }
        assertLedger(100, 50, 0, 50);
        for (int i = 0; i < admitted.size(); i++) {
            JsonNode detail = runtime.get("/v1/reservations/" + admitted.get(i)).json();
            assertEquals(i % 2 == 0 ? "COMMITTED" : "RELEASED", detail.path("status").asText(), detail.toString());
        }
        long activeHolds = server.db().read(c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM reservations WHERE tenant_id = 'race-co' AND status = 'ACTIVE'")) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        });
        assertEquals(0, activeHolds);
    }

    private static void assertLedger(long allocated, long spent, long reserved, long remaining) {
        Api.Res r = server.admin().get("/v1/admin/budgets/lookup?scope=tenant:race-co&unit=TOKENS");
        assertEquals(200, r.status(), r.body());
        JsonNode l = r.json();
        assertEquals(allocated, l.path("allocated").path("amount").asLong(), r.body());
        assertEquals(spent, l.path("spent").path("amount").asLong(), r.body());
        assertEquals(reserved, l.path("reserved").path("amount").asLong(), r.body());
        assertEquals(0, l.path("debt").path("amount").asLong(), r.body());
        assertEquals(remaining, l.path("remaining").path("amount").asLong(), r.body());
    }

    /** Runs {@code n} calls on as many threads, released together; the answers in call order. */
    private static List<Api.Res> parallel(int n, java.util.function.IntFunction<Api.Res> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Res>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int at = i;
                Callable<Api.Res> task = () -> {
                    go.await();
                    return call.apply(at);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<Api.Res> out = new ArrayList<>();
            for (Future<Api.Res> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
