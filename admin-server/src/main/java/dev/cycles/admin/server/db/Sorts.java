package dev.cycles.admin.server.db;

import dev.cycles.admin.server.core.ApiException;

import java.util.Map;
import java.util.TreeSet;

/** The sort keys a store offers, declared once in that store, and the order used when the client names none. */
public record Sorts(Map<String, SortKey> keys, String defaultKey, boolean defaultDescending) {

    /** The same keys with another default order (an operation whose natural order differs). */
    public Sorts withDefault(String key, boolean descending) {
        return new Sorts(keys, key, descending);
    }

    /** The key named, or the default; an unknown name is a 400 that lists the choices. */
    SortKey resolve(String name) {
        SortKey key = keys.get(name == null ? defaultKey : name);
        if (key == null) {
            throw ApiException.badRequest("sort_by must be one of " + new TreeSet<>(keys.keySet()));
        }
        return key;
    }
}
