package dev.cycles.admin.server.webhook;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.model.WebhookSecurityConfig;
import dev.cycles.admin.server.core.ApiException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a webhook may point (SSRF guard), checked on every create and update and again before
 * every delivery, against the addresses the delivery then connects to:
 * <ul>
 *   <li>http or https only; https unless the security config allows http; no user:password@;</li>
 *   <li>the host is resolved and refused when ANY address lies in a configured blocked range or
 *       in a range that is always blocked (any-local 0.0.0.0/8 and ::, link-local 169.254.0.0/16
 *       with the cloud metadata address and fe80::/10, multicast, broadcast). IPv4-mapped,
 *       -compatible and NAT64 IPv6 forms are checked as the IPv4 address they carry; numeric
 *       hosts in decimal, hex or octal notation (http://2130706433/) are checked as the address a
 *       C resolver would read as well as the one Java reads;</li>
 *   <li>if allowed_url_patterns is not empty, the URL must match one of its globs ({@code *} any
 *       run of characters, {@code ?} one);</li>
 *   <li>a host that does not resolve is refused.</li>
 * </ul>
 * Loopback, private and unique-local ranges are blocked by the default configuration
 * ({@link WebhookSecurityConfig#DEFAULT_BLOCKED}); an operator may remove them for a development
 * receiver. Every refusal is a 400 {@code WEBHOOK_URL_INVALID}.
 */
public final class UrlGuard {

    /** Name resolution, injectable so tests can give names addresses without DNS. */
    @FunctionalInterface
    public interface AddressResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        /**
         * Whether a delivery may open a connection to {@code address} at all. Always, in a real
         * server; a test's resolver answers true for loopback only, so names it maps to public
         * addresses (to exercise the guard) are never actually contacted.
         */
        default boolean mayConnect(InetAddress address) {
            return true;
        }

        AddressResolver SYSTEM = InetAddress::getAllByName;
    }

    /** A checked URL and the addresses a delivery may connect to. */
    public record Target(URI uri, List<InetAddress> addresses) {
    }

    static final int MAX_URL = 2048;
    private static final List<Cidr> ALWAYS_BLOCKED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("fe80::/10"), Cidr.parse("ff00::/8"));
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9][0-9a-fA-FxX.]*");

    private final AddressResolver resolver;

    public UrlGuard(AddressResolver resolver) {
        this.resolver = resolver;
    }

    /** The approved addresses a delivery may actually connect to (see {@link AddressResolver#mayConnect}). */
    List<InetAddress> connectable(List<InetAddress> approved) {
        return approved.stream().filter(resolver::mayConnect).toList();
    }

    /** The security config's CIDR texts as ranges; a malformed one is a 400 naming it. */
    static List<Cidr> ranges(List<String> texts) {
        List<Cidr> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Field 'blocked_cidr_ranges': " + e.getMessage());
            }
        }
        return out;
    }

    /** Checks {@code url} under {@code config}; a refusal is a 400 WEBHOOK_URL_INVALID saying why. */
    public Target check(String url, WebhookSecurityConfig config) {
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && Boolean.TRUE.equals(config.allowHttp()))) {
            throw invalid(scheme.equals("http") ? "Webhook URL must use https (allow_http is off in the webhook security config)"
                    : "Webhook URL must use http or https");
        }
        List<String> patterns = config.allowedUrlPatterns() == null ? List.of() : config.allowedUrlPatterns();
        if (!patterns.isEmpty() && patterns.stream().noneMatch(p -> glob(p, url))) {
            throw invalid("Webhook URL matches none of the allowed_url_patterns of the webhook security config");
        }
        List<InetAddress> addresses = resolve(uri.getHost());
        List<Cidr> blocked = new ArrayList<>(ALWAYS_BLOCKED);
        for (String t : config.blockedCidrRanges() == null ? List.<String>of() : config.blockedCidrRanges()) {
            try {
                blocked.add(Cidr.parse(t));
            } catch (IllegalArgumentException ignored) {
                // never stored: PUT refuses malformed ranges
            }
        }
        for (InetAddress a : addresses) {
            InetAddress effective = unwrap(a);
            for (Cidr c : blocked) {
                if (c.contains(effective) || c.contains(a)) {
                    throw invalid("Webhook URL host resolves to " + effective.getHostAddress() + ", inside the blocked range " + c.text());
                }
            }
        }
        return new Target(uri, addresses);
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("Field 'url' is required");
        }
        if (url.length() > MAX_URL) {
            throw ApiException.badRequest("Field 'url' must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("Webhook URL is not a valid URI");
        }
        if (!uri.isAbsolute() || uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("Webhook URL must be absolute with a host (https://host/path)");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("Webhook URL must not carry user:password@; send credentials in headers (stored encrypted)");
        }
        return uri;
    }

    private List<InetAddress> resolve(String rawHost) {
        String host = rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        Set<InetAddress> out = new LinkedHashSet<>();
        if (NUMERIC_HOST.matcher(host).matches()) {
            InetAddress c = inetAton(host);
            if (c != null) {
                out.add(c);
            }
        }
        try {
            out.addAll(Arrays.asList(resolver.resolve(host)));
        } catch (UnknownHostException | SecurityException e) {
            if (out.isEmpty()) {
                throw invalid("Webhook URL host '" + host + "' does not resolve");
            }
        }
        if (out.isEmpty()) {
            throw invalid("Webhook URL host '" + host + "' does not resolve");
        }
        return new ArrayList<>(out);
    }

    /** The IPv4 address a C resolver reads in 1 to 4 parts of decimal, 0x-hex or 0-octal (inet_aton), or null. */
    static InetAddress inetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            try {
                if (p.isEmpty()) {
                    return null;
                } else if (p.startsWith("0x")) {
                    v[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    v[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    v[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        long value = 0;
        int n = parts.length;
        for (int i = 0; i < n - 1; i++) {
            if (v[i] > 255) {
                return null;
            }
            value |= v[i] << (8 * (3 - i));
        }
        long last = v[n - 1];
        if (last >= (1L << (8 * (5 - n)))) {
            return null;
        }
        value |= last;
        try {
            return InetAddress.getByAddress(new byte[]{(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The IPv4 address an IPv4-mapped, -compatible or NAT64 (64:ff9b::/96) IPv6 address carries, else the address. */
    static InetAddress unwrap(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a;
        }
        byte[] b = a.getAddress();
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            try {
                return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                return a;
            }
        }
        return a;
    }

    /** Glob match ({@code *} any run, {@code ?} one character), case-insensitive, without regular expressions (no backtracking blow-up). */
    static boolean glob(String pattern, String text) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String t = text.toLowerCase(Locale.ROOT);
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, ErrorCode.WEBHOOK_URL_INVALID, message);
    }
}
