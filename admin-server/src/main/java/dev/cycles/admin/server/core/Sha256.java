package dev.cycles.admin.server.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 with one digest instance per thread. {@code MessageDigest.getInstance} walks the
 * security providers on every call, which cost more than hashing a short key or query string
 * (it showed as ~3 % of the CPU of a GET with the admin key).
 */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Sha256() {
    }

    /** The digest of {@code bytes}; {@code digest()} resets the instance, so every call starts clean. */
    public static byte[] of(byte[] bytes) {
        return DIGEST.get().digest(bytes);
    }

    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
