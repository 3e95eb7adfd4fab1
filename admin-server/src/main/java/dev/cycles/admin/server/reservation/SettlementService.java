package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.runtime.Balance;
import dev.cycles.admin.model.runtime.CommitRequest;
import dev.cycles.admin.model.runtime.CommitResponse;
import dev.cycles.admin.model.runtime.ReleaseRequest;
import dev.cycles.admin.model.runtime.ReleaseResponse;
import dev.cycles.admin.model.runtime.ReservationExtendRequest;
import dev.cycles.admin.model.runtime.ReservationExtendResponse;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.server.audit.AuditTrail;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.core.ResourceType;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.ledger.Admission;
import dev.cycles.admin.server.ledger.Charge;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.IdempotencyStore;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.ledger.LedgerSignals;
import dev.cycles.admin.server.ledger.Metrics;
import dev.cycles.admin.server.ledger.RequestDigest;
import dev.cycles.admin.server.ledger.RuntimeCaller;
import dev.cycles.admin.server.ledger.SubjectScopes;
import dev.cycles.admin.server.ledger.TenantRules;
import dev.cycles.admin.server.metrics.ReservationMeter;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens to a reservation after it is made: commit, release (by its tenant, or by the
 * operator on its behalf) and extend. Each is one transaction over the reservation's frozen
 * ledgers. Checks run in the protocol's order: unknown id, other tenant, replay, closed tenant,
 * reservation state, then the budget rules.
 */
public final class SettlementService {
    private final Database db;
    private final LedgerBook book;
    private final ReservationStore store;
    private final IdempotencyStore remembered;
    private final TenantRules rules;
    private final LedgerSignals signals;
    private final ReservationEvents events;
    private final AuditTrail audit;
    private final Clock clock;
    private final ReservationMeter meter;

    public SettlementService(Database db, LedgerBook book, ReservationStore store, IdempotencyStore remembered,
                             TenantRules rules, LedgerSignals signals, ReservationEvents events, AuditTrail audit, Clock clock,
                             ReservationMeter meter) {
        this.db = db;
        this.book = book;
        this.store = store;
        this.remembered = remembered;
        this.rules = rules;
        this.signals = signals;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.meter = meter;
    }

    public CommitResponse commit(OperationContext ctx, String id, CommitRequest req, String headerKey) {
        SubjectScopes.checkIdempotencyKey(req.idempotencyKey(), headerKey);
        Amount actual = SubjectScopes.amount(req.actual(), "actual");
        Metrics.check(req.metrics());
        Check.metadata(req.metadata(), "metadata");
        String digest = RequestDigest.of(new CommitRequest(req.idempotencyKey(), actual, req.metrics(), req.metadata()));
        boolean[] fresh = new boolean[1]; // a commit made now, not a replay: counted once it committed
        Object out = db.write(c -> {
            long now = clock.millis();
            StoredReservation r = owned(c, ctx, id);
            if (r.status() == ReservationStatus.COMMITTED && req.idempotencyKey().equals(r.commitKey())) {
                return r.commitHash().equals(digest) ? Json.mapper().readValue(r.commitBody(), CommitResponse.class)
                        : RequestDigest.mismatch();
            }
            ensureOpen(c, r.tenantId());
            // The protocol's order: state, then unit, then the grace deadline.
            ensureActive(r);
            if (actual.unit() != r.unit()) {
                return new ApiException(400, ErrorCode.UNIT_MISMATCH, "Reservation is in " + r.unit() + ", actual is in " + actual.unit());
            }
            ensureBefore(now, r.expiresAtMs() + r.graceMs());
            List<Holding> before = book.byIds(c, r.ledgerIds());
            Admission.Denial frozen = Admission.status(before);
            if (frozen != null) {
                return frozen.statusConflict("committed");
            }
            Charge.Outcome o;
            try {
                o = Charge.commit(before, r.estimate(), actual.amount(), r.overagePolicy());
            } catch (Charge.Refused e) {
                return ApiException.conflict(e.code(), e.getMessage());
            }
            save(c, o.after(), now);
            Amount released = o.charged() < r.estimate() ? Amount.of(r.unit(), r.estimate() - o.charged()) : null;
            CommitResponse answer = new CommitResponse("COMMITTED", Amount.of(r.unit(), o.charged()), released, balances(o.after()));
            store.commit(c, id, o.charged(), o.debtIncurred(), now, req.idempotencyKey(), digest, Sql.toJson(answer),
                    req.metadata() == null ? null : Sql.toJson(req.metadata()), req.metrics() == null ? null : Sql.toJson(req.metrics()));
            for (int i = 0; i < before.size(); i++) {
                signals.changed(c, ctx, before.get(i), o.after().get(i), id, r.overagePolicy());
            }
            if (actual.amount() > r.estimate()) {
                events.commitOverage(c, ctx, r, actual.amount(), o.debtIncurred());
            }
            fresh[0] = true;
            return answer;
        });
        if (fresh[0]) {
            meter.committed();
        }
        if (out instanceof ApiException e) {
            throw e;
        }
        return (CommitResponse) out;
    }

