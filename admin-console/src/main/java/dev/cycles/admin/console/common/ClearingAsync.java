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

    public ClearingAsync(Async inner, StatusModel status) {
        this.inner = inner;
        this.status = status;
    }

    @Override
    public <T> void run(String what, Supplier<T> work, Consumer<T> onSuccess, Consumer<AdminApiException> onError) {
        String screen = status.screen();
        int errorsAtStart = status.errorCount();
        inner.run(what, work, result -> {
            status.succeeded(screen, errorsAtStart);
            onSuccess.accept(result);
        }, onError);
    }
}
