package dev.cycles.admin.model;

/**
 * One row of a bulk-action response: {@code id} always; {@code error_code} and {@code message} in
 * {@code failed[]} only; {@code reason} in {@code skipped[]} only.
 */
public record BulkActionRowOutcome(String id, String errorCode, String message, String reason) {
    /** Row error codes of the spec (an open set: clients treat unknown ones as INTERNAL_ERROR). */
    public static final String INVALID_TRANSITION = "INVALID_TRANSITION";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** Skip reasons. */
    public static final String ALREADY_IN_TARGET_STATE = "ALREADY_IN_TARGET_STATE";
    public static final String ALREADY_DELETED = "ALREADY_DELETED";

    public static BulkActionRowOutcome succeeded(String id) {
        return new BulkActionRowOutcome(id, null, null, null);
    }

    public static BulkActionRowOutcome failed(String id, String errorCode, String message) {
        return new BulkActionRowOutcome(id, errorCode, message, null);
    }

    public static BulkActionRowOutcome skipped(String id, String reason) {
        return new BulkActionRowOutcome(id, null, null, reason);
    }
}
