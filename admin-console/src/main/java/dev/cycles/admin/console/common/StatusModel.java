package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status line: what happened last, and the last error with its code and request id. An error
 * shown stays until an action started after it succeeds on the screen where it happened (or,
 * for a connection error, anywhere: the connection is back), until Dismiss, or a manual refresh.
 */
public final class StatusModel {
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorCode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper requestId = new ReadOnlyStringWrapper("");
    /** The server's message as it came, when the shown one had its amounts rewritten (else empty). */
    private final ReadOnlyStringWrapper rawMessage = new ReadOnlyStringWrapper("");
    /** Failures so far: the refresh tracker compares counts to tell whether a refresh failed. */
    private int errorCount;
    private AdminApiException lastError;
    /** The visible screen (set by the window), and where the shown error happened. */
    private String screen = "";
    private String errorScreen = "";
    /** {@link #errorCount} when the shown error was recorded (0: none shown). */
    private int shownErrorNumber;

    public void info(String text) {
        message.set(text);
    }

    /** Records a failure of {@code action} (what the user did). */
    public void error(String action, AdminApiException e) {
        error(action, e, null);
    }

    /**
     * Records a failure of an action on amounts in {@code unit}: raw amounts in the server's
     * message are shown as the console shows amounts ({@link Amounts#inMessage}); the raw message
     * stays in {@link #rawMessageProperty()} (tooltip) and in {@link #errorText()} (Copy).
     */
    public void error(String action, AdminApiException e, dev.cycles.admin.model.UnitEnum unit) {
        errorCount++;
        lastError = e;
        errorCode.set(e.code() == null ? "" : e.code());
        String shown = Amounts.inMessage(e.getMessage(), unit);
        errorMessage.set(action + " failed: " + shown);
        rawMessage.set(shown != null && !shown.equals(e.getMessage()) ? e.getMessage() : "");
        requestId.set(e.requestId() == null ? "" : e.requestId());
        message.set("");
        errorScreen = screen;
        shownErrorNumber = errorCount;
    }

    /** The window tells which screen is visible; errors are remembered with it. */
    public void setScreen(String name) {
        screen = name == null ? "" : name;
    }

    public String screen() {
        return screen;
    }

    /** True for errors that say the server could not be reached (they clear once any call gets through). */
    public static boolean isConnectionError(AdminApiException e) {
        return e != null && ("CONNECTION_FAILED".equals(e.code()) || "NOT_CONNECTED".equals(e.code()));
    }

    /**
     * A call succeeded that started on {@code startedOn} when {@code errorsAtStart} failures had
     * been recorded. It clears the shown error if that error is older than the call, and either
     * happened on the same screen or was a connection error. A failure recorded while the call was
     * running is left alone: it belongs to the same action, or to a later one.
     */
    public void succeeded(String startedOn, int errorsAtStart) {
        if (errorCode.get().isEmpty() || shownErrorNumber > errorsAtStart) {
            return;
        }
        if (isConnectionError(lastError) || errorScreen.equals(startedOn)) {
            clearError();
        }
    }

    /** How many failures were recorded since the console started. */
    public int errorCount() {
        return errorCount;
    }

    /** The most recent failure (null before the first). */
    public AdminApiException lastError() {
        return lastError;
    }

    public void clearError() {
        shownErrorNumber = 0;
        errorCode.set("");
        errorMessage.set("");
        requestId.set("");
        rawMessage.set("");
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorCodeProperty() {
        return errorCode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rawMessageProperty() {
        return rawMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty requestIdProperty() {
        return requestId.getReadOnlyProperty();
    }

    /** Code, message and request id on one line, as the Copy button puts it on the clipboard. */
    public String errorText() {
        if (errorCode.get().isEmpty()) {
            return "";
        }
        return errorCode.get() + ": " + errorMessage.get()
                + (rawMessage.get().isEmpty() ? "" : " [server: " + rawMessage.get() + "]")
                + (requestId.get().isEmpty() ? "" : " (request_id " + requestId.get() + ")");
    }
}
