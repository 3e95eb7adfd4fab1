package dev.cycles.admin.server.http;

import spark.utils.urldecoding.UrlDecode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a request's route with the paths split once, at start-up. Spark's own router splits every
 * registered path and the request path again for every route of the method on every request
 * (about an eighth of the CPU of a small GET with ~50 routes), so Spark only sees one catch-all
 * per method and this table picks the route. It matches as Spark did: the raw (undecoded) request
 * URI, empty segments ignored, a trailing slash only matches a route that has one, ":name"
 * segments match any segment and are URL-decoded, and the first route in table order wins.
 */
final class RouteTable {
    /** A route and the path parameters it matched, keyed by lower-case name as Spark kept them. */
    record Match(Route route, Map<String, String> params) {
        String param(String name) {
            return params.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Entry(Route route, String[] segments, boolean trailingSlash, boolean hasParams) {
    }

    private final Map<String, List<Entry>> byMethod = new HashMap<>();

    RouteTable(List<Route> routes) {
        for (Route r : routes) {
            String[] segments = segments(r.path());
            boolean hasParams = false;
            for (String s : segments) {
                hasParams |= s.startsWith(":");
            }
            byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>())
                    .add(new Entry(r, segments, r.path().endsWith("/"), hasParams));
        }
    }

    /** The first route of {@code method} whose pattern fits {@code rawPath}, or null. */
    Match find(String method, String rawPath) {
        List<Entry> entries = byMethod.get(method);
        if (entries == null || rawPath == null) {
            return null;
        }
        String[] got = null;
        boolean trailingSlash = rawPath.endsWith("/");
        for (Entry e : entries) {
            if (e.trailingSlash() != trailingSlash) {
                continue;
            }
            if (got == null) {
                got = segments(rawPath);
            }
            if (fits(e.segments(), got)) {
                return new Match(e.route(), e.hasParams() ? params(e.segments(), got) : Map.of());
            }
        }
        return null;
    }

    private static boolean fits(String[] want, String[] got) {
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].startsWith(":") && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> params(String[] want, String[] got) {
        Map<String, String> out = new HashMap<>(4);
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith(":")) {
                out.put(want[i].substring(1).toLowerCase(Locale.ROOT), UrlDecode.path(got[i]));
            }
        }
        return out;
    }

    /** The non-empty segments between slashes ("/a//b/" has two: a, b). */
    static String[] segments(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        int n = path.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }
}
