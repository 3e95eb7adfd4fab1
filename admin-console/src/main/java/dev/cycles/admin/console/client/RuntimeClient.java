package dev.cycles.admin.console.client;

import dev.cycles.admin.model.runtime.ReleaseRequest;
import dev.cycles.admin.model.runtime.ReleaseResponse;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationListResponse;
import okhttp3.HttpUrl;

import java.util.Map;

/**
 * The reservation calls of the runtime plane, which listens on its own port (default 7878). The
 * admin key is accepted there for listing, reading and releasing on a tenant's behalf; the
 * transport and error mapping are {@link AdminClient}'s, pointed at the runtime URL.
 */
public final class RuntimeClient implements RuntimeApi {
    /** The runtime plane's default port (the server's RUNTIME_PORT). */
    public static final int DEFAULT_PORT = 7878;

    private final AdminClient http;

    public RuntimeClient(String runtimeUrl, String adminKey) {
        this.http = new AdminClient(runtimeUrl, adminKey);
    }

    @Override
    public String baseUrl() {
        return http.baseUrl();
    }

    /** Same scheme and host as the admin URL, port 7878: where a default install puts the runtime plane. */
    public static String defaultUrl(String adminUrl) {
        HttpUrl u = HttpUrl.parse(adminUrl == null ? "" : adminUrl.trim());
        if (u == null) {
            return "";
        }
        return new HttpUrl.Builder().scheme(u.scheme()).host(u.host()).port(DEFAULT_PORT).build().toString();
    }

    /** GET /v1/reservations; the query must name the tenant (the admin key sees no tenant by default). */
    @Override
    public ReservationListResponse listReservations(Map<String, String> query) {
        return http.send("GET", "/v1/reservations", query, null, ReservationListResponse.class);
    }

    @Override
    public Reservation getReservation(String reservationId) {
        return http.send("GET", "/v1/reservations/" + reservationId, Map.of(), null, Reservation.class);
    }

    /** POST /v1/reservations/{id}/release: the whole hold returns to the budgets; the reason is audited. */
    @Override
    public ReleaseResponse release(String reservationId, String idempotencyKey, String reason) {
        return http.send("POST", "/v1/reservations/" + reservationId + "/release", Map.of(),
                new ReleaseRequest(idempotencyKey, reason), ReleaseResponse.class);
    }

    /** GET /health on the runtime port: whether anything answers there. */
    @Override
    public void ping() {
        http.health();
    }
}
