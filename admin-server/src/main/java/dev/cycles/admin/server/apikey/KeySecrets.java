package dev.cycles.admin.server.apikey;

import dev.cycles.admin.server.core.Sha256;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key secrets: {@code cyc_live_} + 32 base64url characters (192 random bits). Only the SHA-256
 * digest is stored; with this much entropy a slow hash adds latency and no safety.
 */
public final class KeySecrets {
    public static final String LIVE_PREFIX = "cyc_live_";
    public static final int PREFIX_LENGTH = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    public static String newSecret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return LIVE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String newKeyId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "key_" + HexFormat.of().formatHex(b);
    }

    public static String prefixOf(String secret) {
        return secret.substring(0, Math.min(PREFIX_LENGTH, secret.length()));
    }

    /** Whether the text could be one of our secrets at all (saves a lookup for junk). */
    public static boolean looksLikeSecret(String secret) {
        return secret != null && (secret.startsWith(LIVE_PREFIX) || secret.startsWith("cyc_test_"))
                && secret.length() >= 20 && secret.length() <= 128;
    }

    public static String digest(String secret) {
        return HexFormat.of().formatHex(Sha256.of(secret));
    }
}
