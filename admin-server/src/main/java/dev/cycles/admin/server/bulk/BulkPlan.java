package dev.cycles.admin.server.bulk;

import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.server.core.ResourceType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one kind of bulk action (tenants, budgets, later webhooks) supplies to {@link BulkRunner}:
 * how to find its rows with the list endpoint's filter, and how to change one row. Everything
 * else (idempotency, the count gate, the 500-row limit, per-row savepoints, outcomes, the one
 * audit row) is the runner's.
 *
 * @param <T> a matched row
 */
public interface BulkPlan<T> {

    /**
     * What the call is: the resource word of correlation ids and idempotency keys ({@code tenant},
     * {@code budget}, {@code webhook}), the action as the request spells it, the idempotency key,
     * the client's expected_count (or null), the validated request (to tell a replay from another
     * request under the same key), the tenant the one audit row is filed under (null: across
     * tenants) and the resource type.
     */
    record Call(String kind, String action, String idempotencyKey, Long expectedCount, Object payload, String auditTenantId,
                ResourceType resourceType) {
    }

    Call call();

    /** Checks inside the transaction before counting (for example: the filter's tenant exists). */
    default void precheck(Connection c) throws SQLException {
    }

    /** How many rows the filter matches now. */
    long count(Connection c) throws SQLException;

    /** The matched rows, at most {@code max}. */
    List<T> rows(Connection c, int max) throws SQLException;

    String id(T row);

    /**
     * Applies the action to one row, in its own savepoint. Returns {@link Applied#CHANGED} or a
     * skip; a thrown exception rolls the row back and is turned into a failed row by {@link #failure}.
     */
    Applied apply(Connection c, OperationContext ctx, T row, String correlationId) throws Exception;

    /** The row outcome of an expected refusal, or null when the exception is not one (then INTERNAL_ERROR). */
    RowFailure failure(Exception e);

    /** A row's successful result: changed, or skipped with the spec's reason. */
    record Applied(String skipReason) {
        public static final Applied CHANGED = new Applied(null);

        public static Applied skipped(String reason) {
            return new Applied(reason);
        }
    }

    /** A failed row's code (INVALID_TRANSITION, BUDGET_EXCEEDED, ...) and a message safe to show. */
    record RowFailure(String code, String message) {
    }
}
