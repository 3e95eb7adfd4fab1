package dev.cycles.admin.server.core;

/**
 * The paging a client asked for, before any store has looked at it: the sort key by name (null
 * for the operation's default), the direction (null for the default), the page size, the cursor
 * and a digest of the other filters (a cursor only works under the filters it was issued for).
 */
public record PageSpec(String sortBy, Boolean descending, int limit, String cursor, String filterDigest) {

    /** The first page of everything, in the default order (for exports and internal callers). */
    public static PageSpec first(int limit) {
        return new PageSpec(null, null, limit, null, "");
    }

    /** The same page bound to {@code digest}: a service that resolves the effective filters binds the cursor to those. */
    public PageSpec withFilterDigest(String digest) {
        return new PageSpec(sortBy, descending, limit, cursor, digest);
    }
}
