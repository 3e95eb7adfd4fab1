package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.server.core.PageSpec;
import dev.cycles.admin.server.core.Sha256;

import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Reads the common list parameters: cursor, limit, sort_by, sort_dir and search. */
public final class ListParams {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_SEARCH = 128;
    private static final List<String> PAGING = List.of("cursor", "limit");

    private ListParams() {
    }

    /**
     * The page requested: sort key name and direction as given (the store resolves them; an
     * unknown key is a 400 there), the limit clamped into 1..100, the cursor, and a digest of the
     * other parameters so a cursor only works with the filters and sort it was issued for.
     */
    public static PageSpec page(Call call) {
        String dir = call.query("sort_dir");
        Boolean descending = null;
        if (dir != null) {
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw ApiException.badRequest("sort_dir must be asc or desc");
            }
            descending = dir.equals("desc");
        }
        return new PageSpec(call.query("sort_by"), descending, limit(call), call.query("cursor"), filterDigest(call));
    }

    /**
     * As {@link #page}, for the runtime plane's sorted lists: the limit as {@link #strictLimit}.
     * Services bind the cursor to the filters they resolve ({@link PageSpec#withFilterDigest}).
     */
    public static PageSpec strictPage(Call call, int maxLimit) {
        PageSpec spec = page(call);
        return new PageSpec(spec.sortBy(), spec.descending(), strictLimit(call, maxLimit), spec.cursor(), spec.filterDigest());
    }

    /** The runtime plane's limit: 1..{@code maxLimit}, default 50; anything else is a 400, not clamped (as the runtime reference answers). */
    public static int strictLimit(Call call, int maxLimit) {
        Long limit = call.queryLong("limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > maxLimit) {
            throw ApiException.badRequest("limit must be between 1 and " + maxLimit);
        }
        return limit.intValue();
    }

    public static int limit(Call call) {
        Long limit = call.queryLong("limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        return (int) Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    /** The search text, or null; longer than 128 characters is a 400. */
    public static String search(Call call) {
        String s = call.query("search");
        if (s != null && s.length() > MAX_SEARCH) {
            throw ApiException.badRequest("search must be at most " + MAX_SEARCH + " characters");
        }
        return s;
    }

    /** A digest of every parameter except paging, so a cursor cannot be replayed under other filters. */
    static String filterDigest(Call call) {
        TreeMap<String, List<String>> filters = new TreeMap<>(call.queryParams());
        PAGING.forEach(filters::remove);
        return HexFormat.of().formatHex(Sha256.of(filters.toString()), 0, 8);
    }
}
