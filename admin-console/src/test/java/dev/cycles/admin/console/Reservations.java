package dev.cycles.admin.console;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ApiKeyCreateRequest;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.runtime.Action;
import dev.cycles.admin.model.runtime.ReservationCreateRequest;
import dev.cycles.admin.model.runtime.ReservationCreateResponse;
import dev.cycles.admin.model.runtime.Subject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes reservations the way an agent does: through the runtime plane with a tenant key
 * (X-Cycles-API-Key), so the console sees rows the server itself produced.
 */
public final class Reservations {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String runtimeUrl;
    private final String secret;

    /** A tenant key of {@code tenant} allowed to reserve, made through the admin API. */
    public Reservations(TestServer server, AdminClient admin, String tenant) {
        this.runtimeUrl = server.runtimeUrl();
        this.secret = admin.createApiKey(new ApiKeyCreateRequest(tenant, "agent-" + tenant, null,
                List.of("reservations:create", "reservations:list", "reservations:commit", "reservations:release"), null, null, null))
                .keySecret();
    }

    /** Holds {@code microcents} USD on the subject's budgets for ten minutes. */
    public ReservationCreateResponse reserve(Subject subject, long microcents, Map<String, Object> metadata) {
        ReservationCreateRequest body = new ReservationCreateRequest("test-" + UUID.randomUUID(), subject,
                new Action("llm.completion", "gpt-4o", List.of("support")), Amount.of(UnitEnum.USD_MICROCENTS, microcents),
                600_000L, null, null, null, metadata);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtimeUrl + "/v1/reservations"))
                    .timeout(Duration.ofSeconds(10)).header("X-Cycles-API-Key", secret).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AdminClient.mapper().writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("reserve answered " + r.statusCode() + ": " + r.body());
            }
            return AdminClient.mapper().readValue(r.body(), ReservationCreateResponse.class);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("reserve failed", e);
        }
    }

    public static Subject subject(String tenant, String workspace, String agent) {
        return new Subject(tenant, workspace, null, null, agent, null, null);
    }
}
