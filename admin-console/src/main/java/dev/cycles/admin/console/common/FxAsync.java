package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs work as a {@link Task} on a small daemon pool; counts calls in flight for the busy indicator. */
public final class FxAsync implements Async {
    private final ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "console-io");
        t.setDaemon(true);
        return t;
    });
    private final IntegerProperty inFlight = new SimpleIntegerProperty(0);

    /** Calls running now; read and observed on the FX thread. */
    public IntegerProperty inFlightProperty() {
        return inFlight;
    }

    @Override
    public <T> void run(String what, Supplier<T> work, Consumer<T> onSuccess, Consumer<AdminApiException> onError) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                return work.get();
            }
        };
        task.setOnSucceeded(e -> {
            inFlight.set(inFlight.get() - 1);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            inFlight.set(inFlight.get() - 1);
            onError.accept(AdminApiException.of(task.getException()));
        });
        if (Platform.isFxApplicationThread()) {
            inFlight.set(inFlight.get() + 1);
        } else {
            Platform.runLater(() -> inFlight.set(inFlight.get() + 1));
        }
        pool.execute(task);
    }

    public void shutdown() {
        pool.shutdownNow();
    }
}
