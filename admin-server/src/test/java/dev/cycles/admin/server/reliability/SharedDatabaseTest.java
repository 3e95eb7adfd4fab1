package dev.cycles.admin.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.db.DatabaseUrl;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.Fixtures;
import dev.cycles.admin.server.support.TestServer;
import dev.cycles.admin.server.webhook.SecretCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two servers on one PostgreSQL database, as behind a load balancer: what one is told, the other
 * acts on at once (nothing either remembers from its own writes outlives a write of the other),
 * and requests spread over both keep the ledger exact, as one server's single writer does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedDatabaseTest {
    private static final String PERMISSIONS = "[\"reservations:create\",\"reservations:commit\",\"reservations:release\"]";
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void startTwoServersOnOneDatabase() throws Exception {
        assumeTrue(TestServer.onPostgres(), "several servers share a database only on PostgreSQL");
        a = TestServer.start();
        java.nio.file.Path secondDir = Files.createTempDirectory("cycles-second");
        // Servers sharing a database share the webhook secret key (the second is refused at start otherwise).
        Files.copy(a.dataDir().resolve(SecretCipher.FILE_NAME), secondDir.resolve(SecretCipher.FILE_NAME));
        Config second = new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", secondDir)
                .withAuthFailureLimit(1_000_000).withDatabaseUrl(DatabaseUrl.parse(TestServer.databaseUrl(a.dataDir())));
        b = TestServer.start(second);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.stop();
            TestServer.deleteTree(b.dataDir());
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aKeyRevokedOnOneServerIsRefusedByTheOtherAtOnce() {
        Fixtures.tenant(a.admin(), "shared-keys");
        String secret = Fixtures.key(a.admin(), "shared-keys", "[\"balances:read\"]");
        assertEquals(200, b.tenant(secret).get("/v1/auth/introspect").status(), "the other server knows the new key");
        assertEquals(200, b.tenant(secret).get("/v1/auth/introspect").status(), "and has it remembered now");

        String keyId = a.admin().get("/v1/admin/api-keys?tenant_id=shared-keys").json().path("keys").get(0).path("key_id").asText();
        assertEquals(200, a.admin().delete("/v1/admin/api-keys/" + keyId).status());
        Api.Res refused = b.tenant(secret).unchecked().get("/v1/auth/introspect");
        assertEquals(401, refused.status(), refused.body());
    }

    @Test
    void aTenantSuspendedOnOneServerStartsNothingOnTheOther() {
        Fixtures.tenant(a.admin(), "shared-suspend");
        String secret = Fixtures.key(a.admin(), "shared-suspend", PERMISSIONS);
        budget(a, "shared-suspend", 1_000);
        Api runtime = b.runtime(secret).unchecked();
        assertEquals(200, runtime.post("/v1/reservations", reserve("shared-suspend", "before", 1)).status());

        assertEquals(200, a.admin().patch("/v1/admin/tenants/shared-suspend", "{\"status\":\"SUSPENDED\"}").status());
        Api.Res after = runtime.post("/v1/reservations", reserve("shared-suspend", "after", 1));
        assertEquals(403, after.status(), after.body());
        assertEquals("FORBIDDEN", after.error());
    }

    @Test
    void reservesSpreadOverBothServersAdmitExactlyTheBudget() throws Exception {
        Fixtures.tenant(a.admin(), "shared-race");
        String secret = Fixtures.key(a.admin(), "shared-race", PERMISSIONS);
        budget(a, "shared-race", 60);
        Api[] runtimes = {a.runtime(secret).unchecked(), b.runtime(secret).unchecked()};

        List<Api.Res> answers = parallel(120, i -> runtimes[i % 2].post("/v1/reservations", reserve("shared-race", "r" + i, 1)));
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> admitted = new ArrayList<>();
        for (Api.Res r : answers) {
            outcomes.merge(r.status() + (r.status() == 200 ? "" : " " + r.error()), 1, Integer::sum);
            if (r.status() == 200) {
                admitted.add(r.text("reservation_id"));
            }
        }
        assertEquals(Map.of("200", 60, "409 BUDGET_EXCEEDED", 60), outcomes);

        // Settled through the server that did not make each one: half committed, half released.
        List<Api.Res> settled = parallel(admitted.size(), i -> runtimes[(i + 1) % 2].post("/v1/reservations/" + admitted.get(i)
                + (i % 2 == 0 ? "/commit" : "/release"), i % 2 == 0
                ? "{\"idempotency_key\":\"c" + i + "\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":1}}"
                : "{\"idempotency_key\":\"x" + i + "\"}"));
        for (Api.Res r : settled) {
            assertEquals(200, r.status(), r.body());
        }
        JsonNode ledger = b.admin().get("/v1/admin/budgets/lookup?scope=tenant:shared-race&unit=TOKENS").json();
        assertEquals(60, ledger.path("allocated").path("amount").asLong(), ledger.toString());
        assertEquals(30, ledger.path("spent").path("amount").asLong(), ledger.toString());
        assertEquals(0, ledger.path("reserved").path("amount").asLong(), ledger.toString());
        assertEquals(30, ledger.path("remaining").path("amount").asLong(), ledger.toString());
    }

    @Test
    void fundsSpreadOverBothServersAllCount() throws Exception {
        Fixtures.tenant(a.admin(), "shared-fund");
        budget(a, "shared-fund", 0);
        TestServer[] servers = {a, b};
        List<Api.Res> funds = parallel(40, i -> servers[i % 2].admin().post("/v1/admin/budgets/fund?scope=tenant:shared-fund&unit=TOKENS",
                "{\"operation\":\"CREDIT\",\"amount\":" + (i + 1) + ",\"idempotency_key\":\"f" + i + "\"}"));
        for (Api.Res r : funds) {
            assertEquals(200, r.status(), r.body());
        }
        JsonNode ledger = a.admin().get("/v1/admin/budgets/lookup?scope=tenant:shared-fund&unit=TOKENS").json();
        assertEquals(40 * 41 / 2, ledger.path("allocated").path("amount").asLong(), ledger.toString());
    }

    private static void budget(TestServer server, String tenant, long allocated) {
        Api.Res r = server.admin().post("/v1/admin/budgets", "{\"tenant_id\":\"" + tenant + "\",\"scope\":\"tenant:" + tenant
                + "\",\"unit\":\"TOKENS\",\"allocated\":" + allocated + "}");
        assertEquals(201, r.status(), r.body());
    }

    private static String reserve(String tenant, String key, long amount) {
        return "{\"idempotency_key\":\"" + key + "\",\"subject\":{\"tenant\":\"" + tenant + "\"},"
                + "\"action\":{\"kind\":\"llm.completion\",\"name\":\"m\"},\"estimate\":{\"unit\":\"TOKENS\",\"amount\":" + amount + "}}";
    }

    /** Runs {@code n} calls on as many threads, released together; the answers in call order. */
    private static List<Api.Res> parallel(int n, IntFunction<Api.Res> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Res>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int at = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(at);
                }));
            }
            go.countDown();
            List<Api.Res> out = new ArrayList<>();
            for (Future<Api.Res> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
