package dev.cycles.admin.server.audit;

import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.Sql;
import dev.cycles.admin.server.core.OperationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Past the failure throttle, refused requests are audited as one row per source (address, or all
 * addresses together) per window, holding a count, instead of a row each: a flood then costs
 * the database a few rows, not megabytes. The count is written when the row is created and
 * brought up to date by {@link #flush()}, which the server calls every few seconds and on close.
 */
public final class RefusalSummaries {
    public static final String OPERATION = "refusedRequestsSummary";
    private static final Logger LOG = LoggerFactory.getLogger(RefusalSummaries.class);

    private final Database db;
    private final AuditStore store;
    private final Clock clock;
    private final long windowMillis;
    private final Map<String, Summary> open = new ConcurrentHashMap<>();

    private static final class Summary {
        final String logId = Ids.newId("log_");
        final String source;
        final long windowStart;
        final AtomicLong count = new AtomicLong();
        volatile boolean written;
        long flushed;

        Summary(String source, long windowStart) {
            this.source = source;
            this.windowStart = windowStart;
        }
    }

    public RefusalSummaries(Database db, AuditStore store, Clock clock, long windowMillis) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.windowMillis = windowMillis;
    }

    /** Counts one refused request against the summary of {@code source} for the window starting at {@code windowStart}. */
    public void count(OperationContext ctx, String source, long windowStart) {
        Summary s = open.computeIfAbsent(source + "@" + windowStart, k -> new Summary(source, windowStart));
        long n = s.count.incrementAndGet();
        if (n == 1) {
            db.write(c -> {
                store.insert(c, new AuditStore.Row(s.logId, Instant.ofEpochMilli(clock.millis()), AuditTrail.UNAUTH_SENTINEL,
                        null, ctx.userAgent(), "*".equals(source) ? null : source, OPERATION, null, null, ctx.requestId(),
                        ctx.traceId(), 429, ErrorCode.LIMIT_EXCEEDED.name(), Sql.toJson(metadata(s, 1))));
                return null;
            });
            synchronized (s) {
                s.flushed = 1;
                s.written = true;
            }
        }
    }

    /** Writes changed counts, and forgets summaries whose window is over. */
    public void flush() {
        long now = clock.millis();
        for (Map.Entry<String, Summary> e : open.entrySet()) {
            Summary s = e.getValue();
            boolean over = now - s.windowStart >= windowMillis;
            synchronized (s) {
                long n = s.count.get();
                if (!s.written) {
                    continue;
                }
                if (n != s.flushed) {
                    try {
                        db.write(c -> {
                            store.updateMetadata(c, s.logId, Sql.toJson(metadata(s, n)));
                            return null;
                        });
                        s.flushed = n;
                    } catch (RuntimeException failure) {
                        LOG.warn("could not update refused-request summary {}: {}", s.logId, failure.toString());
                        continue;
                    }
                }
            }
            if (over && s.count.get() == s.flushed) {
                open.remove(e.getKey(), s);
            }
        }
    }

    private Map<String, Object> metadata(Summary s, long count) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", true);
        m.put("refused_count", count);
        m.put("source", "*".equals(s.source) ? "all addresses" : s.source);
        m.put("window_start", Instant.ofEpochMilli(s.windowStart).truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("window_seconds", windowMillis / 1000);
        return m;
    }
}
