package dev.cycles.admin.console.reservations;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.Fakes;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.IsoDate;
import dev.cycles.admin.console.common.Session;
import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.UnitEnum;
import dev.cycles.admin.model.runtime.ReleaseResponse;
import dev.cycles.admin.model.runtime.Reservation;
import dev.cycles.admin.model.runtime.ReservationStatus;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reservations screen's query and the force-release form, without a server. */
class ReservationsViewModelTest {
    private final Ctx ctx = Ctx.direct(new Session());

    @Test
    void theFiltersBecomeTheRuntimeQuery() {
        ReservationsViewModel vm = new ReservationsViewModel(ctx, ZoneOffset.UTC);
        vm.tenantProperty().set(" acme ");
        vm.levelProperty("workspace").set("prod");
        vm.levelProperty("agent").set(" support ");
        vm.createdFromProperty().set("2026-01-31");
        vm.expiresToProperty().set("2026-02-01 10:30");
        Map<String, String> q = vm.query();
        assertEquals("acme", q.get("tenant"));
        assertEquals("ACTIVE", q.get("status"));
        assertEquals("prod", q.get("workspace"));
        assertEquals("support", q.get("agent"));
        assertFalse(q.containsKey("app"));
        assertEquals("2026-01-31T00:00:00Z", q.get("from"));
        assertEquals("2026-02-01T10:30:00Z", q.get("expires_to"));
        assertEquals("created_at_ms", q.get("sort_by"));
        assertEquals("desc", q.get("sort_dir"));
        assertEquals("metadata,committed_metadata", q.get("include"));
        vm.statusProperty().set(null);
        assertFalse(vm.query().containsKey("status"), "Any status sends none");
    }

    @Test
    void anUnreadableOrBackwardWindowIsShownAndNothingIsAsked() {
        ReservationsViewModel vm = new ReservationsViewModel(ctx, ZoneOffset.UTC);
        vm.tenantProperty().set("acme");
        vm.createdFromProperty().set("31/01/2026");
        assertTrue(vm.validationProperty().get().startsWith("Created from:"), vm.validationProperty().get());
        vm.createdFromProperty().set("2026-02-03"); // a "to" date includes its day, so the 2nd would still fit
        vm.createdToProperty().set("2026-02-01");
        assertEquals("Created: from must not be after to", vm.validationProperty().get());
        vm.refresh(); // not connected: a query would fail with NOT_CONNECTED in the status line
        assertTrue(vm.summaryProperty().get().startsWith("Fix the filters"));
        // not connected, so every call fails: only the tenant picker's was made, no reservations query
        assertEquals(1, ctx.status().errorCount());
    }

    @Test
    void withoutATenantTheScreenSaysWhatToDo() {
        ReservationsViewModel vm = new ReservationsViewModel(ctx, ZoneOffset.UTC);
        vm.refresh();
        assertTrue(vm.summaryProperty().get().startsWith("Choose a tenant"), vm.summaryProperty().get());
    }

    @Test
    void forceReleaseNeedsAReasonAndAnActiveReservation() {
        ForceReleaseFormViewModel form = new ForceReleaseFormViewModel(ctx, reservation(ReservationStatus.ACTIVE));
        assertEquals("[INCIDENT_FORCE_RELEASE] ", form.reasonProperty().get(), "the incident tag is prefilled");
        assertEquals("Say why after [INCIDENT_FORCE_RELEASE]: it is kept in the audit log", form.problemProperty().get());
        form.reasonProperty().set("   ");
        assertFalse(form.problemProperty().get().isEmpty(), "blank is no reason");
        form.reasonProperty().set("x".repeat(257));
        assertTrue(form.problemProperty().get().startsWith("Reason is at most 256"));
        form.reasonProperty().set("stuck hold");
        assertEquals("", form.problemProperty().get());
        ForceReleaseFormViewModel done = new ForceReleaseFormViewModel(ctx, reservation(ReservationStatus.COMMITTED));
        done.reasonProperty().set("stuck hold");
        assertTrue(done.problemProperty().get().contains("COMMITTED"));
    }

