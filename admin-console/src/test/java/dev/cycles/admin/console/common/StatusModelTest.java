package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Operator fix 3: an error clears when the next action on its screen succeeds; a connection error when a call gets through. */
class StatusModelTest {
    private static AdminApiException refused() {
        return new AdminApiException(400, "INVALID_REQUEST", "bad filter", "req-1");
    }

    private static AdminApiException down() {
        return new AdminApiException("CONNECTION_FAILED", "Cannot reach the server", null);
    }

    private static void ok(Async async) {
        async.run("ok", () -> 1, x -> { }, e -> { });
    }

    @Test
    void aSuccessOnTheSameScreenClearsOnlyOnThatScreen() {
        StatusModel s = new StatusModel();
        Async async = new ClearingAsync(Async.direct(), s);
        s.setScreen("EVENTS");
        s.error("Query events", refused());
        s.setScreen("TENANTS");
        ok(async);
        assertEquals("INVALID_REQUEST", s.errorCodeProperty().get(), "another screen's success leaves it");
        s.setScreen("EVENTS");
        ok(async);
        assertEquals("", s.errorCodeProperty().get());
        assertEquals("", s.errorMessageProperty().get());
    }

    @Test
    void aConnectionErrorClearsOnAnySuccess() {
        StatusModel s = new StatusModel();
        Async async = new ClearingAsync(Async.direct(), s);
        s.setScreen("EVENTS");
        s.error("Query events", down());
        s.setScreen("BUDGETS");
        ok(async);
        assertEquals("", s.errorCodeProperty().get());
    }

    @Test
    void aCallThatStartedBeforeTheErrorDoesNotClearIt() {
        StatusModel s = new StatusModel();
        List<Runnable> held = new ArrayList<>();
        Async later = new Async() {
            @Override
            public <T> void run(String what, Supplier<T> work, Consumer<T> onSuccess, Consumer<AdminApiException> onError) {
                held.add(() -> onSuccess.accept(work.get()));
            }
        };
        Async async = new ClearingAsync(later, s);
        s.setScreen("OVERVIEW");
        ok(async); // part of the same refresh as the failing call
        s.error("Load overview", refused());
        held.forEach(Runnable::run);
        assertEquals("INVALID_REQUEST", s.errorCodeProperty().get(), "the failure of the same action stays");
    }
}
