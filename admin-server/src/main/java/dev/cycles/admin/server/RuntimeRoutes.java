package dev.cycles.admin.server;

import dev.cycles.admin.model.Permission;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.docs.DocsHandlers;
import dev.cycles.admin.server.evidence.EvidenceHandlers;
import dev.cycles.admin.server.health.HealthHandler;
import dev.cycles.admin.server.http.AuthRule;
import dev.cycles.admin.server.http.Route;
import dev.cycles.admin.server.reservation.ReservationHandlers;
import dev.cycles.admin.server.reservation.RuntimeReadHandlers;
import dev.cycles.admin.server.usage.UsageHandlers;

import java.util.ArrayList;
import java.util.List;

/**
 * The runtime plane (port 7878) on one screen. Tenant keys do everything; the admin key may
 * list, read and release reservations on a tenant's behalf, and nothing else (a commit in a
 * tenant's name would spend its budget without its key in the trail).
 */
public final class RuntimeRoutes {

    /** Every handler group the table points at. */
    public record Handlers(HealthHandler health, ReservationHandlers reservations, RuntimeReadHandlers reads,
                           EvidenceHandlers evidence, DocsHandlers docs, UsageHandlers usage) {
    }

    private RuntimeRoutes() {
    }

    public static List<Route> table(Handlers h) {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/health", "health", null, AuthRule.NONE, h.health()::health));
        r.add(new Route("GET", "/openapi.yaml", "getOpenApiDocument", null, AuthRule.NONE, h.docs()::openApi));
        r.add(new Route("GET", "/docs", "getApiExplorer", null, AuthRule.NONE, h.docs()::explorer));
        r.add(new Route("GET", "/docs/:file", "getApiExplorerFile", null, AuthRule.NONE, h.docs()::asset));

        String reservation = "/v1/reservations/:reservation_id";
        ResourceType rsv = ResourceType.RESERVATION;
        r.add(new Route("POST", "/v1/reservations", "createReservation", rsv, AuthRule.tenant(Permission.RESERVATIONS_CREATE), h.reservations()::create));
        r.add(new Route("GET", "/v1/reservations", "listReservations", rsv, AuthRule.either(Permission.RESERVATIONS_LIST), h.reads()::list));
        r.add(new Route("GET", reservation, "getReservation", rsv, AuthRule.either(Permission.RESERVATIONS_LIST), h.reservations()::get));
        r.add(new Route("POST", reservation + "/commit", "commitReservation", rsv, AuthRule.tenant(Permission.RESERVATIONS_COMMIT), h.reservations()::commit));
        r.add(new Route("POST", reservation + "/release", "releaseReservation", rsv, AuthRule.either(Permission.RESERVATIONS_RELEASE), h.reservations()::release));
        r.add(new Route("POST", reservation + "/extend", "extendReservation", rsv, AuthRule.tenant(Permission.RESERVATIONS_EXTEND), h.reservations()::extend));
        r.add(new Route("POST", "/v1/decide", "decide", rsv, AuthRule.tenant(Permission.RESERVATIONS_CREATE), h.reservations()::decide));
        r.add(new Route("POST", "/v1/events", "createEvent", ResourceType.USAGE_EVENT,
                AuthRule.tenantAnyOf(Permission.EVENTS_CREATE, Permission.RESERVATIONS_COMMIT), h.usage()::create));
        r.add(new Route("GET", "/v1/balances", "getBalances", ResourceType.BUDGET, AuthRule.tenant(Permission.BALANCES_READ), h.reads()::balances));
        // Public (the spec's security: []): this server emits no evidence, so both answer 404.
        r.add(new Route("GET", "/v1/evidence/:evidence_id", "getEvidence", null, AuthRule.NONE, h.evidence()::evidence));
        r.add(new Route("GET", "/v1/.well-known/cycles-jwks.json", "getEvidenceJwks", null, AuthRule.NONE, h.evidence()::jwks));
        return r;
    }
}
