package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs blocking work away from the UI and hands the outcome back. The console uses
 * {@link FxAsync} (a background executor, callbacks on the FX thread); ViewModel tests use
 * {@link #direct()} so they need no FX thread at all.
 */
public interface Async {

    /** Runs {@code work}; then {@code onSuccess} or {@code onError}. Returns immediately in the console. */
    <T> void run(String what, Supplier<T> work, Consumer<T> onSuccess, Consumer<AdminApiException> onError);

    /** Runs everything on the calling thread; for tests and tools. */
    static Async direct() {
        return new Async() {
            @Override
            public <T> void run(String what, Supplier<T> work, Consumer<T> onSuccess, Consumer<AdminApiException> onError) {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    onError.accept(AdminApiException.of(e));
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }
}
