package dev.cycles.admin.server.bench;

import com.sun.net.httpserver.HttpServer;
import dev.cycles.admin.server.AdminServer;
import dev.cycles.admin.server.Config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook delivery benchmark (not a test): a receiver on loopback answers 200; N tenant changes
 * each produce one event and one delivery; reports deliveries per second from the first change
 * to the last delivery received, and the latency of the changes themselves (delivery must not slow
 * them). Run with admin-server/bench/delivery-bench.sh [events].
 */
public final class DeliveryBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path dir = Files.createTempDirectory("delivery-bench");
        AdminServer server = AdminServer.start(new Config(AuditBench.KEY, 0, "127.0.0.1", dir).withAuthFailureLimit(1_000_000));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();
        try {
            send(http, "PUT", base + "/v1/admin/config/webhook-security",
                    "{\"blocked_cidr_ranges\":[\"10.0.0.0/8\"],\"allowed_url_patterns\":[],\"allow_http\":true}");
            send(http, "POST", base + "/v1/admin/tenants", "{\"tenant_id\":\"bench-co\",\"name\":\"B\"}");
            send(http, "POST", base + "/v1/admin/webhooks?tenant_id=bench-co", "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\",\"event_types\":[\"tenant.updated\"]}");
            double[] ms = new double[n];
            long began = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                send(http, "PATCH", base + "/v1/admin/tenants/bench-co", "{\"name\":\"B" + i + "\"}");
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            double produced = (System.nanoTime() - began) / 1e9;
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (received.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double total = (System.nanoTime() - began) / 1e9;
            Arrays.sort(ms);
            System.out.printf("%,d changes in %.2f s (p50 %.2f ms, p99 %.2f ms each); %,d deliveries received in %.2f s: %.0f deliveries/s%n",
                    n, produced, AuditBench.pct(ms, 50), AuditBench.pct(ms, 99), received.get(), total, received.get() / total);
        } finally {
            server.close();
            receiver.stop(0);
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void send(HttpClient http, String method, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Admin-API-Key", AuditBench.KEY)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
    }
}
