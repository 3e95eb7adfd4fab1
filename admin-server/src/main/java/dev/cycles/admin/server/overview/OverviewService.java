package dev.cycles.admin.server.overview;

import dev.cycles.admin.server.core.Now;
import dev.cycles.admin.model.AdminOverviewResponse;
import dev.cycles.admin.server.db.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The operator's dashboard in one read transaction. It has no runtime plane, so denials and
 * expiries are whatever reservation.denied / reservation.expired events exist (none unless
 * another component writes them).
 */
public final class OverviewService {
    private final Clock clock;
    public static final long EVENT_WINDOW_SECONDS = 3600;

    private final Database db;
    private final OverviewStore store;

    public OverviewService(Database db, OverviewStore store, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.store = store;
    }

    public AdminOverviewResponse overview() {
        Instant now = Now.of(clock);
        return db.read(c -> {
            Map<String, Long> byCategory = store.eventsByCategory(c, now.minusSeconds(EVENT_WINDOW_SECONDS));
            long totalRecent = byCategory.values().stream().mapToLong(Long::longValue).sum();
            return new AdminOverviewResponse(now, EVENT_WINDOW_SECONDS, store.tenantCounts(c), store.budgetCounts(c),
                    store.overLimitScopes(c), store.debtScopes(c), store.webhookCounts(c),
                    store.failingWebhooks(c), new AdminOverviewResponse.EventCounts(totalRecent, byCategory),
                    store.recentEvents(c, "reservation.denied"), store.recentEvents(c, "reservation.expired"));
        });
    }
}
