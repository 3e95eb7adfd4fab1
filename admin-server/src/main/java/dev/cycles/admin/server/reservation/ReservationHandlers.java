package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.runtime.CommitRequest;
import dev.cycles.admin.model.runtime.CommitResponse;
import dev.cycles.admin.model.runtime.DecisionRequest;
import dev.cycles.admin.model.runtime.DecisionResponse;
import dev.cycles.admin.model.runtime.ReleaseRequest;
import dev.cycles.admin.model.runtime.ReleaseResponse;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationCreateRequest;
import dev.cycles.admin.model.runtime.ReservationExtendRequest;
import dev.cycles.admin.model.runtime.ReservationExtendResponse;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.RawReply;

import java.nio.charset.StandardCharsets;

/** HTTP in and out for /v1/reservations/*, /v1/decide. */
public final class ReservationHandlers {
    static final String IDEMPOTENCY_HEADER = "X-Idempotency-Key";

    private final ReservationService reservations;
    private final SettlementService settlements;
    private final ReservationQueries queries;

    public ReservationHandlers(ReservationService reservations, SettlementService settlements, ReservationQueries queries) {
        this.reservations = reservations;
        this.settlements = settlements;
        this.queries = queries;
    }

    /** The service's JSON goes out as it is: the same text it stored for replay, not serialized twice. */
    public RawReply create(Call call) {
        String json = reservations.create(call.ctx(), call.body(ReservationCreateRequest.class), call.header(IDEMPOTENCY_HEADER));
        return new RawReply(200, "application/json", json.getBytes(StandardCharsets.UTF_8), false);
    }

    public DecisionResponse decide(Call call) {
        return reservations.decide(call.ctx(), call.body(DecisionRequest.class), call.header(IDEMPOTENCY_HEADER));
    }

    public CommitResponse commit(Call call) {
        String id = call.pathTarget(ResourceType.RESERVATION, "reservation_id");
        return settlements.commit(call.ctx(), id, call.body(CommitRequest.class), call.header(IDEMPOTENCY_HEADER));
    }

    public ReleaseResponse release(Call call) {
        String id = call.pathTarget(ResourceType.RESERVATION, "reservation_id");
        return settlements.release(call.ctx(), id, call.body(ReleaseRequest.class), call.header(IDEMPOTENCY_HEADER));
    }

    public ReservationExtendResponse extend(Call call) {
        String id = call.pathTarget(ResourceType.RESERVATION, "reservation_id");
        return settlements.extend(call.ctx(), id, call.body(ReservationExtendRequest.class), call.header(IDEMPOTENCY_HEADER));
    }

    public Reservation get(Call call) {
        return queries.get(call.ctx(), call.path("reservation_id"));
    }
}
