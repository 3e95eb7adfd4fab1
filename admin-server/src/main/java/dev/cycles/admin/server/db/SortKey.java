package dev.cycles.admin.server.db;

/**
 * A sortable column of a list: its API name, the SQL expression behind it (never null-valued),
 * and whether its values are numbers. Rows are ordered by (expression, id) so pages are stable.
 */
public record SortKey(String name, String expression, boolean numeric) {
    public static SortKey text(String name, String expression) {
        return new SortKey(name, expression, false);
    }

    public static SortKey number(String name, String expression) {
        return new SortKey(name, expression, true);
    }
}
