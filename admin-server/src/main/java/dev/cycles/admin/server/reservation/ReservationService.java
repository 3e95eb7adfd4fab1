package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.runtime.Decision;
import dev.cycles.admin.model.runtime.DecisionRequest;
import dev.cycles.admin.model.runtime.DecisionResponse;
import dev.cycles.admin.model.runtime.ReservationCreateRequest;
import dev.cycles.admin.model.runtime.ReservationCreateResponse;
import dev.cycles.admin.model.runtime.ReservationStatus;
import dev.cycles.admin.model.runtime.Subject;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.IdempotencyStore;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.ledger.LedgerSignals;
import dev.cycles.admin.server.ledger.RequestDigest;
import dev.cycles.admin.server.ledger.RuntimeCaller;
import dev.cycles.admin.server.ledger.SubjectScopes;
import dev.cycles.admin.server.ledger.TenantRules;
import dev.cycles.admin.server.metrics.ReservationMeter;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Creating reservations (live and dry run) and decide. A live reserve is one transaction: the
 * replay check, the tenant guard, every budgeted ledger checked and held, the reservation row
 * (which also carries the held ledgers and the replay record) and the events. A refusal changes no ledger; its reservation.denied
 * event still commits.
 */
public final class ReservationService {
    static final long DAY_MS = 86_400_000L;
    static final String RESERVE = "reserve";
    static final String DECIDE = "decide";
    /** An allowed reserve's verdict; denials carry their reason code (upper case) instead. */
    private static final String ALLOWED = "allowed";

    private final Database db;
    private final LedgerBook book;
    private final ReservationStore store;
    private final IdempotencyStore remembered;
    private final TenantRules rules;
    private final LedgerSignals signals;
    private final ReservationEvents events;
    private final Clock clock;
    private final ReservationMeter meter;

    public ReservationService(Database db, LedgerBook book, ReservationStore store, IdempotencyStore remembered,
                              TenantRules rules, LedgerSignals signals, ReservationEvents events,
                              Clock clock, ReservationMeter meter) {
        this.db = db;
        this.book = book;
        this.store = store;
        this.remembered = remembered;
        this.rules = rules;
        this.signals = signals;
        this.events = events;
        this.clock = clock;
        this.meter = meter;
    }

    /**
     * A reserve or dry run; returns the 200 body as JSON, serialized once: the same text is the
     * stored replay record and the answer sent.
     */
    public String create(OperationContext ctx, ReservationCreateRequest req, String headerKey) {
        SubjectScopes.checkIdempotencyKey(req.idempotencyKey(), headerKey);
        SubjectScopes scopes = SubjectScopes.of(req.subject());
        SubjectScopes.checkAction(req.action());
        Amount estimate = SubjectScopes.amount(req.estimate(), "estimate");
        Check.range(req.ttlMs(), 1_000, DAY_MS, "ttl_ms");
        Check.range(req.gracePeriodMs(), 0, 60_000, "grace_period_ms");
        Check.metadata(req.metadata(), "metadata");
        Principal.TenantKey key = RuntimeCaller.key(ctx);
        RuntimeCaller.mayAct(key, scopes);
        String tenantId = key.tenantId();
        boolean dryRun = Boolean.TRUE.equals(req.dryRun());
        long grace = req.gracePeriodMs() == null ? Settings.DEFAULT_GRACE_MS : req.gracePeriodMs();
        String digest = RequestDigest.of(new ReservationCreateRequest(req.idempotencyKey(), req.subject(), req.action(), estimate,
                req.ttlMs(), grace, req.overagePolicy(), dryRun, req.metadata()));
        // What a fresh live reserve decided (null for replays and dry runs), counted once it committed.
        String[] verdict = new String[1];
        Object out = db.write(c -> {
            long now = clock.millis();
            // Live reserves and dry runs share one namespace: a dry run's record is in runtime_idempotency,
            // a live reserve's on its reservation row; at most one of them is within its window.
            IdempotencyStore.Remembered before = remembered.find(c, tenantId, RESERVE, req.idempotencyKey(), now);
            if (before != null) {
                return before.payloadHash().equals(digest) ? before.body() : RequestDigest.mismatch();
            }
            ReservationStore.FirstReserve first = store.firstReserve(c, tenantId, req.idempotencyKey(), now);
            if (first != null) {
                return replay(first, digest, now);
            }
            Assessment a = Assessment.of(c, rules, book, tenantId, scopes, estimate,
                    new Assessment.ReservationShape(req.ttlMs(), grace, req.overagePolicy()), now);
            if (dryRun) {
                String answer = Sql.toJson(dryRunAnswer(a, scopes, estimate));
                remembered.remember(c, tenantId, RESERVE, req.idempotencyKey(),
                        new IdempotencyStore.Remembered(digest, null, answer), now + DAY_MS);
                if (a.denial() != null) {
                    events.denied(c, ctx, tenantId, scopes, req.subject(), req.action(), estimate, a);
                }
                return answer;
            }
            if (a.denial() != null) {
                if (!a.reason().equals("BUDGET_NOT_FOUND") && !a.reason().equals("TENANT_SUSPENDED")) {
                    events.denied(c, ctx, tenantId, scopes, req.subject(), req.action(), estimate, a);
                }
                verdict[0] = a.reason();
                return a.refusal(scopes);
            }
            String held = hold(c, ctx, req, scopes, estimate, a, digest, now);
            verdict[0] = ALLOWED;
            return held;
        });
        if (ALLOWED.equals(verdict[0])) {
            meter.allowed();
        } else if (verdict[0] != null) {
            meter.denied(verdict[0]);
        }
        if (out instanceof ApiException e) {
            throw e;
        }
        return (String) out;
    }

