package dev.cycles.admin.server.auth;

import dev.cycles.admin.server.core.Sha256;

import java.security.MessageDigest;

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
        return Sha256.of(s);
    }
}
