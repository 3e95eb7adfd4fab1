package dev.cycles.admin.console.common;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cycles.admin.console.client.AdminClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named filter sets per screen ("Saved filters"), in saved-filters.json of the console's data
 * folder, beside console-settings.properties: {"budgets": {"prod over limit": {"tenant": "acme",
 * "over_limit": "true"}}}. Written on every change (through a temp file, so a crash never leaves
 * half a file), read once at start; an unreadable file starts empty rather than failing the console.
 */
public final class SavedFilters {
    private static final TypeReference<LinkedHashMap<String, LinkedHashMap<String, LinkedHashMap<String, String>>>> TYPE =
            new TypeReference<>() { };
    private final Path file;
    private final ObjectMapper mapper = AdminClient.mapper();
    private final LinkedHashMap<String, LinkedHashMap<String, LinkedHashMap<String, String>>> byScreen;

    public SavedFilters(Path dataDir) {
        this.file = dataDir.resolve("saved-filters.json");
        LinkedHashMap<String, LinkedHashMap<String, LinkedHashMap<String, String>>> read = null;
        if (Files.isRegularFile(file)) {
            try {
                read = mapper.readValue(file.toFile(), TYPE);
            } catch (IOException ignored) {
                // damaged or hand-edited: start empty (the next save rewrites it)
            }
        }
        byScreen = read == null ? new LinkedHashMap<>() : read;
    }

    /** The saved names of one screen, in the order they were first saved. */
    public List<String> names(String screen) {
        return new ArrayList<>(byScreen.getOrDefault(screen, new LinkedHashMap<>()).keySet());
    }

    public Optional<Map<String, String>> get(String screen, String name) {
        Map<String, String> f = byScreen.getOrDefault(screen, new LinkedHashMap<>()).get(name);
        return f == null ? Optional.empty() : Optional.of(Map.copyOf(f));
    }

    public boolean has(String screen, String name) {
        return get(screen, name).isPresent();
    }

    /** Saves (or replaces) {@code name}; a blank name is refused. */
    public void save(String screen, String name, Map<String, String> filters) throws IOException {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("A saved filter needs a name");
        }
        byScreen.computeIfAbsent(screen, s -> new LinkedHashMap<>()).put(n, new LinkedHashMap<>(filters));
        write();
    }

    public void delete(String screen, String name) throws IOException {
        LinkedHashMap<String, LinkedHashMap<String, String>> m = byScreen.get(screen);
        if (m != null && m.remove(name) != null) {
            if (m.isEmpty()) {
                byScreen.remove(screen);
            }
            write();
        }
    }

    public Path file() {
        return file;
    }

    private void write() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), byScreen);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
