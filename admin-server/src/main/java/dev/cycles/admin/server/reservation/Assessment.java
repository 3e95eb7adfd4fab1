package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.ScopePattern;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.model.TenantStatus;
import dev.cycles.admin.model.runtime.Balance;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.ledger.Admission;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.ledger.SubjectScopes;
import dev.cycles.admin.server.ledger.TenantRules;
import dev.cycles.admin.server.ledger.UnitMismatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a reservation of an estimate may be held now: the tenant guard, the settings, the
 * budgeted ledgers and the first failing check. Shared by live reserves, dry runs and decide,
 * which differ only in what they do with a denial. Runs inside the write transaction.
 */
record Assessment(Tenant tenant, List<Holding> ledgers, Settings settings, Admission.Denial denial) {

    /** The denial's reason code, or null when the estimate may be held. */
    String reason() {
        return denial == null ? null : denial.reasonCode();
    }

    List<Balance> balances() {
        List<Balance> out = new ArrayList<>(ledgers.size());
        for (Holding h : ledgers) {
            out.add(h.toBalance());
        }
        return out;
    }

    /** The lowest remaining of the budgeted ledgers (reservation.denied's {@code remaining}), or null. */
    Long lowestRemaining() {
        return ledgers.stream().map(Holding::remaining).min(Long::compare).orElse(null);
    }

    /** The 409 (or 403, 404) a live reserve answers a denial with. */
    ApiException refusal(SubjectScopes scopes) {
        String reason = reason();
        return switch (reason) {
            case "TENANT_CLOSED" -> ApiException.conflict(ErrorCode.TENANT_CLOSED, "Tenant is CLOSED");
            case "TENANT_SUSPENDED" -> ApiException.forbidden(ErrorCode.FORBIDDEN, "Tenant is SUSPENDED: no new reservations");
            case "BUDGET_NOT_FOUND" -> ApiException.notFound(ErrorCode.NOT_FOUND, "Budget not found for provided scope: " + scopes.path());
            default -> ApiException.conflict(ErrorCode.valueOf(reason), message(reason, denial.at()));
        };
    }

    private static String message(String reason, Holding at) {
        String scope = at.scope();
        return switch (reason) {
            case "BUDGET_FROZEN" -> "Budget at " + scope + " is FROZEN";
            case "BUDGET_CLOSED" -> "Budget at " + scope + " is CLOSED";
            case "OVERDRAFT_LIMIT_EXCEEDED" -> "Budget at " + scope + " is over its overdraft limit (debt " + at.debt() + ")";
            case "DEBT_OUTSTANDING" -> "Budget at " + scope + " has outstanding debt of " + at.debt() + " and no overdraft limit";
            default -> "Insufficient budget at " + scope + ": " + at.remaining() + " remaining";
        };
    }

    /**
     * Assesses {@code estimate} for the subject's scopes. A tenant in a state the rules do not know
     * is a 500 (fail closed); no ledger in the unit while another unit has one is 400 UNIT_MISMATCH
     * on every surface.
     */
    static Assessment of(Connection c, TenantRules rules, LedgerBook book, String tenantId,
                         SubjectScopes scopes, Amount estimate, ReservationShape shape, long nowMs) throws SQLException {
        TenantRules.Rules known = rules.of(c, tenantId);
        Tenant tenant = known.tenant();
        if (tenant != null) {
            if (tenant.status() == TenantStatus.CLOSED) {
                return new Assessment(tenant, List.of(), null, new Admission.Denial("TENANT_CLOSED", null));
            }
            if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.SUSPENDED) {
                throw new ApiException(500, ErrorCode.INTERNAL_ERROR, "Tenant record is in an unknown state");
            }
        }
        List<Holding> ledgers = book.at(c, tenantId, estimate.unit(), scopes.scopes());
        if (ledgers.isEmpty()) {
            UnitMismatch.check(c, book, tenantId, scopes, estimate);
        }
        if (tenant != null && tenant.status() == TenantStatus.SUSPENDED) {
            return new Assessment(tenant, ledgers, null, new Admission.Denial("TENANT_SUSPENDED", null));
        }
        if (ledgers.isEmpty()) {
            return new Assessment(tenant, ledgers, null, new Admission.Denial("BUDGET_NOT_FOUND", null));
        }
        Policy policy = scopes.scope() == null ? null
                : ScopePattern.applicable(known.activePolicies(), scopes.scope(), Instant.ofEpochMilli(nowMs))
                .stream().findFirst().orElse(null);
        Settings settings = Settings.resolve(shape.ttlMs(), shape.graceMs(), shape.overagePolicy(), tenant, policy, ledgers);
        return new Assessment(tenant, ledgers, settings, Admission.forReservation(ledgers, estimate.amount()));
    }

    /** The request's own settings (null where it sent none). */
    record ReservationShape(Long ttlMs, Long graceMs, dev.cycles.admin.model.CommitOveragePolicy overagePolicy) {
        static final ReservationShape NONE = new ReservationShape(null, null, null);
    }
}
