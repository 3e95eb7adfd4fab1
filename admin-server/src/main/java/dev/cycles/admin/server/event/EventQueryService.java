package dev.cycles.admin.server.event;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventTypes;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Principal;
import dev.cycles.admin.server.db.Database;
import dev.cycles.admin.server.db.PageRequest;


/**
 * Reading the event stream: the admin sees every tenant's events; a tenant key sees only its own
 * tenant's, and only the tenant-accessible types (budget.*, reservation.*, tenant.*).
 */
public final class EventQueryService {
    private final Database db;
    private final EventStore store;

    public EventQueryService(Database db, EventStore store) {
        this.db = db;
        this.store = store;
    }

    public Page<Event> list(Principal caller, EventFilter requested, PageSpec spec) {
        EventFilter f = requested;
        if (caller instanceof Principal.TenantKey key) {
            f = new EventFilter(key.tenantId(), requested.eventTypes(), requested.categories(), requested.scopePrefix(),
                    requested.correlationId(), null, null, requested.from(), requested.to(), null, true);
        }
        check(f);
        EventFilter effective = f;
        return db.read(c -> store.list(c, effective, PageRequest.of(EventStore.SORTS, spec)));
    }

    public Event get(String eventId) {
        Event e = db.read(c -> store.find(c, eventId));
        if (e == null) {
            throw ApiException.notFound(ErrorCode.NOT_FOUND, "Event '" + eventId + "' not found");
        }
        return e;
    }

    private static void check(EventFilter f) {
        for (String type : f.eventTypes()) {
            if (!EventTypes.isKnown(type) && !type.startsWith("custom.")) {
                throw ApiException.badRequest("event_type '" + type + "' is not an event type");
            }
        }
        for (String category : f.categories()) {
            if (!EventTypes.isCategory(category)) {
                throw ApiException.badRequest("category must be one of " + EventTypes.CATEGORIES);
            }
        }
        if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
            throw ApiException.badRequest("from must not be after to");
        }
    }

}
