package dev.cycles.admin.console;

import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;

import java.io.IOException;
import java.nio.file.Path;

/** A real admin server on a free port over a temp folder, plus a client to assert its state. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_KEY = "test-admin-key";
    private final AdminServer server;

    public TestServer(Path dir) throws IOException {
        this(dir, 0);
    }

    /** On a given admin port: a server started again over the same folder answers where the old one did. */
    public TestServer(Path dir, int port) throws IOException {
        server = AdminServer.start(new Config(ADMIN_KEY, port, "127.0.0.1", dir));
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The runtime plane (reservations), on its own free port. */
    public String runtimeUrl() {
        return "http://127.0.0.1:" + server.runtimePort();
    }

    /** The running server (its database, for state only the runtime plane could produce). */
    public AdminServer server() {
        return server;
    }

    public AdminClient client() {
        return new AdminClient(url(), ADMIN_KEY);
    }

    @Override
    public void close() {
        server.close();
    }
}
