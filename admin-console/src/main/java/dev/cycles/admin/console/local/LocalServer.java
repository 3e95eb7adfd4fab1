package dev.cycles.admin.console.local;

import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Local mode: the admin server running inside the console's own process, on a free loopback port,
 * over a SQLite file in the user's data folder. Its admin key is generated on first start and kept
 * (mode 0600) in that folder, so the same local data opens again next time.
 */
public final class LocalServer implements AutoCloseable {
    private final AdminServer server;
    private final Path dataDir;

    private LocalServer(AdminServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static LocalServer start(Path dataDir) throws IOException {
        AdminServer s = AdminServer.start(new Config(null, 0, "127.0.0.1", dataDir));
        return new LocalServer(s, dataDir);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The embedded runtime plane (it listens on its own free port). */
    public String runtimeUrl() {
        return "http://127.0.0.1:" + server.runtimePort();
    }

    public String adminKey() {
        return server.adminKey().key();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.close();
    }
}