    public ReleaseResponse release(OperationContext ctx, String id, ReleaseRequest req, String headerKey) {
        SubjectScopes.checkIdempotencyKey(req.idempotencyKey(), headerKey);
        Check.maxLength(req.reason(), 256, "reason");
        String digest = RequestDigest.of(req);
        boolean[] fresh = new boolean[1];
        Object out = db.write(c -> {
            long now = clock.millis();
            StoredReservation r = owned(c, ctx, id);
            if (r.status() == ReservationStatus.RELEASED && req.idempotencyKey().equals(r.releaseKey())) {
                return r.releaseHash().equals(digest) ? Json.mapper().readValue(r.releaseBody(), ReleaseResponse.class)
                        : RequestDigest.mismatch();
            }
            ensureOpen(c, r.tenantId());
            ensureActive(r);
            ensureBefore(now, r.expiresAtMs() + r.graceMs());
            List<Holding> before = book.byIds(c, r.ledgerIds());
            List<Holding> after = returnHold(c, before, r.estimate(), now);
            ReleaseResponse answer = new ReleaseResponse("RELEASED", Amount.of(r.unit(), r.estimate()), balances(after));
            String by = ctx.principal() instanceof Principal.TenantKey k ? k.keyId() : "admin";
            store.release(c, id, now, req.reason(), by, req.idempotencyKey(), digest, Sql.toJson(answer));
            for (int i = 0; i < before.size(); i++) {
                signals.changed(c, ctx, before.get(i), after.get(i), id, r.overagePolicy());
            }
            if (ctx.isAdmin()) {
                Map<String, Object> meta = new LinkedHashMap<>();
                if (req.reason() != null) {
                    meta.put("reason", req.reason());
                }
                audit.record(c, ctx, 200, r.tenantId(), ResourceType.RESERVATION, id, meta);
            }
            fresh[0] = true;
            return answer;
        });
        if (fresh[0]) {
            meter.released();
        }
        if (out instanceof ApiException e) {
            throw e;
        }
        return (ReleaseResponse) out;
    }

