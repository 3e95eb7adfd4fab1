package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.ResourceType;

/**
 * Writes the audit row for a request its service did not audit (failures, and writes that
 * change nothing), so every write request leaves exactly one row. The resource comes from the
 * operation ({@link OperationContext#target}), {@code routeType} when it named none.
 */
@FunctionalInterface
public interface OutcomeRecorder {
    void record(OperationContext ctx, ResourceType routeType, int status, String errorCode);
}
