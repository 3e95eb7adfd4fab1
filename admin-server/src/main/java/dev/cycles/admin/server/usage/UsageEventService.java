package dev.cycles.admin.server.usage;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Json;
import dev.cycles.admin.model.Permission;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.ScopePattern;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.runtime.Balance;
import dev.cycles.admin.model.runtime.UsageEventRequest;
import dev.cycles.admin.model.runtime.UsageEventResponse;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Check;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.ledger.Admission;
import dev.cycles.admin.server.ledger.Charge;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.IdempotencyStore;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.ledger.LedgerSignals;
import dev.cycles.admin.server.ledger.Metrics;
import dev.cycles.admin.server.ledger.OveragePolicies;
import dev.cycles.admin.server.ledger.RequestDigest;
import dev.cycles.admin.server.ledger.RuntimeCaller;
import dev.cycles.admin.server.ledger.SubjectScopes;
import dev.cycles.admin.server.ledger.TenantRules;
import dev.cycles.admin.server.ledger.UnitMismatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * POST /v1/events: charging spend that already happened, with no reservation. One transaction:
 * the replay check, the tenant guard, the budgeted ledgers in the unit, their status, the charge
 * (digest §4.6), the usage_events row, the remembered answer and the budget.* signals. A refusal
 * changes nothing. Unlike a reserve, debt and the over-limit state do not block: the work is done.
 */
public final class UsageEventService {
    static final String ENDPOINT = "event";
    /** How long a key replays its first answer (digest §3). */
    static final long REPLAY_WINDOW_MS = 7L * 86_400_000L;

    private final Database db;
    private final LedgerBook book;
    private final UsageEventStore store;
    private final IdempotencyStore remembered;
    private final TenantRules rules;
    private final LedgerSignals signals;
    private final Clock clock;

    public UsageEventService(Database db, LedgerBook book, UsageEventStore store, IdempotencyStore remembered,
                             TenantRules rules, LedgerSignals signals, Clock clock) {
        this.db = db;
        this.book = book;
        this.store = store;
        this.remembered = remembered;
        this.rules = rules;
        this.signals = signals;
        this.clock = clock;
    }

    /**
     * The calling key, when it may post usage: events:create or reservations:commit (the spend a
     * commit could record anyway), or their admin:write wildcard. The route table admits the same
     * keys; the service checks again because it does not know how it was reached.
     */
    public Principal.TenantKey caller(OperationContext ctx) {
        Principal.TenantKey key = RuntimeCaller.key(ctx);
        if (!Permission.grants(key.permissions(), Permission.EVENTS_CREATE)
                && !Permission.grants(key.permissions(), Permission.RESERVATIONS_COMMIT)) {
            throw ApiException.forbidden(ErrorCode.FORBIDDEN, "API key lacks required permission: "
                    + Permission.EVENTS_CREATE.wire() + " or " + Permission.RESERVATIONS_COMMIT.wire());
        }
        return key;
    }

    public UsageEventResponse create(OperationContext ctx, UsageEventRequest req, String headerKey) {
        Principal.TenantKey key = caller(ctx);
        SubjectScopes.checkIdempotencyKey(req.idempotencyKey(), headerKey);
        SubjectScopes scopes = SubjectScopes.of(req.subject());
        SubjectScopes.checkAction(req.action());
        Amount actual = SubjectScopes.amount(req.actual(), "actual");
        Metrics.check(req.metrics());
        if (req.clientTimeMs() != null && req.clientTimeMs() < 0) {
            throw ApiException.badRequest("Field 'client_time_ms' must not be negative");
        }
        Check.metadata(req.metadata(), "metadata");
        RuntimeCaller.mayAct(key, scopes);
        String tenantId = key.tenantId();
        // client_time_ms is advisory and must not take part in idempotency: a retry with a fresh
        // client clock is the same event. The overage policy is hashed as sent (omitted stays
        // omitted), since what omission resolves to depends on settings that may change.
        String digest = RequestDigest.of(new UsageEventRequest(req.idempotencyKey(), req.subject(), req.action(), actual,
                req.overagePolicy(), req.metrics(), null, req.metadata()));
        return db.write(c -> {
            long now = clock.millis();
            IdempotencyStore.Remembered first = remembered.find(c, tenantId, ENDPOINT, req.idempotencyKey(), now);
            if (first != null) {
                if (!first.payloadHash().equals(digest)) {
                    throw RequestDigest.mismatch();
                }
                return Json.mapper().readValue(first.body(), UsageEventResponse.class);
            }
            Tenant tenant = guard(c, tenantId);
            List<Holding> before = book.at(c, tenantId, actual.unit(), scopes.scopes());
            if (before.isEmpty()) {
                UnitMismatch.check(c, book, tenantId, scopes, actual);
                throw ApiException.notFound(ErrorCode.NOT_FOUND, "Budget not found for provided scope: " + scopes.path());
            }
            Admission.Denial closed = Admission.status(before);
            if (closed != null) {
                throw closed.statusConflict("charged");
            }
            CommitOveragePolicy policy = OveragePolicies.resolve(req.overagePolicy(), policyInForce(c, tenantId, scopes, now),
                    before, tenant);
            Charge.Outcome o;
            try {
                o = Charge.direct(before, actual.amount(), policy);
            } catch (Charge.Refused e) {
                throw ApiException.conflict(e.code(), e.getMessage());
            }
            return apply(c, ctx, key, req, scopes, actual, policy, before, o, digest, now);
        });
    }

