package dev.cycles.admin.server.event;

import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventListResponse;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.Page;
import dev.cycles.admin.server.http.Call;
import dev.cycles.admin.server.http.Correlation;
import dev.cycles.admin.server.http.ListParams;

import java.util.List;

/** GET /v1/admin/events, GET /v1/admin/events/{event_id} and the tenant's GET /v1/events. */
public final class EventHandlers {
    static final int MAX_LIST_ITEMS = 25;

    private final EventQueryService service;

    public EventHandlers(EventQueryService service) {
        this.service = service;
    }

    public EventListResponse list(Call call) {
        String traceId = call.query("trace_id");
        if (traceId != null && !Correlation.isTraceId(traceId)) {
            throw ApiException.badRequest("trace_id must be 32 lowercase hexadecimal characters");
        }
        EventFilter filter = new EventFilter(call.query("tenant_id"), list(call, "event_type"), list(call, "category"),
                scopePrefix(call), call.query("correlation_id"), traceId, call.query("request_id"),
                call.queryTime("from"), call.queryTime("to"), ListParams.search(call), false);
        return respond(service.list(call.principal(), filter, ListParams.page(call)));
    }

    /** The tenant plane: no search, sort or trace filters (the spec offers none there). */
    public EventListResponse listForTenant(Call call) {
        EventFilter filter = new EventFilter(null, list(call, "event_type"), list(call, "category"), scopePrefix(call),
                call.query("correlation_id"), null, null, call.queryTime("from"), call.queryTime("to"), null, true);
        return respond(service.list(call.principal(), filter, ListParams.page(call)));
    }

    public Event get(Call call) {
        return service.get(call.path("event_id"));
    }

    private static EventListResponse respond(Page<Event> page) {
        return new EventListResponse(page.items(), page.nextCursor(), page.hasMore());
    }

    private static List<String> list(Call call, String name) {
        List<String> values = call.queryList(name);
        if (values.size() > MAX_LIST_ITEMS) {
            throw ApiException.badRequest("Query parameter '" + name + "' may list at most " + MAX_LIST_ITEMS + " values");
        }
        return values;
    }

    private static String scopePrefix(Call call) {
        String prefix = call.query("scope");
        if (prefix != null && prefix.length() > 1024) {
            throw ApiException.badRequest("scope is too long");
        }
        return prefix == null ? null : prefix.toLowerCase(java.util.Locale.ROOT);
    }
}
