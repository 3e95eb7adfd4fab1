package dev.cycles.admin.console.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cycles.admin.console.client.AdminClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Saved connection profiles in {@code console-profiles.json} in the console's data folder (mode 0600). */
public final class ProfileStore {
    private final Path file;

    public ProfileStore(Path dataDir) {
        this.file = dataDir.resolve("console-profiles.json");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public List<Profile> load() {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(AdminClient.mapper().readValue(file.toFile(), new TypeReference<List<Profile>>() { }));
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }

    public void save(List<Profile> profiles) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, AdminClient.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(profiles));
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
