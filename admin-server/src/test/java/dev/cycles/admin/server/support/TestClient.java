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
}
