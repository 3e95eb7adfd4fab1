package dev.cycles.admin.server;

import dev.cycles.admin.model.Json;
import dev.cycles.admin.server.log.Logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run behind the class-data-sharing archive the build leaves beside the jar
 * ({@code cycles-admin-server.jsa}). Run as
 * {@code java -XX:ArchiveClassesAtExit=cycles-admin-server.jsa -cp cycles-admin-server.jar dev.cycles.admin.server.StartupArchive},
 * it starts a server the way {@code main} does, on a throwaway folder and free ports, sends the
 * calls operators and agents send first, and stops. The JVM then writes every class it loaded,
 * already parsed and verified, to the archive; a server started with
 * {@code -XX:SharedArchiveFile=cycles-admin-server.jsa} maps them instead of loading them from
 * the jar, which roughly halves its start-up. A JVM that cannot use the archive (another JDK, a
 * rebuilt jar) ignores it and starts as before.
 */
public final class StartupArchive {
    private static final String KEY = "class-data-training-key";
    private static final Pattern SECRET = Pattern.compile("\"key_secret\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern RESERVATION = Pattern.compile("\"reservation_id\"\\s*:\\s*\"([^\"]+)\"");

    private StartupArchive() {
    }

    public static void main(String[] args) throws Exception {
        Thread warm = new Thread(Json::mapper, "warm-json");
        warm.setDaemon(true);
        warm.start();
        Path dir = Files.createTempDirectory("cycles-class-data-");
        try {
            Config config = Config.from(Map.of("ADMIN_API_KEY", KEY, "PORT", "0", "RUNTIME_PORT", "0",
                    "DATA_DIR", dir.toString()), new String[0]);
            Logs.use(config.logFormat());
            try (AdminServer server = AdminServer.start(config)) {
                new StartupBanner(AdminServer.VERSION, config, server.port(), server.runtimePort(), server.adminKey()).lines();
                exercise("http://127.0.0.1:" + server.port(), "http://127.0.0.1:" + server.runtimePort());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The first calls of a new install: health, a tenant, a key, a budget, funding, lists, a reservation. */
    private static void exercise(String admin, String runtime) throws IOException {
        call("GET", admin + "/health", null, null);
        call("POST", admin + "/v1/admin/tenants", KEY, "{\"tenant_id\":\"acme\",\"name\":\"Acme\"}");
        call("GET", admin + "/v1/admin/tenants/acme", KEY, null);
        call("GET", admin + "/v1/admin/tenants", KEY, null);
        String created = call("POST", admin + "/v1/admin/api-keys", KEY,
                "{\"tenant_id\":\"acme\",\"name\":\"agent\",\"permissions\":[\"reservations:create\",\"reservations:commit\",\"budgets:read\"]}");
        call("POST", admin + "/v1/admin/budgets", KEY,
                "{\"tenant_id\":\"acme\",\"scope\":\"tenant:acme\",\"unit\":\"TOKENS\",\"allocated\":1000000}");
        call("POST", admin + "/v1/admin/budgets/fund?scope=tenant:acme&unit=TOKENS", KEY,
                "{\"operation\":\"CREDIT\",\"amount\":1,\"idempotency_key\":\"training-1\"}");
        call("GET", admin + "/v1/admin/budgets?tenant_id=acme", KEY, null);
        call("GET", admin + "/v1/admin/audit/logs?tenant_id=acme&limit=50", KEY, null);
        call("GET", admin + "/v1/admin/events?limit=50", KEY, null);
        call("GET", admin + "/v1/admin/overview", KEY, null);
        call("GET", admin + "/v1/admin/tenants/nobody", KEY, null);
        Matcher secret = SECRET.matcher(created);
        if (secret.find()) {
            String tenantKey = secret.group(1);
            String held = call("POST", runtime + "/v1/reservations", "tenant:" + tenantKey,
                    "{\"idempotency_key\":\"training-r1\",\"subject\":{\"tenant\":\"acme\"},"
                            + "\"action\":{\"kind\":\"llm.completion\",\"name\":\"gpt-4o\"},"
                            + "\"estimate\":{\"unit\":\"TOKENS\",\"amount\":100},\"ttl_ms\":60000}");
            Matcher reservation = RESERVATION.matcher(held);
            if (reservation.find()) {
                call("POST", runtime + "/v1/reservations/" + reservation.group(1) + "/commit", "tenant:" + tenantKey,
                        "{\"idempotency_key\":\"training-c1\",\"actual\":{\"unit\":\"TOKENS\",\"amount\":80}}");
            }
            call("GET", runtime + "/v1/balances?tenant=acme", "tenant:" + tenantKey, null);
        }
    }

    /** One request; {@code key} is the admin key, or {@code tenant:SECRET} for a tenant key. Returns the body. */
    private static String call(String method, String url, String key, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        if (key != null && key.startsWith("tenant:")) {
            c.setRequestProperty("X-Cycles-API-Key", key.substring("tenant:".length()));
        } else if (key != null) {
            c.setRequestProperty("X-Admin-API-Key", key);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
