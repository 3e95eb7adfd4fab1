package dev.cycles.admin.console.shell;

import dev.cycles.admin.console.client.AdminApiException;
import dev.cycles.admin.console.common.StatusModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.time.LocalTime;
import java.util.function.Supplier;

/**
 * The header's "Updated HH:MM:SS" and the auto-refresh timer. The stamp is the last refresh that
 * SUCCEEDED: a failed one leaves it and marks the screen stale, so old data never looks fresh.
 * While refreshes fail the timer backs off (doubling, up to five minutes) instead of hammering a
 * server that is down; a 401 stops it and asks for the key, since polling with a rejected key
 * only fills the server's audit log and its failure throttle.
 */
public final class RefreshTracker {
    static final Duration MAX_DELAY = Duration.ofMinutes(5);

    private final StatusModel status;
    private final Supplier<LocalTime> now;
    private final StringProperty stamp = new SimpleStringProperty("");
    private final BooleanProperty stale = new SimpleBooleanProperty(false);
    /** Why the data is stale and what happens next, for the stamp's tooltip (the header has little room). */
    private final StringProperty why = new SimpleStringProperty("");
    private final Timeline timer = new Timeline();
    private Duration interval = Duration.ofSeconds(30);
    private Duration delay = interval;
    private boolean enabled;
    private boolean keyRejected;
    private boolean awaiting;
    private int errorsAtStart;
    private LocalTime lastSuccess;
    private Runnable tick = () -> { };
    private Runnable onUnauthorized = () -> { };
    private java.util.function.BooleanSupplier connected = () -> true;

    public RefreshTracker(StatusModel status, Supplier<LocalTime> now) {
        this.status = status;
        this.now = now;
    }

    /** What a timer tick does (the window refreshes the visible screen when it may). */
    void setTick(Runnable r) {
        tick = r;
    }

    /** Whether a session exists; without one the timer does not run at all. */
    void setConnected(java.util.function.BooleanSupplier c) {
        connected = c;
    }

    /** Whether the automatic refresh timer is waiting to fire. */
    public boolean timerRunning() {
        return timer.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    /** What a 401 does: the window asks for the admin key again. */
    public void setOnUnauthorized(Runnable r) {
        onUnauthorized = r;
    }

    void setInterval(Duration d) {
        interval = d;
        delay = d;
        schedule();
    }

    void setEnabled(boolean on) {
        enabled = on;
        schedule();
    }

    /** A refresh starts: failures recorded from now on count against it. */
    void begin() {
        awaiting = true;
        errorsAtStart = status.errorCount();
    }

    /** Every call of the refresh has answered (the busy count fell to zero). */
    void finished() {
        if (!awaiting) {
            return;
        }
        awaiting = false;
        if (status.errorCount() > errorsAtStart) {
            failed(status.lastError());
        } else {
            succeeded();
        }
        schedule();
    }

    private void succeeded() {
        lastSuccess = now.get().withNano(0);
        delay = interval;
        stale.set(false);
        stamp.set("Updated " + lastSuccess);
        why.set("Last successful refresh at " + lastSuccess);
    }

    private void failed(AdminApiException e) {
        stale.set(true);
        stamp.set(lastSuccess == null ? "Stale · never updated" : "Stale · updated " + lastSuccess);
        String failure = e == null ? "The last refresh failed" : "The last refresh failed: " + e.code() + " " + e.getMessage();
        if (e != null && e.status() == 401) {
            keyRejected = true;
            why.set(failure + ". Automatic refresh is paused until the admin key is entered again.");
            onUnauthorized.run();
            return;
        }
        Duration doubled = delay.multipliedBy(2);
        delay = doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
        why.set(failure + (enabled ? ". Next automatic try in " + delay.toSeconds() + " s." : "."));
    }

    /** A new key (or connection) was accepted: polling starts again at the normal pace. */
    void reconnected() {
        keyRejected = false;
        delay = interval;
        schedule();
    }

    /** The session was closed (Disconnect): no automatic refresh until the next connection. */
    void disconnected() {
        timer.stop();
        awaiting = false;
        stale.set(false);
        stamp.set("");
        why.set("");
        lastSuccess = null;
    }

    private void schedule() {
        timer.stop();
        if (!enabled || keyRejected || !connected.getAsBoolean()) {
            return;
        }
        timer.getKeyFrames().setAll(new KeyFrame(javafx.util.Duration.millis(Math.max(1, delay.toMillis())), e -> {
            tick.run();
            if (!awaiting) {
                schedule(); // nothing ran (a dialog was open, or not connected): try again later
            }
        }));
        timer.setCycleCount(1);
        timer.playFromStart();
    }

    /** The current wait between automatic refreshes (grows while they fail). */
    public Duration delay() {
        return delay;
    }

    public boolean keyRejected() {
        return keyRejected;
    }

    public StringProperty stampProperty() {
        return stamp;
    }

    public StringProperty whyProperty() {
        return why;
    }

    public BooleanProperty staleProperty() {
        return stale;
    }
}
