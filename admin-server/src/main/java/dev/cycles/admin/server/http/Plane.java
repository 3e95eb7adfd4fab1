package dev.cycles.admin.server.http;

import dev.cycles.admin.model.ErrorCode;
import dev.cycles.admin.server.core.ApiException;

import java.util.EnumSet;
import java.util.Set;

/**
 * What differs between the two listeners at the transport. The runtime plane's error envelope
 * allows only the 17 codes of the runtime spec, so admin-only codes (KEY_REVOKED,
 * INSUFFICIENT_PERMISSIONS, BUDGET_NOT_FOUND, ...) are answered with the runtime code of the same
 * status. The runtime plane audits only refused authentication: its successful mutations are
 * recorded on the reservation rows themselves (API-DECISIONS, "Runtime audit").
 */
public record Plane(String name, Set<ErrorCode> codes, boolean auditEveryWrite, boolean tenantHeader) {

    public static final Plane ADMIN = new Plane("admin", EnumSet.allOf(ErrorCode.class), true, false);

    public static final Plane RUNTIME = new Plane("runtime", EnumSet.of(
            ErrorCode.INVALID_REQUEST, ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND,
            ErrorCode.BUDGET_EXCEEDED, ErrorCode.BUDGET_FROZEN, ErrorCode.BUDGET_CLOSED, ErrorCode.RESERVATION_EXPIRED,
            ErrorCode.RESERVATION_FINALIZED, ErrorCode.IDEMPOTENCY_MISMATCH, ErrorCode.UNIT_MISMATCH,
            ErrorCode.OVERDRAFT_LIMIT_EXCEEDED, ErrorCode.DEBT_OUTSTANDING, ErrorCode.MAX_EXTENSIONS_EXCEEDED,
            ErrorCode.LIMIT_EXCEEDED, ErrorCode.TENANT_CLOSED, ErrorCode.INTERNAL_ERROR), false, true);

    /** {@code e} as this plane may say it: unchanged when its code is allowed, else the plane's code for that status. */
    public ApiException translate(ApiException e) {
        if (codes.contains(e.code())) {
            return e;
        }
        int status = e.code() == ErrorCode.TENANT_SUSPENDED || e.code() == ErrorCode.KEY_REVOKED
                || e.code() == ErrorCode.KEY_EXPIRED ? 401 : e.status();
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 429 -> ErrorCode.LIMIT_EXCEEDED;
            case 500 -> ErrorCode.INTERNAL_ERROR;
            default -> ErrorCode.INVALID_REQUEST;
        };
        return new ApiException(status, code, e.getMessage(), e.details());
    }
}
