package dev.cycles.admin.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.model.runtime.UsageEventRequest;
import dev.cycles.admin.model.runtime.UsageEventResponse;
import dev.cycles.admin.server.core.AdminWrites;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.event.EventStore;
import dev.cycles.admin.server.ledger.IdempotencyStore;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.ledger.LedgerSignals;
import dev.cycles.admin.server.ledger.TenantRules;
import dev.cycles.admin.server.policy.PolicyStore;
import dev.cycles.admin.server.support.Api;
import dev.cycles.admin.server.support.ServerTest;
import dev.cycles.admin.server.tenant.TenantStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

import static dev.cycles.admin.server.usage.UsageEvents.USD;
import static dev.cycles.admin.server.usage.UsageEvents.applied;
import static dev.cycles.admin.server.usage.UsageEvents.assertLedger;
import static dev.cycles.admin.server.usage.UsageEvents.body;
import static dev.cycles.admin.server.usage.UsageEvents.budget;
import static dev.cycles.admin.server.usage.UsageEvents.post;
import static dev.cycles.admin.server.usage.UsageEvents.refused;
import static dev.cycles.admin.server.usage.UsageEvents.usageRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The closed-tenant guard of POST /v1/events. Closing a tenant revokes its keys in the same
 * transaction (Mode A), so over HTTP a closed tenant's key is refused at authentication (401)
 * before the guard runs. The guard still lives in the charge's transaction (a key that outlived
 * the close, or a future admin path, must not spend a closed tenant's budget), so it is shown here
 * by calling the service with that tenant's key as the principal, over the same database.
 */
class UsageEventTenantGuardTest extends ServerTest {

    private static UsageEventService service() {
        Clock clock = Clock.systemUTC();
        return new UsageEventService(server.db(), new LedgerBook(), new UsageEventStore(), new IdempotencyStore(),
                new TenantRules(new TenantStore(), new PolicyStore(), new AdminWrites()), new LedgerSignals(new EventLog(new EventStore(), clock)), clock);
    }

    private static OperationContext as(String tenantId) {
        OperationContext ctx = new OperationContext("req-guard", "0af7651916cd43dd8448eb211c80319c", "127.0.0.1", "test", "createEvent");
        ctx.authenticate(new Principal.TenantKey("key_guard", tenantId, EnumSet.of(Permission.EVENTS_CREATE), List.of("events:create"), null));
        return ctx;
    }

    private static UsageEventRequest request(String body) throws Exception {
        return Json.mapper().readValue(body, UsageEventRequest.class);
    }

    @Test
    void aClosedTenantsKeyIs401AndTheGuardRefusesFreshChargesButReplaysTheOldOnes() throws Exception {
        UsageEvents.Tenant t = UsageEvents.tenant(server, "[\"events:create\"]");
        budget(server, t.id(), t.agent("bot"), USD, 300, 0, null);
        String before = body("g-1", t.id(), "bot", USD, 40, null);
        JsonNode first = applied(post(t, before));
        assertEquals(200, server.admin().patch("/v1/admin/tenants/" + t.id(), "{\"status\":\"CLOSED\"}").status());

        refused(post(t, body("g-2", t.id(), "bot", USD, 1, null)), 401, "UNAUTHORIZED");
        refused(post(t, before), 401, "UNAUTHORIZED");

        ApiException closed = assertThrows(ApiException.class, () -> service().create(as(t.id()), request(body("g-2", t.id(), "bot", USD, 1, null)), null));
        assertEquals(409, closed.status());
        assertEquals(ErrorCode.TENANT_CLOSED, closed.code());
        // a replay comes before the guard: the pre-close answer, unchanged, and no second charge
        UsageEventResponse replay = service().create(as(t.id()), request(before), null);
        assertEquals(first, Json.mapper().readTree(Json.mapper().writeValueAsString(replay)));
        assertEquals(1, usageRows(server, t.id()));
        Api.Res ledgers = server.admin().get("/v1/admin/budgets?tenant_id=" + t.id());
        assertEquals("CLOSED", ledgers.json().path("ledgers").get(0).path("status").asText(), ledgers.body());
        assertEquals(40, ledgers.json().path("ledgers").get(0).path("spent").path("amount").asLong(), ledgers.body());
    }

    @Test
    void theServicePathMatchesHttpForAnOpenTenant() throws Exception {
        UsageEvents.Tenant t = UsageEvents.tenant(server, "[\"events:create\"]");
        budget(server, t.id(), t.root(), USD, 100, 0, null);
        UsageEventResponse r = service().create(as(t.id()), request(body("d-1", t.id(), null, USD, 30, null)), null);
        assertEquals("APPLIED", r.status());
        assertLedger(server, t.id(), t.root(), 30, 0, 70, false);
        ApiException denied = assertThrows(ApiException.class, () -> service().create(noPermission(t.id()),
                request(body("d-2", t.id(), null, USD, 1, null)), null));
        assertEquals(403, denied.status());
        assertEquals(ErrorCode.FORBIDDEN, denied.code());
    }

    /** A tenant row in a state the rules do not know fails closed: 500, nothing charged. */
    @Test
    void anUnknownTenantStatusIs500() {
        UsageEvents.Tenant t = UsageEvents.tenant(server, "[\"events:create\"]");
        budget(server, t.id(), t.root(), USD, 100, 0, null);
        server.db().write(c -> Sql.update(c, "UPDATE tenants SET status = 'ARCHIVED' WHERE tenant_id = ?", t.id()));
        try {
            refused(post(t, body("u-1", t.id(), null, USD, 1, null)), 500, "INTERNAL_ERROR");
            assertEquals(0, usageRows(server, t.id()));
        } finally {
            server.db().write(c -> Sql.update(c, "UPDATE tenants SET status = 'ACTIVE' WHERE tenant_id = ?", t.id()));
        }
        assertLedger(server, t.id(), t.root(), 0, 0, 100, false);
    }

    private static OperationContext noPermission(String tenantId) {
        OperationContext ctx = new OperationContext("req-np", "0af7651916cd43dd8448eb211c80319d", "127.0.0.1", "test", "createEvent");
        ctx.authenticate(new Principal.TenantKey("key_np", tenantId, EnumSet.of(Permission.BALANCES_READ), List.of("balances:read"), null));
        return ctx;
    }
}
