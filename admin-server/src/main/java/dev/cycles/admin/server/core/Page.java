package dev.cycles.admin.server.core;

import java.util.List;

/** One page of a list, and the cursor to the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
    public boolean hasMore() {
        return nextCursor != null;
    }
}