    @Test
    void forceReleaseSendsTheReasonOnceAndKeepsARefusalInTheDialog() {
        Fakes ok = new Fakes(Map.of("release", a -> new ReleaseResponse("RELEASED", Amount.of(UnitEnum.USD_MICROCENTS, 100), List.of())));
        Session s = new Session();
        s.connect(ok.admin(), ok.runtime(), "fake", "#000");
        ForceReleaseFormViewModel form = new ForceReleaseFormViewModel(Ctx.direct(s), reservation(ReservationStatus.ACTIVE));
        form.reasonProperty().set("  stuck hold ");
        List<ReleaseResponse> done = new ArrayList<>();
        form.submit(done::add);
        assertEquals(1, done.size());
        assertEquals(1, ok.calls().size());
        List<Object> args = ok.calls().get(0).args();
        assertEquals("rsv_1", args.get(0));
        assertTrue(((String) args.get(1)).startsWith("console-release-"), "one idempotency key per dialog");
        assertEquals("stuck hold", args.get(2));

        Fakes refusing = new Fakes(Map.of("release", a -> {
            throw new AdminApiException(409, "RESERVATION_FINALIZED", "Reservation already finalized", "req-1");
        }));
        Session s2 = new Session();
        s2.connect(refusing.admin(), refusing.runtime(), "fake", "#000");
        ForceReleaseFormViewModel late = new ForceReleaseFormViewModel(Ctx.direct(s2), reservation(ReservationStatus.ACTIVE));
        late.reasonProperty().set("stuck hold");
        late.submit(r -> { throw new AssertionError("a refusal is not a release"); });
        assertEquals("RESERVATION_FINALIZED: Reservation already finalized", late.serverErrorProperty().get());
        assertFalse(late.submittingProperty().get(), "the dialog can be used again");
    }

    @Test
    void theScopeColumnStartsBelowTheTenant() {
        assertEquals("workspace:prod/agent:a", ReservationsView.belowTenant(reservation(ReservationStatus.ACTIVE)));
    }

    @Test
    void agesAreRelativeAndAnActiveHoldPastItsExpiryIsMarkedOverdue() {
        long now = 10_000_000L;
        assertEquals("42 s ago", ReservationDetails.relative(now - 42_000, now));
        assertEquals("3 min ago", ReservationDetails.relative(now - 200_000, now));
        assertEquals("in 5 min", ReservationDetails.relative(now + 300_000, now));
        assertEquals("2 h 10 min ago", ReservationDetails.relative(now - 7_800_000, now));
        Reservation late = new Reservation("rsv_1", ReservationStatus.ACTIVE, "k", null, null, Amount.of(UnitEnum.USD_MICROCENTS, 100),
                null, now - 600_000, now - 120_000, null, "tenant:acme/agent:a", List.of(), null, null);
        assertTrue(ReservationDetails.overdue(late, now));
        assertEquals("\u26a0 overdue, expired 2 min ago", ReservationDetails.expiresText(late, now));
        Reservation released = new Reservation("rsv_2", ReservationStatus.RELEASED, "k", null, null, Amount.of(UnitEnum.USD_MICROCENTS, 100),
                null, now - 600_000, now - 120_000, now - 300_000, "tenant:acme/agent:a", List.of(), null, null);
        assertFalse(ReservationDetails.overdue(released, now), "a finished reservation is not overdue");
        assertEquals("2 min ago", ReservationDetails.expiresText(released, now));
    }

    @Test
    void isoDatesOnly() {
        assertNull(IsoDate.parse("  ", "Expiry"));
        assertEquals("2026-12-24", IsoDate.parse("2026-12-24", "Expiry").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IsoDate.parse("12/24/2026", "Expiry"));
        assertEquals("Expiry: '12/24/2026' is not a date; use YYYY-MM-DD, e.g. 2026-12-24", e.getMessage());
    }

    private static Reservation reservation(ReservationStatus status) {
        return new Reservation("rsv_1", status, "k", null, null, Amount.of(UnitEnum.USD_MICROCENTS, 100), null, 0L, 1L, null,
                "tenant:acme/workspace:prod/agent:a", List.of("tenant:acme"), null, null);
    }
}
