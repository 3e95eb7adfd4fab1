package dev.cycles.admin.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The operator's admin key, compared in constant time (digests first, so length leaks nothing). */
public final class AdminKey {
    private final byte[] digest;

    public AdminKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the admin key must not be empty");
        }
        this.digest = sha256(key);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
