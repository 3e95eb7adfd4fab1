package dev.cycles.admin.server.db;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.core.ApiException;

import java.sql.SQLException;

/**
 * PostgreSQL refuses some values SQLite takes (text holding U+0000, an integer past 64 bits in an
 * expression) and reports a unique key taken as an error of its own. Requests are checked before
 * they get here; should one still reach the database, the client gets the 400 or 409 it has
 * earned instead of a 500.
 */
final class PostgresErrors {
    private PostgresErrors() {
    }

    /** {@code e} as the client's error when PostgreSQL refused a value or a duplicate; else {@code e} itself. */
    static RuntimeException translate(RuntimeException e) {
        String state = sqlState(e);
        if (state == null) {
            return e;
        }
        return switch (state) {
            case "23505" -> ApiException.conflict(ErrorCode.DUPLICATE_RESOURCE, "A resource with the same identity already exists");
            case "22021", "22P05" -> ApiException.badRequest("Text may not contain the NUL character (U+0000)");
            case "22003" -> ApiException.badRequest("A number is outside the 64-bit integer range");
            default -> e;
        };
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
