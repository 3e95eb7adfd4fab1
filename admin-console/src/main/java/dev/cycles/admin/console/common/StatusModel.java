package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The status line: what happened last, and the last error with its code and request id. */
public final class StatusModel {
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorCode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper requestId = new ReadOnlyStringWrapper("");
    /** Failures so far: the refresh tracker compares counts to tell whether a refresh failed. */
    private int errorCount;
    private AdminApiException lastError;

    public void info(String text) {
        message.set(text);
    }

    /** Records a failure of {@code action} (what the user did). */
    public void error(String action, AdminApiException e) {
        errorCount++;
        lastError = e;
        errorCode.set(e.code() == null ? "" : e.code());
        errorMessage.set(action + " failed: " + e.getMessage());
        requestId.set(e.requestId() == null ? "" : e.requestId());
        message.set("");
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
        errorCode.set("");
        errorMessage.set("");
        requestId.set("");
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

    public ReadOnlyStringProperty requestIdProperty() {
        return requestId.getReadOnlyProperty();
    }

    /** Code, message and request id on one line, as the Copy button puts it on the clipboard. */
    public String errorText() {
        if (errorCode.get().isEmpty()) {
            return "";
        }
        return errorCode.get() + ": " + errorMessage.get()
                + (requestId.get().isEmpty() ? "" : " (request_id " + requestId.get() + ")");
    }
}
