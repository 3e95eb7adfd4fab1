package dev.cycles.admin.server.reservation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.runtime.Action;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.PageRequest;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.ledger.RuntimeCaller;

import java.time.Clock;
import java.util.Map;

/**
 * Reading reservations. Status is the effective one: an ACTIVE hold past its grace reads as
 * EXPIRED even before the sweeper returns it, so reads agree with what commit would answer.
 */
public final class ReservationQueries {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Database db;
    private final ReservationStore store;
    private final Clock clock;

    public ReservationQueries(Database db, ReservationStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    /** One reservation: 404 unknown, 403 another tenant's (the admin key sees all), 410 expired. */
    public Reservation get(OperationContext ctx, String id) {
        SettlementService.checkId(id);
        StoredReservation r = db.read(c -> store.find(c, id));
        if (r == null) {
            throw ApiException.notFound(ErrorCode.NOT_FOUND, "Reservation not found: " + id);
        }
        if (ctx.principal() instanceof Principal.TenantKey key) {
            if (!key.tenantId().equals(r.tenantId())) {
                throw ApiException.forbidden(ErrorCode.FORBIDDEN, "Reservation belongs to another tenant");
            }
            RuntimeCaller.mayTouch(key, r.scopePath());
        }
        long now = clock.millis();
        if (r.effectiveStatus(now) == ReservationStatus.EXPIRED) {
            throw new ApiException(410, ErrorCode.RESERVATION_EXPIRED, "Reservation has expired");
        }
        return view(r, now);
    }

    /** The exact words the spec prescribes when the admin key lists without naming a tenant. */
    static final String ADMIN_NEEDS_TENANT = "tenant query parameter is required when using admin key authentication";

    /**
     * GET /v1/reservations. A tenant key sees the reservations its tenant owns ({@code named} is
     * only checked against it), narrowed to its scope_filter without saying so; the admin key must
     * name the tenant whose reservations it wants. The cursor is bound to the effective filter.
     */
    public Page<Reservation> list(OperationContext ctx, String named, ReservationFilter filter, PageSpec spec,
                                  boolean withMetadata, boolean withCommittedMetadata) {
        ReservationFilter effective;
        if (ctx.principal() instanceof Principal.TenantKey key) {
            effective = filter.forCaller(RuntimeCaller.tenant(key, named), key.scopeFilter());
        } else if (named == null) {
            throw ApiException.badRequest(ADMIN_NEEDS_TENANT);
        } else {
            effective = filter.forCaller(named, null);
        }
        effective.requireValid();
        long now = clock.millis();
        PageRequest page = PageRequest.of(store.sorts(now), spec.withFilterDigest(effective.digest()));
        Page<StoredReservation> rows = db.read(c -> store.list(c, effective, page, now, withMetadata, withCommittedMetadata));
        return new Page<>(rows.items().stream().map(r -> view(r, now).withMetadata(withMetadata, withCommittedMetadata)).toList(),
                rows.nextCursor());
    }

    /** The wire form of a row, both metadata objects included. */
    static Reservation view(StoredReservation r, long now) {
        ReservationStatus status = r.effectiveStatus(now);
        return new Reservation(r.reservationId(), status, r.reserveKey(), ReservationService.subject(r.subjectJson()),
                Sql.fromJsonOrNull(r.actionJson(), new TypeReference<Action>() {
                }), Amount.of(r.unit(), r.estimate()),
                status == ReservationStatus.COMMITTED && r.committedAmount() != null ? Amount.of(r.unit(), r.committedAmount()) : null,
                r.createdAtMs(), r.expiresAtMs(),
                status == ReservationStatus.COMMITTED || status == ReservationStatus.RELEASED ? r.finalizedAtMs() : null,
                r.scopePath(), r.affectedScopes(), Sql.fromJsonOrNull(r.metadataJson(), OBJECT),
                Sql.fromJsonOrNull(r.committedMetadataJson(), OBJECT));
    }
}
