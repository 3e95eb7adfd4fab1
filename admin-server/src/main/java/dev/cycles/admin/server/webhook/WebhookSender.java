package dev.cycles.admin.server.webhook;

import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.server.core.ApiException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One signed POST to a subscriber. The URL guard runs again right before the request, and the
 * connection goes only to the addresses it approved (OkHttp's Dns hook: no second lookup that a
 * rebinding DNS server could answer differently). No proxy, no redirects followed, connect
 * timeout 3 s, read and write 5 s, the whole call at most 10 s.
 */
public final class WebhookSender {
    public static final String USER_AGENT = "cycles-admin/0.1.0";
    /** In a holder, so OkHttp's classes load with the first delivery rather than at start-up. */
    private static final class Media {
        static final MediaType JSON = MediaType.get("application/json");
    }

    /** The outcome of one attempt: the status (null when no answer came), the time taken, an error text. */
    public record Result(Integer status, long millis, String error) {
        public boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final UrlGuard guard;
    private volatile OkHttpClient base;

    public WebhookSender(UrlGuard guard) {
        this.guard = guard;
    }

    /**
     * The shared client, built on first use: building it loads the JDK's trust store and TLS
     * context, about a fifth of the server's start-up CPU, which no request before the first
     * delivery needs.
     */
    private OkHttpClient base() {
        OkHttpClient b = base;
        if (b == null) {
            synchronized (this) {
                b = base;
                if (b == null) {
                    b = build();
                    base = b;
                }
            }
        }
        return b;
    }

    private static OkHttpClient build() {
        return new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** hex HMAC-SHA256 of {@code body} with {@code secret} (UTF-8): the X-Cycles-Signature value after {@code sha256=}. */
    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    Result send(String url, WebhookSecurityConfig config, byte[] body, String secret, String eventId, String eventType,
                String traceId, String traceFlags, Map<String, String> customHeaders) {
        long started = System.nanoTime();
        UrlGuard.Target target;
        try {
            target = guard.check(url, config);
        } catch (ApiException e) {
            return new Result(null, 0, "refused by the URL guard: " + e.getMessage());
        }
        List<java.net.InetAddress> pinned = guard.connectable(target.addresses());
        OkHttpClient client = base().newBuilder().dns(host -> {
            if (pinned.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return pinned;
        }).build();
        String span = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong() | 1L);
        Request.Builder req = new Request.Builder().url(url).post(RequestBody.create(body, Media.JSON));
        if (customHeaders != null) {
            customHeaders.forEach(req::header);
        }
        req.header("Content-Type", "application/json")
                .header("X-Cycles-Event-Id", eventId)
                .header("X-Cycles-Event-Type", eventType)
                .header("X-Cycles-Signature", "sha256=" + sign(body, secret))
                .header("X-Cycles-Trace-Id", traceId)
                .header("traceparent", "00-" + traceId + "-" + span + "-" + traceFlags)
                .header("User-Agent", USER_AGENT);
        try (Response r = client.newCall(req.build()).execute()) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            boolean ok = r.code() >= 200 && r.code() < 300;
            return new Result(r.code(), ms, ok ? null : "HTTP " + r.code() + (r.isRedirect() ? " (redirects are not followed)" : ""));
        } catch (Exception e) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            String msg = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Result(null, ms, msg.length() > 500 ? msg.substring(0, 500) : msg);
        }
    }
}
