package dev.cycles.admin.server.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** AND-composed WHERE clause with its parameters, built up filter by filter. */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public Where and(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    /** Adds the condition only when {@code value} is present. */
    public Where andIf(Object value, String condition) {
        if (value != null) {
            and(condition, value);
        }
        return this;
    }

    public Where andIn(String column, Collection<?> values) {
        if (values != null && !values.isEmpty()) {
            and(column + " IN (" + String.join(",", java.util.Collections.nCopies(values.size(), "?")) + ")",
                    values.toArray());
        }
        return this;
    }

    /** Case-insensitive substring match over any of {@code columns}. */
    public Where search(String text, String... columns) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<String> ors = new ArrayList<>();
        for (String col : columns) {
            ors.add("LOWER(" + col + ") LIKE ? ESCAPE '\\'");
            params.add(pattern);
        }
        conditions.add("(" + String.join(" OR ", ors) + ")");
        return this;
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public List<Object> params() {
        return params;
    }

    public Where copy() {
        Where w = new Where();
        w.conditions.addAll(conditions);
        w.params.addAll(params);
        return w;
    }
}
