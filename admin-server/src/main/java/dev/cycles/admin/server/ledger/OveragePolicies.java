package dev.cycles.admin.server.ledger;

import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.Tenant;

import java.util.List;

/**
 * Which overage policy a charge settles under, in the admin spec's order: the request, then the
 * one policy in force that matches the scope best, then the deepest budgeted ledger, then the
 * tenant's default, then the protocol's ALLOW_IF_AVAILABLE. Reservations (frozen at reserve time)
 * and usage events (resolved per event) share it, so the same subject settles the same way.
 */
public final class OveragePolicies {
    private OveragePolicies() {
    }

    /** {@code policy}, {@code tenant} may be null; {@code budgeted} is top-down. */
    public static CommitOveragePolicy resolve(CommitOveragePolicy requested, Policy policy, List<Holding> budgeted, Tenant tenant) {
        if (requested != null) {
            return requested;
        }
        if (policy != null && policy.commitOveragePolicy() != null) {
            return policy.commitOveragePolicy();
        }
        if (!budgeted.isEmpty() && budgeted.get(budgeted.size() - 1).overagePolicy() != null) {
            return budgeted.get(budgeted.size() - 1).overagePolicy();
        }
        if (tenant != null && tenant.defaultCommitOveragePolicy() != null) {
            return tenant.defaultCommitOveragePolicy();
        }
        return CommitOveragePolicy.ALLOW_IF_AVAILABLE;
    }
}
