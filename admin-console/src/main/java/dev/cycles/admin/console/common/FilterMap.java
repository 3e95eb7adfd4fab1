package dev.cycles.admin.console.common;

import java.util.Locale;
import java.util.Map;

/**
 * A screen's filters as a flat map of strings (what drill-downs pass and saved filters store):
 * blank and unset filters are left out, so a map names only what narrows the list.
 */
public final class FilterMap {
    private FilterMap() {
    }

    public static void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value.trim());
        }
    }

    public static void put(Map<String, String> m, String key, boolean on) {
        if (on) {
            m.put(key, "true");
        }
    }

    public static void put(Map<String, String> m, String key, Enum<?> value) {
        if (value != null) {
            m.put(key, value.name());
        }
    }

    public static String text(Map<String, String> f, String key) {
        return f.getOrDefault(key, "");
    }

    public static boolean flag(Map<String, String> f, String key) {
        return Boolean.parseBoolean(f.get(key));
    }

    /** The enum constant named by the entry; null when absent, blank or no longer known (a stale saved filter). */
    public static <E extends Enum<E>> E enumOf(Class<E> type, Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
