package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Wraps the console's {@link Async} so a successful call tells the status line: an old error on
 * that screen (or an old connection error anywhere) then clears, instead of sitting beside later
 * successes. See {@link StatusModel#succeeded}.
 */
public final class ClearingAsync implements Async {
    private final Async inner;
    private final StatusModel status;
    private final Session session;

    public ClearingAsync(Async inner, StatusModel status) {
        this(inner, status, null);
    }

    /** Also keeps {@link Session#problemProperty()}: set by a call that could not reach the server, cleared by one that did. */
    public ClearingAsync(Async inner, StatusModel status, Session session) {
        this.inner = inner;
        this.status = status;
        this.session = session;
    }

    @Override
    public <T> void run(String what, Supplier<T> work, Consumer<T> onSuccess, Consumer<AdminApiException> onError) {
        String screen = status.screen();
        int errorsAtStart = status.errorCount();
        inner.run(what, work, result -> {
            status.succeeded(screen, errorsAtStart);
            if (session != null) {
                session.problemProperty().set(null);
            }
            onSuccess.accept(result);
        }, e -> {
            if (session != null && "CONNECTION_FAILED".equals(e.code()) && session.clientProperty().get() != null) {
                session.problemProperty().set(e);
            }
            onError.accept(e);
        });
    }
}
