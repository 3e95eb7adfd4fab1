package dev.cycles.admin.server.reservation;

import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.event.EventLog;
import dev.cycles.admin.server.ledger.Holding;
import dev.cycles.admin.server.ledger.LedgerBook;
import dev.cycles.admin.server.tenant.TenantCloseCascade;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closing a tenant releases its ACTIVE reservations in the close transaction: each row turns
 * RELEASED (reason tenant_closed) and its hold returns to the ledgers it held, so a later sweep
 * finds nothing to give back twice. One reservation.released_via_tenant_cascade per ledger
 * reports what returned to it. Runs before the budgets are closed.
 */
public final class ReservationCascade implements TenantCloseCascade {
    private final LedgerBook book;
    private final ReservationStore store;
    private final SettlementService settlements;
    private final EventLog events;
    private final Clock clock;

    public ReservationCascade(LedgerBook book, ReservationStore store, SettlementService settlements, EventLog events, Clock clock) {
        this.book = book;
        this.store = store;
        this.settlements = settlements;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void onTenantClosed(Connection c, OperationContext ctx, String tenantId, String correlationId) throws SQLException {
        long now = clock.millis();
        Map<String, Holding> touched = new LinkedHashMap<>();
        Map<String, Long> returned = new LinkedHashMap<>();
        for (String id : store.activeFor(c, tenantId)) {
            StoredReservation r = store.find(c, id);
            List<Holding> after = settlements.returnHold(c, book.byIds(c, r.ledgerIds()), r.estimate(), now);
            for (Holding h : after) {
                touched.put(h.ledgerId(), h);
                returned.merge(h.ledgerId(), r.estimate(), Math::addExact);
            }
            store.release(c, id, now, "tenant_closed", "tenant_close", null, null, null);
        }
        for (Map.Entry<String, Long> e : returned.entrySet()) {
            Holding h = touched.get(e.getKey());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ledger_id", h.ledgerId());
            data.put("scope", h.scope());
            data.put("unit", h.unit().name());
            data.put("released_amount", e.getValue());
            data.put("cascade_reason", "tenant_closed");
            events.emit(c, ctx, "reservation.released_via_tenant_cascade", tenantId, h.scope(), data, correlationId);
        }
    }
}
