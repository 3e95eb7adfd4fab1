package dev.cycles.admin.console.common;

import java.util.Map;

/**
 * One server-side sort choice of a list screen: what the sort box shows ({@code label}) and the
 * {@code sort_by} / {@code sort_dir} query parameters it stands for.
 */
public record SortOption(String label, String field, String direction) {

    /** Adds {@code sort_by} and {@code sort_dir} to a list query. */
    public void addTo(Map<String, String> query) {
        query.put("sort_by", field);
        query.put("sort_dir", direction);
    }

    /** The sort box shows the label. */
    @Override
    public String toString() {
        return label;
    }
}
