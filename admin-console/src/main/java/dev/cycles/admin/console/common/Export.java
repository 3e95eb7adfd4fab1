package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminClient;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What an export needs from a list screen (no JavaFX here): how to fetch every page of the
 * current server query, which loaded rows the screen would show, and the CSV columns. JSON
 * exports write the wire objects as the API spells them.
 */
public final class Export {

    private Export() {
    }

    public enum Format {
        CSV("csv"), JSON("json");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** One CSV column: a header and the cell text of a row (null writes an empty cell). */
    public record Column<T>(String header, Function<T, Object> value) {
    }

    /** One page of a list answer. */
    public record Page<T>(List<T> items, String nextCursor, boolean hasMore) {
    }

    /** Fetches the page after {@code cursor} (null: the first page). Blocking. */
    public interface Pager<T> {
        Page<T> fetch(String cursor);

        /** Pages of one list query: {@code fetch} gets a copy of {@code query} plus the cursor of the page it wants. */
        static <T> Pager<T> over(Map<String, String> query, Function<Map<String, String>, Page<T>> fetch) {
            return cursor -> {
                Map<String, String> page = new LinkedHashMap<>(query);
                if (cursor != null) {
                    page.put("cursor", cursor);
                }
                return fetch.apply(page);
            };
        }
    }

    /** A list screen's export: name (for the file), pages, the screen's local filter, columns. */
    public record Spec<T>(String name, Pager<T> pager, Predicate<T> keep, List<Column<T>> columns) {
    }

    /**
     * A CSV cell: every cell starting with =, +, - or @ (also tab and carriage return) gets a
     * leading apostrophe, as OWASP's CSV-injection advice says, so no spreadsheet ever runs it as
     * a formula. That includes negative numbers (-42 becomes '-42): the JSON export keeps them
     * numeric. Cells with commas, quotes or line breaks are quoted.
     */
    public static String csvCell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    public static <T> void writeCsvHeader(Writer w, List<Column<T>> columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            w.write((i == 0 ? "" : ",") + csvCell(columns.get(i).header()));
        }
        w.write("\r\n");
    }

    public static <T> void writeCsvRow(Writer w, List<Column<T>> columns, T row) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            w.write((i == 0 ? "" : ",") + csvCell(columns.get(i).value().apply(row)));
        }
        w.write("\r\n");
    }

    /** A row as one line of pretty JSON (snake_case, as the API spells it). */
    public static String json(Object row) throws IOException {
        return AdminClient.mapper().writeValueAsString(row);
    }
}
