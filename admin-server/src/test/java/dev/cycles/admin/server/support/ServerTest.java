package dev.cycles.admin.server.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the HTTP test classes that share one server per class: a real server on a free
 * loopback port over a fresh database (see {@link TestServer}), started before the class and deleted after it.
 * (Test classes run one after another, so the one static field is never shared by two at once.)
 */
public abstract class ServerTest {
    protected static TestServer server;

    @BeforeAll
    static void startSharedServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopSharedServer() {
        server.close();
        server = null;
    }
}
