package dev.cycles.admin.server.reservation;

import dev.cycles.admin.model.Caps;
import dev.cycles.admin.model.CommitOveragePolicy;
import dev.cycles.admin.model.Policy;
import dev.cycles.admin.model.ReservationTtlOverride;
import dev.cycles.admin.model.Tenant;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.OveragePolicies;

import java.util.List;

/**
 * A reservation's settings, resolved once at creation and frozen on its row. Precedence: the
 * request, then the one policy in force that matches the scope best, then the deepest budgeted
 * ledger (overage policy only, see {@link OveragePolicies}), then the tenant's defaults, then the protocol's.
 */
record Settings(long ttlMs, long graceMs, CommitOveragePolicy overagePolicy, int maxExtensions, Caps caps) {
    static final long DEFAULT_TTL_MS = 60_000;
    static final long DEFAULT_MAX_TTL_MS = 3_600_000;
    static final long DEFAULT_GRACE_MS = 5_000;
    static final int DEFAULT_MAX_EXTENSIONS = 10;

    static Settings resolve(Long requestTtl, Long requestGrace, CommitOveragePolicy requestPolicy, Tenant tenant,
                            Policy policy, List<Holding> budgeted) {
        ReservationTtlOverride ttl = policy == null ? null : policy.reservationTtlOverride();
        long defaultTtl = first(ttl == null ? null : ttl.defaultTtlMs(), tenant == null ? null : tenant.defaultReservationTtlMs(), DEFAULT_TTL_MS);
        long maxTtl = first(ttl == null ? null : ttl.maxTtlMs(), tenant == null ? null : tenant.maxReservationTtlMs(), DEFAULT_MAX_TTL_MS);
        long maxExtensions = first(ttl == null ? null : ttl.maxExtensions(), tenant == null ? null : tenant.maxReservationExtensions(),
                (long) DEFAULT_MAX_EXTENSIONS);
        return new Settings(Math.min(requestTtl == null ? defaultTtl : requestTtl, maxTtl),
                requestGrace == null ? DEFAULT_GRACE_MS : requestGrace,
                OveragePolicies.resolve(requestPolicy, policy, budgeted, tenant),
                (int) Math.min(Integer.MAX_VALUE, maxExtensions), hasAny(policy == null ? null : policy.caps()));
    }

    private static long first(Long a, Long b, long fallback) {
        return a != null ? a : b != null ? b : fallback;
    }

    /** Caps that say something, or null: an empty caps object does not make a decision ALLOW_WITH_CAPS. */
    private static Caps hasAny(Caps c) {
        if (c == null) {
            return null;
        }
        boolean any = c.maxTokens() != null || c.maxStepsRemaining() != null || c.cooldownMs() != null
                || c.toolAllowlist() != null && !c.toolAllowlist().isEmpty()
                || c.toolDenylist() != null && !c.toolDenylist().isEmpty();
        return any ? c : null;
    }
}
