package dev.cycles.admin.server.db;

/** A database failure that is not the client's fault (surfaces as 500 INTERNAL_ERROR). */
public final class DataAccessException extends RuntimeException {
    public DataAccessException(Throwable cause) {
        super(cause);
    }
}
