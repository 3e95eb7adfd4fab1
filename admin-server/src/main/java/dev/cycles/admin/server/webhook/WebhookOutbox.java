package dev.cycles.admin.server.webhook;

import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.model.ScopePattern;
import dev.cycles.admin.model.WebhookStatus;
import dev.cycles.admin.model.WebhookSubscription;
import dev.cycles.admin.server.core.Ids;
import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.event.EventSink;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The outbox: in the transaction that records an event, one PENDING delivery per matching ACTIVE
 * subscription (owner = the event's tenant or __system__; type or category selected; scope_filter
 * matching; admin-only types never to tenant-owned subscriptions). Nothing is sent here, so the
 * operation that produced the event never waits for a receiver.
 */
public final class WebhookOutbox implements EventSink {
    private final WebhookStore store;
    private volatile Runnable wakeUp = () -> { };

    public WebhookOutbox(WebhookStore store) {
        this.store = store;
    }

    void onEnqueued(Runnable r) {
        this.wakeUp = r;
    }

    @Override
    public void accepted(Connection c, OperationContext ctx, Event e) throws SQLException {
        boolean any = false;
        for (WebhookStore.Stored s : store.activeFor(c, e.tenantId())) {
            if (matches(s.sub(), e)) {
                store.insertDelivery(c, Ids.newTimeOrderedId("whdel_", e.timestamp().toEpochMilli()), s.sub().subscriptionId(), e, e.timestamp(), null,
                        ctx.inboundTraceFlags());
                store.touchTriggered(c, s.sub().subscriptionId(), e.timestamp());
                any = true;
            }
        }
        if (any) {
            wakeUp.run();
        }
    }

    /** Digest 4.7's dispatch rule. */
    static boolean matches(WebhookSubscription s, Event e) {
        if (s.status() != WebhookStatus.ACTIVE) {
            return false;
        }
        boolean system = s.tenantId().equals(WebhookSubscription.SYSTEM_TENANT);
        if (!system && !s.tenantId().equals(e.tenantId())) {
            return false;
        }
        if (!system && !EventTypes.isTenantAccessible(e.eventType())) {
            return false;
        }
        if (!s.eventTypes().contains(e.eventType()) && !s.eventCategories().contains(e.category())) {
            return false;
        }
        if (s.scopeFilter() == null) {
            return true;
        }
        if (e.scope() == null) {
            return false;
        }
        try {
            return ScopePattern.matches(s.scopeFilter(), e.scope());
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
