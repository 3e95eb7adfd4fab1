package dev.cycles.admin.server.runtime;

import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.cycles.admin.server.runtime.Rt.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runtime digest §10 scenario 15: 200 parallel reserves of 1 against a budget of 100, while other
 * holds on the same tenant ledger are committed and released in parallel. Exactly 100 succeed,
 * and every ledger ends with reserved = its ACTIVE holds and remaining = allocated - spent - reserved - debt.
 */
class ConcurrencyScenarioTest extends ServerTest {

    @Test
    void twoHundredParallelReservesAgainstOneHundred() throws Exception {
        String t = uniqueTenant("s15");
        Api rt = tenantWithKey(server, t);
        String tenant = "tenant:" + t;
        String hot = tenant + "/agent:hot";
        String cold = tenant + "/agent:cold";
        budget(server, t, tenant, 10_000);
        budget(server, t, hot, 100);
        budget(server, t, cold, 10_000);
        // 60 holds to settle while the reserves race: they share the tenant ledger with them
        List<String> settle = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            settle.add(hold(rt, subject(t, "cold"), 10, "").path("reservation_id").asText());
        }
        assertLedger(server, t, tenant, 10_000, 0, 600, 0);

        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        AtomicInteger committedHot = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                int n = i;
                all.add(pool.submit(() -> {
                    go.await();
                    Api.Res r = rt.post("/v1/reservations", reserve("race-" + n, subject(t, "hot"), 1, ""));
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() == 409) {
                        codes.merge(r.error(), 1, Integer::sum);
                    } else if (r.status() == 200 && n % 2 == 0) {
                        // committing the exact estimate keeps the hot ledger's remaining where the hold left it
                        Api.Res c = commitRes(rt, r.json().path("reservation_id").asText(), 1);
                        assertEquals(200, c.status(), c.body());
                        committedHot.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < settle.size(); i++) {
                String id = settle.get(i);
                boolean commit = i % 2 == 0;
                all.add(pool.submit(() -> {
                    go.await();
                    Api.Res r = commit ? commitRes(rt, id, 7) : releaseRes(rt, id);
                    assertEquals(200, r.status(), r.body());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(Map.of(200, 100, 409, 100), statuses, "exactly 100 of 200 reserves succeed");
        assertEquals(Map.of("BUDGET_EXCEEDED", 100), codes);
        int hotCommits = committedHot.get();
        assertLedger(server, t, hot, 100, hotCommits, 100 - hotCommits, 0);
        assertLedger(server, t, cold, 10_000, 30 * 7, 0, 0);
        assertLedger(server, t, tenant, 10_000, hotCommits + 30 * 7, 100 - hotCommits, 0);
        long active = (long) ((Number) one(server, "SELECT COUNT(*) AS n FROM reservations WHERE tenant_id = ? AND status = 'ACTIVE'", t)
                .get("n")).longValue();
        assertEquals(100 - hotCommits, active);
        assertTrue(hotCommits > 0, "some hot holds were committed in the race");
        assertEquals(100, storedEvents(server, t, "reservation.denied"), "one reservation.denied per refused reserve");
    }
}
