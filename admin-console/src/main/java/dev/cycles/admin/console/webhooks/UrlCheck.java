package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.webhook.UrlGuard;

import java.net.InetAddress;
import java.util.stream.Collectors;

/**
 * The server's own URL guard ({@link UrlGuard}, the console depends on admin-server) run in the
 * console with the security config read from the server, so the operator sees before saving
 * whether the URL would be accepted and, if not, the server's own reason. The one difference: the
 * host is resolved by this machine's DNS, which may differ from the server's; so a name that does
 * not resolve here is only a warning, and the server checks again on save either way.
 */
public final class UrlCheck {
    /** The guard's answer: accepted (with the addresses), refused (with the reason), or only a DNS doubt. */
    public record Verdict(boolean accepted, boolean blocking, String text) {
        static final Verdict NONE = new Verdict(false, false, "");
    }

    private final UrlGuard guard;

    public UrlCheck(UrlGuard.AddressResolver resolver) {
        this.guard = new UrlGuard(resolver);
    }

    /** The system resolver, as the server uses it. */
    public static UrlCheck system() {
        return new UrlCheck(UrlGuard.AddressResolver.SYSTEM);
    }

    /** Blocking (it may resolve a name): call it off the FX thread. */
    public Verdict check(String url, WebhookSecurityConfig config) {
        if (url == null || url.isBlank()) {
            return Verdict.NONE;
        }
        try {
            UrlGuard.Target t = guard.check(url.trim(), config);
            String to = t.addresses().stream().map(InetAddress::getHostAddress).distinct().collect(Collectors.joining(", "));
            return new Verdict(true, false, "Accepted by the URL guard: " + t.uri().getHost() + " resolves to " + to);
        } catch (ApiException e) {
            boolean dns = e.getMessage().endsWith("does not resolve");
            return new Verdict(false, !dns, dns ? e.getMessage() + " here; the server resolves it again on save" : "Refused: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Verdict(false, true, "Refused: " + e.getMessage());
        }
    }
}
