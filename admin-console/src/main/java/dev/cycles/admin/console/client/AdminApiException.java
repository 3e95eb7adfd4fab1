package dev.cycles.admin.console.client;

/** Every failed call: the server's error code, message and request id (or a local stand-in). */
public final class AdminApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String requestId;

    public AdminApiException(int status, String code, String message, String requestId) {
        super(message);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    public AdminApiException(String code, String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = code;
        this.requestId = null;
    }

    /** HTTP status, or 0 when the server was never reached. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    /** Wraps anything into this type, keeping an AdminApiException as it is. */
    public static AdminApiException of(Throwable t) {
        if (t instanceof AdminApiException e) {
            return e;
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new AdminApiException("CLIENT_ERROR", message, t);
    }
}
