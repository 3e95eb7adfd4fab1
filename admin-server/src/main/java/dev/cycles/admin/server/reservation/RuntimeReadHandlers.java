package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.runtime.BalanceResponse;
import dev.cycles.admin.model.runtime.Balance;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationListResponse;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.ListParams;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP in and out for the runtime plane's lists: GET /v1/reservations and GET /v1/balances. */
public final class RuntimeReadHandlers {
    /** The runtime spec's page size limit (the admin plane's lists stop at 100). */
    static final int MAX_LIMIT = 200;

    private final ReservationQueries reservations;
    private final BalanceQueries balances;

    public RuntimeReadHandlers(ReservationQueries reservations, BalanceQueries balances) {
        this.reservations = reservations;
        this.balances = balances;
    }

    public ReservationListResponse list(Call call) {
        ReservationFilter filter = new ReservationFilter(null, call.query("idempotency_key"),
                call.queryEnum("status", ReservationStatus.class), segments(call), millis(call, "from"), millis(call, "to"),
                millis(call, "expires_from"), millis(call, "expires_to"), millis(call, "finalized_from"),
                millis(call, "finalized_to"), null);
        List<String> include = call.queryList("include");
        Page<Reservation> page = reservations.list(call.ctx(), call.query("tenant"), filter, ListParams.strictPage(call, MAX_LIMIT),
                include.contains("metadata"), include.contains("committed_metadata"));
        return new ReservationListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    /** include_children is accepted and has no effect: a segment match already reaches every descendant. */
    public BalanceResponse balances(Call call) {
        Page<Balance> page = balances.balances(call.ctx(), call.query("tenant"), segments(call),
                ListParams.strictLimit(call, MAX_LIMIT), call.query("cursor"));
        return new BalanceResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    /** The subject levels below the tenant that the query names (blank values are unset). */
    private static Map<String, String> segments(Call call) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String level : ReservationFilter.LEVELS) {
            String v = call.query(level);
            if (v != null) {
                out.put(level, v);
            }
        }
        return out;
    }

    private static Long millis(Call call, String name) {
        Instant t = call.queryTime(name);
        return t == null ? null : t.toEpochMilli();
    }
}