    public ReservationExtendResponse extend(OperationContext ctx, String id, ReservationExtendRequest req, String headerKey) {
        SubjectScopes.checkIdempotencyKey(req.idempotencyKey(), headerKey);
        Check.required(req.extendByMs(), "extend_by_ms");
        Check.range(req.extendByMs(), 1, ReservationService.DAY_MS, "extend_by_ms");
        Check.metadata(req.metadata(), "metadata");
        String digest = RequestDigest.of(req);
        boolean[] fresh = new boolean[1];
        Object out = db.write(c -> {
            long now = clock.millis();
            StoredReservation r = owned(c, ctx, id);
            String endpoint = "extend:" + id;
            IdempotencyStore.Remembered first = remembered.find(c, r.tenantId(), endpoint, req.idempotencyKey(), now);
            if (first != null) {
                if (!first.payloadHash().equals(digest)) {
                    return RequestDigest.mismatch();
                }
                ReservationExtendResponse was = Json.mapper().readValue(first.body(), ReservationExtendResponse.class);
                boolean active = r.effectiveStatus(now) == ReservationStatus.ACTIVE;
                return new ReservationExtendResponse(was.status(), was.expiresAtMs(),
                        active ? Math.max(0, was.expiresAtMs() - now) : 0L, was.balances());
            }
            Tenant tenant = ensureOpen(c, r.tenantId());
            ensureActive(r);
            ensureBefore(now, r.expiresAtMs());
            if (r.extensionCount() >= r.maxExtensions()) {
                return ApiException.conflict(ErrorCode.MAX_EXTENSIONS_EXCEEDED, "Reservation has used all " + r.maxExtensions()
                        + " of its extensions");
            }
            long maxGrant = tenant != null && tenant.maxReservationTtlMs() != null ? tenant.maxReservationTtlMs() : Settings.DEFAULT_MAX_TTL_MS;
            long expiresAt = Math.addExact(r.expiresAtMs(), Math.min(req.extendByMs(), maxGrant));
            store.extend(c, id, expiresAt);
            ReservationExtendResponse answer = new ReservationExtendResponse("ACTIVE", expiresAt, expiresAt - now,
                    balances(book.byIds(c, r.ledgerIds())));
            remembered.remember(c, r.tenantId(), endpoint, req.idempotencyKey(), new IdempotencyStore.Remembered(digest, id,
                    Sql.toJson(answer)), Math.max(expiresAt + r.graceMs(), now + ReservationService.DAY_MS));
            fresh[0] = true;
            return answer;
        });
        if (fresh[0]) {
            meter.extended();
        }
        if (out instanceof ApiException e) {
            throw e;
        }
        return (ReservationExtendResponse) out;
    }

    /** The reservation, when it exists (404) and the caller may act on it (403: another tenant's, or outside the key's scope_filter). */
    StoredReservation owned(Connection c, OperationContext ctx, String id) throws SQLException {
        checkId(id);
        StoredReservation r = store.find(c, id);
        if (r == null) {
            throw ApiException.notFound(ErrorCode.NOT_FOUND, "Reservation not found: " + id);
        }
        if (ctx.principal() instanceof Principal.TenantKey key) {
            if (!key.tenantId().equals(r.tenantId())) {
                throw ApiException.forbidden(ErrorCode.FORBIDDEN, "Reservation belongs to another tenant");
            }
            RuntimeCaller.mayTouch(key, r.scopePath());
        }
        return r;
    }

    static void checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            throw ApiException.badRequest("reservation_id must be 1-128 characters");
        }
    }

    /** 409 TENANT_CLOSED for a closed owner (fresh requests only: replays were answered before this). */
    private Tenant ensureOpen(Connection c, String tenantId) throws SQLException {
        Tenant t = rules.of(c, tenantId).tenant();
        if (t != null && t.status() == TenantStatus.CLOSED) {
            throw ApiException.conflict(ErrorCode.TENANT_CLOSED, "Tenant is CLOSED");
        }
        return t;
    }

    /** 410 for an expired hold, 409 for a committed or released one. */
    private static void ensureActive(StoredReservation r) {
        if (r.status() == ReservationStatus.EXPIRED) {
            throw new ApiException(410, ErrorCode.RESERVATION_EXPIRED, "Reservation has expired");
        }
        if (r.status() != ReservationStatus.ACTIVE) {
            throw ApiException.conflict(ErrorCode.RESERVATION_FINALIZED, "Reservation is already " + r.status());
        }
    }

    /** 410 for an ACTIVE hold past its deadline that the sweeper has not reached yet. */
    private static void ensureBefore(long now, long deadline) {
        if (now > deadline) {
            throw new ApiException(410, ErrorCode.RESERVATION_EXPIRED, "Reservation has expired");
        }
    }

    /** Gives the hold back on every ledger (release, expiry, tenant close). */
    List<Holding> returnHold(Connection c, List<Holding> before, long estimate, long now) throws SQLException {
        List<Holding> after = new ArrayList<>(before.size());
        for (Holding h : before) {
            Holding back = h.hold(-estimate);
            book.save(c, back, now);
            after.add(back);
        }
        return after;
    }

    private void save(Connection c, List<Holding> ledgers, long now) throws SQLException {
        for (Holding h : ledgers) {
            book.save(c, h, now);
        }
    }

    static List<Balance> balances(List<Holding> ledgers) {
        List<Balance> out = new ArrayList<>(ledgers.size());
        ledgers.forEach(h -> out.add(h.toBalance()));
        return out;
    }
}
