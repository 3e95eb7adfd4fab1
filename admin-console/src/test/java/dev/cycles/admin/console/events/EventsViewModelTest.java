package dev.cycles.admin.console.events;

import dev.cycles.admin.console.common.domain.TimePreset;
import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.Async;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Nav;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.console.common.StatusModel;
import dev.cycles.admin.model.Event;
import dev.cycles.admin.model.EventActor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event browser without a server: query, details, the live tail's merge and its stop on failure, drill-down. */
class EventsViewModelTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static EventsViewModel vm(Ctx ctx) {
        return new EventsViewModel(ctx, Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static Event event(String id, String type) {
        return new Event(id, type, type.substring(0, type.indexOf('.')), NOW, "acme", "tenant:acme",
                new EventActor("admin", null, "127.0.0.1"), "cycles-admin", Map.of("operation", "CREDIT"), "corr-1",
                "req-" + id, "0123456789abcdef0123456789abcdef", null);
    }

    @Test
    void everyFilterBecomesAQueryParameter() {
        EventsViewModel vm = vm(Ctx.direct(new Session()));
        vm.eventTypeProperty().set("tenant.created, budget.funded");
        vm.categoryProperty().set("budget tenant");
        vm.scopeProperty().set(" tenant:acme/ ");
        vm.tenantProperty().set("acme");
        vm.correlationIdProperty().set("corr-1");
        vm.traceIdProperty().set("0123456789abcdef0123456789abcdef");
        vm.requestIdProperty().set("req-1");
        vm.searchProperty().set("bot");
        vm.presetProperty().set(TimePreset.LAST_HOUR);
        Map<String, String> q = vm.query();
        assertEquals("tenant.created,budget.funded", q.get("event_type"));
        assertEquals("budget,tenant", q.get("category"));
        assertEquals("tenant:acme/", q.get("scope"));
        assertEquals("acme", q.get("tenant_id"));
        assertEquals("corr-1", q.get("correlation_id"));
        assertEquals("0123456789abcdef0123456789abcdef", q.get("trace_id"));
        assertEquals("req-1", q.get("request_id"));
        assertEquals("bot", q.get("search"));
        assertEquals("2026-03-10T11:00:00Z", q.get("from"));
        assertEquals("timestamp", q.get("sort_by"));
        assertEquals("desc", q.get("sort_dir"));

        vm.presetProperty().set(TimePreset.CUSTOM);
        vm.fromProperty().set("2026-03-01");
        vm.toProperty().set("2026-03-02");
        q = vm.query();
        assertEquals("2026-03-01T00:00:00Z", q.get("from"));
        assertEquals("2026-03-03T00:00:00Z", q.get("to"), "a 'to' date includes that day");
        vm.traceIdProperty().set("XYZ");
        assertTrue(vm.validationProperty().get().startsWith("Trace ID"));
    }

    @Test
    void detailsShowTheEnvelopeAndThePrettyPayload() {
        String d = EventsViewModel.details(event("evt_1", "budget.funded"));
        assertTrue(d.contains("Actor:       admin"), d);
        assertTrue(d.contains("Actor IP:    127.0.0.1"), d);
        assertTrue(d.contains("Source:      cycles-admin"), d);
        assertTrue(d.contains("Request ID:  req-evt_1"), d);
        assertTrue(d.contains("Correlation: corr-1"), d);
        assertTrue(d.contains("{\n  \"operation\" : \"CREDIT\"\n}"), d);
    }

    @Test
    void theTailPutsNewEventsOnTopOnceAndKeepsTheSelection() {
        EventsViewModel vm = vm(Ctx.direct(new Session()));
        Event a = event("evt_a", "tenant.created");
        Event b = event("evt_b", "budget.created");
        vm.rows().setAll(List.of(b, a));
        vm.selectedProperty().set(a);
        Event c = event("evt_c", "budget.funded");
        Event d = event("evt_d", "budget.funded");
        assertEquals(2, vm.prependNew(List.of(d, c, b, a)));
        assertEquals(List.of(d, c, b, a), vm.rows());
        assertEquals(0, vm.prependNew(List.of(d, c, b, a)), "nothing twice");
        assertSame(a, vm.selectedProperty().get());
        assertEquals("Live: following new events (2 new since turned on)", vm.liveStateProperty().get());
    }

    @Test
    void aFailedPollStopsTheTailAndSaysSo() {
        StatusModel status = new StatusModel();
        Ctx ctx = new Ctx(new Session(), Async.direct(), status); // not connected: every call fails
        EventsViewModel vm = vm(ctx);
        vm.liveProperty().set(true);
        vm.pollNew();
        assertFalse(vm.liveProperty().get());
        assertTrue(vm.liveStateProperty().get().startsWith("Live tail stopped (NOT_CONNECTED)"), vm.liveStateProperty().get());
        assertEquals("NOT_CONNECTED", status.errorCodeProperty().get());
    }

    @Test
    void drillDownsGoThroughNavigation() {
        Nav nav = new Nav();
        List<Object> opened = new ArrayList<>();
        nav.setActivity((title, f) -> opened.add(List.of("audit", title, f)));
        nav.setList((t, f) -> opened.add(List.of(t, f)));
        EventsViewModel vm = vm(new Ctx(new Session(), Async.direct(), new StatusModel(), nav));
        vm.selectedProperty().set(event("evt_1", "budget.funded"));
        vm.openAuditOfRequest();
        nav.eventsOfRequest("req-9");
        assertEquals(List.of(List.of("audit", "Request req-evt_1", Map.of("request_id", "req-evt_1")),
                List.of(Nav.Target.EVENTS, Map.of("request_id", "req-9", "title", "Request req-9"))), opened);

        vm.eventTypeProperty().set("tenant.created");
        vm.showFiltered("Request req-9", Map.of("request_id", "req-9"));
        assertEquals("", vm.eventTypeProperty().get(), "other filters cleared");
        assertEquals("req-9", vm.requestIdProperty().get());
        assertEquals(TimePreset.ALL, vm.presetProperty().get());
        assertEquals("Request req-9", vm.contextProperty().get());
    }
}
