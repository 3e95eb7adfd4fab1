package dev.cycles.admin.console.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The console's own preferences (theme, auto-refresh), in console-settings.properties of its data folder. */
public final class Settings {
    private final Path file;
    private final Properties props = new Properties();

    public Settings(Path dataDir) {
        this.file = dataDir.resolve("console-settings.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException ignored) {
                // unreadable settings: start from the defaults
            }
        }
    }

    public boolean darkTheme() {
        return "dark".equals(props.getProperty("theme"));
    }

    public void setDarkTheme(boolean dark) {
        props.setProperty("theme", dark ? "dark" : "light");
        save();
    }

    public boolean autoRefresh() {
        return Boolean.parseBoolean(props.getProperty("autoRefresh", "false"));
    }

    public void setAutoRefresh(boolean on) {
        props.setProperty("autoRefresh", Boolean.toString(on));
        save();
    }

    public Path file() {
        return file;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Cycles Admin console settings");
            }
        } catch (IOException ignored) {
            // not fatal: the choice holds for this session
        }
    }
}