    private UsageEventResponse apply(Connection c, OperationContext ctx, Principal.TenantKey key, UsageEventRequest req,
                                     SubjectScopes scopes, Amount actual, CommitOveragePolicy policy, List<Holding> before,
                                     Charge.Outcome o, String digest, long now) throws SQLException {
        List<Balance> balances = new ArrayList<>(o.after().size());
        for (Holding h : o.after()) {
            book.save(c, h, now);
            balances.add(h.toBalance());
        }
        String eventId = Ids.newTimeOrderedId("uev_", now);
        Amount charged = o.charged() < actual.amount() ? Amount.of(actual.unit(), o.charged()) : null;
        UsageEventResponse answer = new UsageEventResponse("APPLIED", eventId, charged, balances);
        store.insert(c, new UsageEventStore.Row(eventId, key.tenantId(), Sql.toJson(req.subject()), Sql.toJson(req.action()),
                actual.unit(), actual.amount(), o.charged(), policy, scopes.path(), Sql.toJson(scopes.scopes()),
                Sql.toJson(req.metrics()), req.clientTimeMs(), Sql.toJson(req.metadata()), now, req.idempotencyKey(), key.keyId()));
        remembered.remember(c, key.tenantId(), ENDPOINT, req.idempotencyKey(),
                new IdempotencyStore.Remembered(digest, eventId, Sql.toJson(answer)), now + REPLAY_WINDOW_MS);
        for (int i = 0; i < before.size(); i++) {
            signals.changed(c, ctx, before.get(i), o.after().get(i), null, policy);
        }
        return answer;
    }

    /**
     * The tenant guard (digest §4.3 step 4, §5.3): CLOSED is 409, SUSPENDED may settle work but
     * not record new spend (403), and a status the rules do not know fails closed (500). No
     * tenant row means no guard, as on reserve.
     */
    private Tenant guard(Connection c, String tenantId) throws SQLException {
        Tenant t = rules.of(c, tenantId).tenant();
        if (t == null || t.status() == TenantStatus.ACTIVE) {
            return t;
        }
        if (t.status() == TenantStatus.CLOSED) {
            throw ApiException.conflict(ErrorCode.TENANT_CLOSED, "Tenant is CLOSED");
        }
        if (t.status() == TenantStatus.SUSPENDED) {
            throw ApiException.forbidden(ErrorCode.FORBIDDEN, "Tenant is SUSPENDED: no new usage may be recorded (tenant suspended)");
        }
        throw new ApiException(500, ErrorCode.INTERNAL_ERROR, "Tenant record is in an unknown state");
    }

    /** The one policy in force that matches the subject's path best, as a reserve would pick it; null when none. */
    private Policy policyInForce(Connection c, String tenantId, SubjectScopes scopes, long now) throws SQLException {
        if (scopes.scope() == null) {
            return null;
        }
        return ScopePattern.applicable(rules.of(c, tenantId).activePolicies(), scopes.scope(), Instant.ofEpochMilli(now))
                .stream().findFirst().orElse(null);
    }
}
