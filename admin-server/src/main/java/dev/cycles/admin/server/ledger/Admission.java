package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.BudgetStatus;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.core.ApiException;

import java.util.List;

/**
 * Whether new spend may start on a set of ledgers: the first failing check, top-down, in the
 * order the protocol fixes (frozen, closed, over limit, unpaid debt without overdraft, not
 * enough remaining). A usage event checks only status: it records spend that already happened.
 */
public final class Admission {

    /** Why spend was refused, and at which ledger. */
    public record Denial(String reasonCode, Holding at) {

        /** The 409 for a FROZEN or CLOSED ledger that {@code charge} (committed, charged) cannot reach. */
        public ApiException statusConflict(String charge) {
            return ApiException.conflict(ErrorCode.valueOf(reasonCode), "Budget at " + at.scope() + " is " + at.status()
                    + ": nothing can be " + charge + " to it");
        }
    }

    private Admission() {
    }

    /** The first reason a reservation of {@code estimate} may not be held, or null when every ledger allows it. */
    public static Denial forReservation(List<Holding> ledgers, long estimate) {
        for (Holding h : ledgers) {
            Denial d = status(h);
            if (d != null) {
                return d;
            }
            if (h.overLimit()) {
                return new Denial("OVERDRAFT_LIMIT_EXCEEDED", h);
            }
            if (h.debt() > 0 && h.overdraftLimit() == 0) {
                return new Denial("DEBT_OUTSTANDING", h);
            }
            if (h.remaining() < estimate) {
                return new Denial("BUDGET_EXCEEDED", h);
            }
        }
        return null;
    }

    /** FROZEN or CLOSED ledgers refuse every new charge, usage events and commits included. */
    public static Denial status(Holding h) {
        if (h.status() == BudgetStatus.FROZEN) {
            return new Denial("BUDGET_FROZEN", h);
        }
        if (h.status() == BudgetStatus.CLOSED) {
            return new Denial("BUDGET_CLOSED", h);
        }
        return null;
    }

    public static Denial status(List<Holding> ledgers) {
        for (Holding h : ledgers) {
            Denial d = status(h);
            if (d != null) {
                return d;
            }
        }
        return null;
    }
}
