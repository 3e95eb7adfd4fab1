package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.client.Fakes;
import dev.cycles.admin.console.shell.MainWindow;
import dev.cycles.admin.console.shell.Screen;
import dev.cycles.admin.model.AuthIntrospectResponse;
import dev.cycles.admin.model.Capabilities;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capability gating from GET /v1/auth/introspect, and the shared empty state, against fakes. */
class AccessTest {

    private static Ctx connectedAs(AuthIntrospectResponse who) {
        Fakes fakes = new Fakes(Map.<String, Function<Object[], Object>>of("introspect", a -> who));
        Session session = new Session();
        session.connect(fakes.admin(), fakes.runtime(), "fake", "#0969da");
        return Ctx.direct(session);
    }

    @Test
    void aTenantKeyOnlyOpensWhatItsPermissionsAllow() {
        List<String> perms = List.of("budgets:read", "reservations:list");
        Ctx ctx = connectedAs(new AuthIntrospectResponse(true, "tenant", perms, Capabilities.forTenantKey(perms), "acme", null));
        Access access = new Access(ctx);
        access.check();
        assertNotNull(ctx.session().accessProperty().get(), "introspect was asked");

        assertTrue(access.allows(MainWindow.capOf(Screen.BUDGETS)));
        assertTrue(access.allows(MainWindow.capOf(Screen.RESERVATIONS)));
        assertFalse(access.allows(MainWindow.capOf(Screen.KEYS)));
        assertFalse(access.allows(MainWindow.capOf(Screen.TENANTS)));
        assertFalse(access.allows(MainWindow.capOf(Screen.AUDIT)));
        assertFalse(access.allows(Access.Cap.MANAGE_BUDGETS), "read-only on budgets");
        assertEquals("", access.why(Access.Cap.VIEW_BUDGETS, "open Budgets"));
        String why = access.why(Access.Cap.VIEW_API_KEYS, "open API keys");
        assertTrue(why.contains("tenant acme") && why.contains("view_api_keys") && why.contains("admin key"), why);
        assertFalse(access.allowedProperty(Access.Cap.MANAGE_TENANTS).get());
    }

    @Test
    void theAdminKeyMayDoEverything() {
        Ctx ctx = connectedAs(new AuthIntrospectResponse(true, "admin", List.of("*"), Capabilities.admin(), null, null));
        Access access = new Access(ctx);
        access.check();
        for (Access.Cap c : Access.Cap.values()) {
            assertTrue(access.allows(c), c.name());
        }
        for (Screen s : Screen.values()) {
            assertTrue(access.allows(MainWindow.capOf(s)), s.name());
        }
    }

    @Test
    void aKeyWithFewerAdminPermissionsIsGatedByItsFlagsNotItsType() {
        Capabilities some = new Capabilities(true, true, false, false, false, true, false, false, false, false, false,
                false, false, false, false);
        Ctx ctx = connectedAs(new AuthIntrospectResponse(true, "admin", List.of("admin:read"), some, null, null));
        Access access = new Access(ctx);
        access.check();
        assertTrue(access.allows(Access.Cap.VIEW_TENANTS));
        assertFalse(access.allows(Access.Cap.MANAGE_TENANTS));
        assertTrue(access.why(Access.Cap.MANAGE_TENANTS, "create tenants").startsWith("This key cannot create tenants"));
    }

    @Test
    void disconnectingForgetsTheCapabilitiesAndNothingIsGatedWhileNotConnected() {
        List<String> perms = List.of("budgets:read");
        Ctx ctx = connectedAs(new AuthIntrospectResponse(true, "tenant", perms, Capabilities.forTenantKey(perms), "acme", null));
        Access access = new Access(ctx);
        access.check();
        assertFalse(access.allows(Access.Cap.VIEW_TENANTS));
        ctx.session().disconnect();
        assertNull(ctx.session().accessProperty().get());
        assertNull(ctx.session().clientProperty().get());
        assertTrue(access.allows(Access.Cap.VIEW_TENANTS), "the lists say 'not connected' instead");
    }

    @Test
    void theEmptyStateSaysWhatIsWrongBeforeItOffersToCreate() {
        AdminApiException refused = new AdminApiException("CONNECTION_FAILED", "Cannot reach http://127.0.0.1:7979: Connection refused", null);
        assertEquals(EmptyState.State.NOT_CONNECTED, EmptyState.state(false, null, false));
        assertEquals(EmptyState.State.NOT_CONNECTED, EmptyState.state(false, refused, true));
        assertEquals(EmptyState.State.CONNECTION_FAILED, EmptyState.state(true, refused, true));
        assertEquals(EmptyState.State.FILTERED, EmptyState.state(true, null, true));
        assertEquals(EmptyState.State.EMPTY, EmptyState.state(true, null, false));

        for (EmptyState.State s : List.of(EmptyState.State.NOT_CONNECTED, EmptyState.State.CONNECTION_FAILED, EmptyState.State.FILTERED)) {
            EmptyState.Text t = EmptyState.text(s, "budgets", refused, "Clear the filters.", "Create the first budget.", "Create budget");
            assertFalse((t.title() + t.detail() + t.action()).contains("Create"), s + ": " + t);
        }
        EmptyState.Text off = EmptyState.text(EmptyState.State.NOT_CONNECTED, "budgets", null, "", "", "Create budget");
        assertTrue(off.detail().contains("Connection (Ctrl+0)"), off.detail());
        assertEquals("Open Connection", off.action());
        EmptyState.Text down = EmptyState.text(EmptyState.State.CONNECTION_FAILED, "budgets", refused, "", "", "Create budget");
        assertTrue(down.detail().contains("Connection refused") && down.detail().contains("java -jar"), down.detail());
        assertEquals("Retry", down.action());
        assertEquals("Create budget", EmptyState.text(EmptyState.State.EMPTY, "budgets", null, "", "x", "Create budget").action());
    }

    @Test
    void aCallThatCannotReachTheServerMarksTheSessionAndTheNextSuccessClearsIt() {
        Session session = new Session();
        Fakes fakes = new Fakes(Map.<String, Function<Object[], Object>>of("overview", a -> {
            throw new AdminApiException("CONNECTION_FAILED", "Cannot reach http://fake.invalid/: refused", null);
        }, "health", a -> Map.of()));
        session.connect(fakes.admin(), fakes.runtime(), "fake", "#0969da");
        StatusModel status = new StatusModel();
        ClearingAsync async = new ClearingAsync(Async.direct(), status, session);
        async.run("overview", () -> session.client().overview(), r -> { }, e -> { });
        assertEquals("CONNECTION_FAILED", session.problemProperty().get().code());
        async.run("health", () -> session.client().health(), r -> { }, e -> { });
        assertNull(session.problemProperty().get());
    }
}