    public DecisionResponse decide(OperationContext ctx, DecisionRequest req, String headerKey) {
        SubjectScopes.checkIdempotencyKey(req.idempotencyKey(), headerKey);
        SubjectScopes scopes = SubjectScopes.of(req.subject());
        SubjectScopes.checkAction(req.action());
        Amount estimate = SubjectScopes.amount(req.estimate(), "estimate");
        Check.metadata(req.metadata(), "metadata");
        Principal.TenantKey key = RuntimeCaller.key(ctx);
        RuntimeCaller.mayAct(key, scopes);
        String tenantId = key.tenantId();
        String digest = RequestDigest.of(new DecisionRequest(req.idempotencyKey(), req.subject(), req.action(), estimate, req.metadata()));
        return db.write(c -> {
            long now = clock.millis();
            IdempotencyStore.Remembered before = remembered.find(c, tenantId, DECIDE, req.idempotencyKey(), now);
            if (before != null) {
                if (!before.payloadHash().equals(digest)) {
                    throw RequestDigest.mismatch();
                }
                return Json.mapper().readValue(before.body(), DecisionResponse.class);
            }
            Assessment a = Assessment.of(c, rules, book, tenantId, scopes, estimate, Assessment.ReservationShape.NONE, now);
            DecisionResponse answer = a.denial() != null
                    ? new DecisionResponse(Decision.DENY, null, a.reason(), null, scopes.scopes())
                    : new DecisionResponse(a.settings().caps() != null ? Decision.ALLOW_WITH_CAPS : Decision.ALLOW,
                    a.settings().caps(), null, null, scopes.scopes());
            remembered.remember(c, tenantId, DECIDE, req.idempotencyKey(),
                    new IdempotencyStore.Remembered(digest, null, Sql.toJson(answer)), now + DAY_MS);
            if (a.denial() != null) {
                events.denied(c, ctx, tenantId, scopes, req.subject(), req.action(), estimate, a);
            }
            return answer;
        });
    }

    private String hold(Connection c, OperationContext ctx, ReservationCreateRequest req, SubjectScopes scopes,
                                           Amount estimate, Assessment a, String digest, long now) throws SQLException {
        String id = Ids.newTimeOrderedId("rsv_", now);
        Settings s = a.settings();
        long expiresAt = Math.addExact(now, s.ttlMs());
        List<Holding> after = new ArrayList<>(a.ledgers().size());
        List<String> ledgerIds = new ArrayList<>(a.ledgers().size());
        for (Holding h : a.ledgers()) {
            Holding held = h.hold(estimate.amount());
            book.save(c, held, now);
            after.add(held);
            ledgerIds.add(h.ledgerId());
        }
        List<dev.cycles.admin.model.runtime.Balance> balances = new ArrayList<>(after.size());
        after.forEach(h -> balances.add(h.toBalance()));
        String answer = Sql.toJson(new ReservationCreateResponse(
                s.caps() != null ? Decision.ALLOW_WITH_CAPS : Decision.ALLOW, id, estimate, expiresAt, s.ttlMs(),
                scopes.path(), scopes.scopes(), s.caps(), balances, null, null));
        Principal.TenantKey key = RuntimeCaller.key(ctx);
        StoredReservation row = new StoredReservation(id, key.tenantId(), ReservationStatus.ACTIVE, estimate.unit(), estimate.amount(),
                scopes.path(), Sql.toJson(scopes.scopes()), Sql.toJson(req.subject()), Sql.toJson(req.action()),
                req.metadata() == null ? null : Sql.toJson(req.metadata()), s.overagePolicy(), now, expiresAt, s.graceMs(),
                s.maxExtensions(), 0, req.idempotencyKey(), null, null, null, null, null, null, null, null, null, null,
                Sql.toJson(ledgerIds));
        // The replay record rides on the row, committed in the same transaction as the hold.
        store.insert(c, row, new ReservationStore.Origin(key.keyId(), ctx.requestId(), ctx.traceId()),
                new ReservationStore.Replay(digest, answer, now + Math.max(s.ttlMs() + s.graceMs(), DAY_MS)));
        for (int i = 0; i < after.size(); i++) {
            signals.changed(c, ctx, a.ledgers().get(i), after.get(i), id, s.overagePolicy());
        }
        return answer;
    }

    private static ReservationCreateResponse dryRunAnswer(Assessment a, SubjectScopes scopes, Amount estimate) {
        if (a.denial() != null) {
            return new ReservationCreateResponse(Decision.DENY, null, null, null, null, scopes.path(), scopes.scopes(), null, null,
                    a.reason(), null);
        }
        Decision d = a.settings().caps() != null ? Decision.ALLOW_WITH_CAPS : Decision.ALLOW;
        return new ReservationCreateResponse(d, null, estimate, null, null, scopes.path(), scopes.scopes(), a.settings().caps(),
                a.balances(), null, null);
    }

    /**
     * A live reserve's first answer again, with nothing changed but remaining_ttl_ms: recomputed
     * from the original expiry, 0 once the reservation is no longer ACTIVE (digest §3).
     */
    private static Object replay(ReservationStore.FirstReserve first, String digest, long now) throws Exception {
        if (!first.hash().equals(digest)) {
            return RequestDigest.mismatch();
        }
        ReservationCreateResponse was = Json.mapper().readValue(first.body(), ReservationCreateResponse.class);
        return Sql.toJson(was.withRemainingTtlMs(first.active() ? Math.max(0, was.expiresAtMs() - now) : 0L));
    }

    static Subject subject(String json) {
        return Sql.fromJsonOrNull(json, new com.fasterxml.jackson.core.type.TypeReference<Subject>() {
        });
    }
}
