package dev.cycles.admin.server.core;

import dev.cycles.admin.model.ErrorCode;

import java.util.Map;

/** A client-facing failure: the HTTP status, the spec's error code and a message a person can act on. */
public class ApiException extends RuntimeException {
    private final int status;
    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public ApiException(int status, ErrorCode code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCode.INVALID_REQUEST, message);
    }

    public static ApiException notFound(ErrorCode code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(ErrorCode code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException forbidden(ErrorCode code, String message) {
        return new ApiException(403, code, message);
    }
}
