package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of settling spend against every ledger an action touches: a commit (whose
 * ledgers already hold the estimate) and a usage event (no hold). Pure: ledgers in, ledgers out,
 * nothing written. Remaining amounts are compared per ledger, so the smallest remaining of the
 * set decides how much of an overage ALLOW_IF_AVAILABLE can charge.
 */
public final class Charge {

    /** The ledgers after the charge, what was charged in all, and the debt this charge added. */
    public record Outcome(List<Holding> after, long charged, long debtIncurred) {
    }

    /** The charge may not happen: BUDGET_EXCEEDED (REJECT) or OVERDRAFT_LIMIT_EXCEEDED, at {@code scope}. */
    public static final class Refused extends Exception {
        private final ErrorCode code;
        private final String scope;

        Refused(ErrorCode code, String scope, String message) {
            super(message, null, false, false);
            this.code = code;
            this.scope = scope;
        }

        public ErrorCode code() {
            return code;
        }

        public String scope() {
            return scope;
        }
    }

    private Charge() {
    }

    /** Commit {@code actual} against ledgers holding {@code estimate} each. */
    public static Outcome commit(List<Holding> ledgers, long estimate, long actual, CommitOveragePolicy policy) throws Refused {
        if (actual <= estimate) {
            List<Holding> after = new ArrayList<>(ledgers.size());
            for (Holding h : ledgers) {
                after.add(h.withFigures(Math.addExact(h.spent(), actual), Math.subtractExact(h.reserved(), estimate), h.debt(), h.overLimit()));
            }
            return new Outcome(after, actual, 0);
        }
        long overage = actual - estimate;
        if (policy == CommitOveragePolicy.REJECT) {
            throw new Refused(ErrorCode.BUDGET_EXCEEDED, ledgers.isEmpty() ? null : ledgers.get(0).scope(),
                    "Actual " + actual + " exceeds the reserved " + estimate + " and the overage policy is REJECT");
        }
        return overage(ledgers, estimate, overage, policy);
    }

    /** Charge {@code amount} with no hold (POST /v1/events). */
    public static Outcome direct(List<Holding> ledgers, long amount, CommitOveragePolicy policy) throws Refused {
        if (policy == CommitOveragePolicy.REJECT) {
            for (Holding h : ledgers) {
                if (h.remaining() < amount) {
                    throw new Refused(ErrorCode.BUDGET_EXCEEDED, h.scope(), "Insufficient remaining at " + h.scope()
                            + ": " + h.remaining() + " left, " + amount + " charged, and the overage policy is REJECT");
                }
            }
            List<Holding> after = new ArrayList<>(ledgers.size());
            for (Holding h : ledgers) {
                after.add(h.withFigures(Math.addExact(h.spent(), amount), h.reserved(), h.debt(), h.overLimit()));
            }
            return new Outcome(after, amount, 0);
        }
        return overage(ledgers, 0, amount, policy);
    }

    /**
     * The hold {@code estimate} becomes spend, and {@code extra} more is charged: as much as every
     * ledger can fund (ALLOW_IF_AVAILABLE), or all of it with the unfunded part as debt within each
     * ledger's overdraft limit (ALLOW_WITH_OVERDRAFT; a ledger without a limit caps the charge).
     */
    private static Outcome overage(List<Holding> ledgers, long estimate, long extra, CommitOveragePolicy policy) throws Refused {
        boolean overdraft = policy == CommitOveragePolicy.ALLOW_WITH_OVERDRAFT;
        long c = extra;
        for (Holding h : ledgers) {
            long r = h.remaining();
            if ((!overdraft || h.overdraftLimit() == 0) && r < extra) {
                c = Math.min(c, Math.max(r, 0));
            }
        }
        if (overdraft) {
            for (Holding h : ledgers) {
                long r = h.remaining();
                if (h.overdraftLimit() > 0 && r < c) {
                    long deficit = c - Math.max(r, 0);
                    // saturating: a sum past int64 is past any limit, a 409 rather than an overflow
                    if (saturatingAdd(h.debt(), deficit) > h.overdraftLimit()) {
                        throw new Refused(ErrorCode.OVERDRAFT_LIMIT_EXCEEDED, h.scope(), "Charging " + c + " at " + h.scope()
                                + " would raise its debt to " + saturatingAdd(h.debt(), deficit) + ", past its overdraft limit of " + h.overdraftLimit());
                    }
                }
            }
        }
        List<Holding> after = new ArrayList<>(ledgers.size());
        long debtIncurred = 0;
        for (Holding h : ledgers) {
            long r = h.remaining();
            long funded = r >= c ? c : Math.max(r, 0);
            long deficit = c - funded;
            long debt = Math.addExact(h.debt(), deficit);
            debtIncurred = saturatingAdd(debtIncurred, deficit);
            boolean capped = c < extra && r < extra && (!overdraft || h.overdraftLimit() == 0);
            boolean overLimit = h.overLimit() || capped || h.overdraftLimit() > 0 && debt > h.overdraftLimit();
            long spent = Math.addExact(Math.addExact(h.spent(), estimate), funded);
            after.add(h.withFigures(spent, Math.subtractExact(h.reserved(), estimate), debt, overLimit));
        }
        return new Outcome(after, Math.addExact(estimate, c), debtIncurred);
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
