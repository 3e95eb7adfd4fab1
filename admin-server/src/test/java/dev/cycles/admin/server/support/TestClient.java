package dev.cycles.admin.server.support;

/** Clients for a server this test did not start in-process (for example a child process). */
public final class TestClient {
    private final String base;
    private final java.net.http.HttpClient client = Api.newClient();

    public TestClient(String base) {
        this.base = base;
    }

    public Api admin() {
        return new Api(client, base, "X-Admin-API-Key", TestServer.ADMIN_KEY, true);
    }

    /** The runtime plane at this base URL with a tenant key. */
    public Api runtime(String secret) {
        return new Api(client, base, "X-Cycles-API-Key", secret, true, Api.Contract.RUNTIME);
    }
}
