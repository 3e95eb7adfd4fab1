package dev.cycles.admin.server.reservation;

import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.IdempotencyStore;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.ledger.LedgerSignals;
import dev.cycles.admin.server.metrics.ReservationMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Returns the holds of reservations left past their grace period, once each: the row turns
 * EXPIRED in the same transaction that gives the hold back, and only ACTIVE rows are picked.
 * Time is the injected clock's. A sweep takes at most {@link #BATCH} rows so it never holds the
 * writer long; it also forgets idempotency records whose window has closed.
 */
public final class ExpirySweeper implements AutoCloseable {
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

    private final Database db;
    private final LedgerBook book;
    private final ReservationStore store;
    private final IdempotencyStore remembered;
    private final SettlementService settlements;
    private final LedgerSignals signals;
    private final ReservationEvents events;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ReservationMeter meter;

    public ExpirySweeper(Database db, LedgerBook book, ReservationStore store, IdempotencyStore remembered,
                         SettlementService settlements, LedgerSignals signals, ReservationEvents events, Clock clock,
                         ReservationMeter meter) {
        this.db = db;
        this.book = book;
        this.store = store;
        this.remembered = remembered;
        this.settlements = settlements;
        this.signals = signals;
        this.events = events;
        this.clock = clock;
        this.meter = meter;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reservation-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sweeps every {@code periodMillis} from now on. */
    public void start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::sweepQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            while (sweep() == BATCH) {
                // a full batch: more are due; keep going, a batch at a time
            }
        } catch (RuntimeException e) {
            LOG.warn("reservation expiry sweep failed; retrying at the next tick", e);
        }
    }

    /** Expires what is due now; returns how many reservations it expired. */
    public int sweep() {
        OperationContext ctx = OperationContext.background("expireReservations", Ids.newTraceId());
        int expired = db.write(c -> {
            long now = clock.millis();
            List<String> due = store.due(c, now, BATCH);
            for (String id : due) {
                expire(c, ctx, id, now);
            }
            remembered.purge(c, now, BATCH);
            return due.size();
        });
        meter.expired(expired);
        return expired;
    }

    private void expire(Connection c, OperationContext ctx, String id, long now) throws SQLException {
        StoredReservation r = store.find(c, id);
        List<Holding> before = book.byIds(c, r.ledgerIds());
        List<Holding> after = settlements.returnHold(c, before, r.estimate(), now);
        store.expire(c, id, now);
        events.expired(c, ctx, r);
        for (int i = 0; i < before.size(); i++) {
            signals.changed(c, ctx, before.get(i), after.get(i), id, r.overagePolicy());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
