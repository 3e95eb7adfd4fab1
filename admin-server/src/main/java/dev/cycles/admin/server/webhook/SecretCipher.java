package dev.cycles.admin.server.webhook;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encryption at rest for webhook signing secrets and custom header values: AES-256-GCM with a
 * random 96-bit nonce per value and the owning row's id as associated data (a sealed value copied
 * to another row does not open). The key lives in DATA_DIR/webhook-secret.key (mode 0600),
 * generated at first start; losing it makes the stored secrets unreadable (deliveries then fail,
 * and rotating the secret by PATCH repairs a subscription).
 */
public final class SecretCipher {
    public static final String FILE_NAME = "webhook-secret.key";
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("webhook secret key must be 256 bits");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key in {@code dataDir}, created (random, mode 0600) when absent. */
    public static SecretCipher loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!text.isEmpty()) {
                try {
                    return new SecretCipher(Base64.getDecoder().decode(text));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " does not hold a base64 256-bit key", e);
                }
            }
        }
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // an empty file from an interrupted start: overwrite it below
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII);
        return new SecretCipher(k);
    }

    /** {@code plain} encrypted and bound to {@code context} (the row id and field). */
    public String seal(String plain, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plain text of a sealed value; a value sealed with another key or for another row is an error. */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("not a sealed value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("sealed value does not open with this server's key", e);
        }
    }
}
