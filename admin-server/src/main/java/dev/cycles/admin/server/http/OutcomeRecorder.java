package dev.cycles.admin.server.http;

/**
 * Writes the audit row for a write request whose service did not (failures, and writes that
 * change nothing), so every write request leaves exactly one row.
 */
@FunctionalInterface
public interface OutcomeRecorder {
    void record(RequestContext ctx, Route route, String resourceId, int status, String errorCode);
}
