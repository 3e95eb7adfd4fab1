package dev.cycles.admin.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the admin key comes from: the configuration, or a file in the data folder, generated on
 * the first start when there is none ({@code generated} is true only on that start).
 */
public record AdminKeySource(String key, String description, Path file, boolean generated) {
    static final String FILE_NAME = "admin-api-key";

    public static AdminKeySource resolve(Config config) throws IOException {
        if (config.adminApiKey() != null) {
            return new AdminKeySource(config.adminApiKey(), "ADMIN_API_KEY", null, false);
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        if (Files.exists(file)) {
            String key = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!key.isEmpty()) {
                return new AdminKeySource(key, "file " + file, file, false);
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = "cyc_admin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writePrivate(file, key + "\n");
        return new AdminKeySource(key, "generated into " + file, file, true);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // an empty file from an interrupted start: overwrite it below
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
