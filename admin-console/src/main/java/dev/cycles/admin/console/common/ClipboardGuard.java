package dev.cycles.admin.console.common;

import javafx.animation.PauseTransition;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.time.Duration;

/**
 * A secret copied to the clipboard does not stay there: after {@link #secretTtl()} the clipboard is
 * cleared, but only if it still holds that secret (whatever the operator copied since is left alone).
 */
public final class ClipboardGuard {
    private static Duration secretTtl = Duration.ofSeconds(30);

    private ClipboardGuard() {
    }

    public static Duration secretTtl() {
        return secretTtl;
    }

    /** How long a copied secret stays (tests shorten it). */
    public static void secretTtl(Duration ttl) {
        secretTtl = ttl;
    }

    /** Copies {@code secret} and schedules its removal. Call on the FX thread. */
    public static void copySecret(String secret) {
        ClipboardContent c = new ClipboardContent();
        c.putString(secret);
        Clipboard.getSystemClipboard().setContent(c);
        PauseTransition later = new PauseTransition(javafx.util.Duration.millis(secretTtl.toMillis()));
        later.setOnFinished(e -> clearIfStill(secret));
        later.play();
    }

    /** Empties the clipboard when it still holds {@code secret}; true when it did. */
    public static boolean clearIfStill(String secret) {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasString() && secret.equals(cb.getString())) {
            cb.clear();
            return true;
        }
        return false;
    }
}
