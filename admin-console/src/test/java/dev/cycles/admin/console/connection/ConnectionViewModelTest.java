package dev.cycles.admin.console.connection;

import dev.cycles.admin.console.TestServer;
import dev.cycles.admin.console.common.Ctx;
import dev.cycles.admin.console.common.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionViewModelTest {
    @TempDir
    Path dir;

    @Test
    void connectChecksTheKeyWithIntrospect() throws Exception {
        try (TestServer server = new TestServer(dir.resolve("srv"))) {
            Session session = new Session();
            ConnectionViewModel vm = new ConnectionViewModel(Ctx.direct(session), new ProfileStore(dir.resolve("c")), dir.resolve("l"));
            assertTrue(vm.firstStart());
            vm.urlProperty().set(server.url());
            vm.adminKeyProperty().set("wrong");
            vm.connect();
            assertTrue(vm.errorProperty().get().startsWith("UNAUTHORIZED"), vm.errorProperty().get());
            assertNull(session.clientProperty().get());
            vm.adminKeyProperty().set(TestServer.ADMIN_KEY);
            vm.nameProperty().set("Staging");
            vm.colourProperty().set("#d29922");
            vm.connect();
            assertNotNull(session.clientProperty().get());
            assertEquals("#d29922", session.colourProperty().get());
            assertTrue(session.labelProperty().get().startsWith("Staging"));
            assertTrue(vm.resultProperty().get().contains(server.url()));
        }
    }

    @Test
    void threeRejectedKeysLockConnectWithABackoffThatAWorkingKeyResets() throws Exception {
        try (TestServer server = new TestServer(dir.resolve("srv"))) {
            Session session = new Session();
            long[] now = {1_000_000};
            ConnectionViewModel vm = new ConnectionViewModel(Ctx.direct(session), new ProfileStore(dir.resolve("c")), dir.resolve("l"),
                    () -> now[0]);
            vm.urlProperty().set(server.url());
            vm.adminKeyProperty().set("wrong");
            vm.connect();
            vm.connect();
            assertEquals(0, vm.lockSecondsProperty().get(), "two tries are free");
            vm.connect();
            assertEquals(5, vm.lockSecondsProperty().get(), "the third rejection locks for 5 s");
            assertTrue(vm.errorProperty().get().contains("Connect is locked for 5 s"), vm.errorProperty().get());

            // while locked even the right key is not sent
            vm.adminKeyProperty().set(TestServer.ADMIN_KEY);
            vm.connect();
            assertNull(session.clientProperty().get());
            assertEquals("Locked after 3 rejected keys: try again in 5 s", vm.errorProperty().get());

            // each further rejection doubles the lock
            now[0] += 5_000;
            vm.adminKeyProperty().set("wrong again");
            vm.connect();
            assertEquals(10, vm.lockSecondsProperty().get());
            now[0] += 3_000;
            vm.tick();
            assertEquals(7, vm.lockSecondsProperty().get(), "the countdown runs on the clock");

            now[0] += 7_000;
            vm.adminKeyProperty().set(TestServer.ADMIN_KEY);
            vm.connect();
            assertNotNull(session.clientProperty().get(), "after the lock the right key connects");
            assertEquals(0, vm.lockSecondsProperty().get());
            vm.disconnect();
            vm.adminKeyProperty().set("wrong");
            vm.connect();
            assertEquals(0, vm.lockSecondsProperty().get(), "a working key reset the count");
        }
    }

    @Test
    void theLockGrowsToAMinuteAndAnUnreachableServerIsNotARejectedKey() {
        assertEquals(0, ConnectLockout.lockSeconds(2));
        assertEquals(5, ConnectLockout.lockSeconds(3));
        assertEquals(40, ConnectLockout.lockSeconds(6));
        assertEquals(60, ConnectLockout.lockSeconds(7));
        assertEquals(60, ConnectLockout.lockSeconds(40));
        assertFalse(ConnectLockout.keyRejected(new dev.cycles.admin.console.client.AdminApiException("CONNECTION_FAILED", "refused", null)));
        assertTrue(ConnectLockout.keyRejected(new dev.cycles.admin.console.client.AdminApiException(401, "UNAUTHORIZED", "bad key", null)));
    }

    @Test
    void profilesKeepTheKeyOnlyWhenAsked() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        ConnectionViewModel vm = new ConnectionViewModel(Ctx.direct(new Session()), store, dir.resolve("l"));
        vm.nameProperty().set("Prod");
        vm.urlProperty().set("https://admin.example.com");
        vm.adminKeyProperty().set("secret-admin-key");
        vm.saveProfile();
        assertFalse(Files.readString(store.file()).contains("secret-admin-key"));
        assertNull(store.load().get(0).adminKey());
        vm.saveKeyProperty().set(true);
        vm.saveProfile();
        assertEquals(1, store.load().size(), "same name replaces");
        assertEquals("secret-admin-key", store.load().get(0).adminKey());
        assertFalse(new ConnectionViewModel(Ctx.direct(new Session()), store, dir.resolve("l")).firstStart());
    }

    @Test
    void localModeStartsAnEmbeddedServerAndConnects() {
        Session session = new Session();
        ConnectionViewModel vm = new ConnectionViewModel(Ctx.direct(session), new ProfileStore(dir), dir.resolve("local"));
        try {
            vm.startLocal();
            assertNotNull(session.clientProperty().get(), vm.errorProperty().get());
            assertTrue(session.clientProperty().get().baseUrl().startsWith("http://127.0.0.1:"));
            assertEquals(0, session.client().listTenants(java.util.Map.of()).tenants().size());
            assertTrue(Files.exists(dir.resolve("local").resolve("cycles-admin.db")));
            assertTrue(vm.profiles().stream().anyMatch(Profile::isLocal));
        } finally {
            vm.shutdown();
        }
    }

    @Test
    void resumingAProfileWithoutASavedKeyPrefillsItAndAsksForTheKey() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        store.save(java.util.List.of(new Profile("Prod", "https://admin.example.com", "#cf222e", null)));
        Session session = new Session();
        ConnectionViewModel vm = new ConnectionViewModel(Ctx.direct(session), store, dir.resolve("l"));
        assertTrue(vm.resume("Prod", "https://admin.example.com"), "the key has to be asked for");
        assertEquals("Prod", vm.nameProperty().get());
        assertEquals("https://admin.example.com", vm.urlProperty().get());
        assertEquals("#cf222e", vm.colourProperty().get());
        assertEquals("", vm.adminKeyProperty().get());
        assertNull(session.clientProperty().get(), "nothing connects without the key");
        // an unsaved connection: the URL alone
        ConnectionViewModel other = new ConnectionViewModel(Ctx.direct(new Session()), store, dir.resolve("l"));
        assertTrue(other.resume("", "http://10.0.0.5:7979"));
        assertEquals("http://10.0.0.5:7979", other.urlProperty().get());
        assertFalse(other.resume("", ""), "nothing remembered: nothing to resume");
    }

    @Test
    void disconnectForgetsTheSessionAndAnUnsavedKey() throws Exception {
        try (TestServer server = new TestServer(dir.resolve("srv"))) {
            Session session = new Session();
            ConnectionViewModel vm = new ConnectionViewModel(Ctx.direct(session), new ProfileStore(dir.resolve("c")), dir.resolve("l"));
            vm.urlProperty().set(server.url());
            vm.adminKeyProperty().set(TestServer.ADMIN_KEY);
            vm.connect();
            assertEquals("admin", session.accessProperty().get().authType(), "introspect kept for the capability gating");
            vm.disconnect();
            assertNull(session.clientProperty().get());
            assertNull(session.accessProperty().get());
            assertEquals("Not connected", session.labelProperty().get());
            assertEquals("", vm.adminKeyProperty().get());
            assertTrue(vm.resultProperty().get().startsWith("Disconnected from"), vm.resultProperty().get());
        }
    }
}
