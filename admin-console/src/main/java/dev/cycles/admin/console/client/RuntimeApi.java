package dev.cycles.admin.console.client;

import dev.cycles.admin.model.runtime.ReleaseResponse;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationListResponse;

import java.util.Map;

/** The runtime plane's reservation calls as the screens see them; {@link RuntimeClient} speaks HTTP. */
public interface RuntimeApi {
    String baseUrl();

    /** GET /v1/reservations; the query must name the tenant (the admin key sees no tenant by default). */
    ReservationListResponse listReservations(Map<String, String> query);

    Reservation getReservation(String reservationId);

    /** POST /v1/reservations/{id}/release: the whole hold returns to the budgets; the reason is audited. */
    ReleaseResponse release(String reservationId, String idempotencyKey, String reason);

    /** GET /health on the runtime port: whether anything answers there. */
    void ping();
}
