package dev.cycles.admin.console.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The console's own preferences (theme, auto-refresh, window place and size, split-pane dividers,
 * the last connection), in console-settings.properties of its data folder. Never a secret: the
 * admin key stays in the profile store, and only when the operator asked to save it.
 */
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

    /** Idle time before the session locks: idle.minutes in the settings file (default 30). */
    public java.time.Duration idleLimit() {
        return java.time.Duration.ofMinutes(positive(props.getProperty("idle.minutes"), 30));
    }

    /** Longest session before the key is asked again: session.hours in the settings file (default 8). */
    public java.time.Duration sessionLimit() {
        return java.time.Duration.ofHours(positive(props.getProperty("session.hours"), 8));
    }

    private static long positive(String text, long fallback) {
        try {
            long v = text == null ? fallback : Long.parseLong(text.trim());
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean autoRefresh() {
        return Boolean.parseBoolean(props.getProperty("autoRefresh", "false"));
    }

    public void setAutoRefresh(boolean on) {
        props.setProperty("autoRefresh", Boolean.toString(on));
        save();
    }

    /** Window x, y, width, height as last closed (null before the first close). */
    public double[] windowBounds() {
        double[] b = doubles(props.getProperty("window.bounds"));
        return b != null && b.length == 4 && b[2] > 0 && b[3] > 0 ? b : null;
    }

    public boolean windowMaximized() {
        return Boolean.parseBoolean(props.getProperty("window.maximized", "false"));
    }

    /** Kept in memory; written by {@link #save()} (the window calls it when it closes). */
    public void setWindow(double x, double y, double w, double h, boolean maximized) {
        props.setProperty("window.bounds", x + "," + y + "," + w + "," + h);
        props.setProperty("window.maximized", Boolean.toString(maximized));
    }

    /** Divider positions of one screen's split pane (null: the screen's defaults). */
    public double[] dividers(String screen) {
        return doubles(props.getProperty("split." + screen));
    }

    /** Kept in memory; written by {@link #save()}. */
    public void setDividers(String screen, double[] positions) {
        StringBuilder sb = new StringBuilder();
        for (double d : positions) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.4f", d));
        }
        props.setProperty("split." + screen, sb.toString());
    }

    /** The last connection that succeeded: profile name and server URL (never the key). */
    public String lastProfile() {
        return props.getProperty("last.profile", "");
    }

    public String lastUrl() {
        return props.getProperty("last.url", "");
    }

    public void setLastConnection(String profile, String url) {
        props.setProperty("last.profile", profile == null ? "" : profile);
        props.setProperty("last.url", url == null ? "" : url);
        save();
    }

    private static double[] doubles(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String[] parts = text.split(",");
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Double.parseDouble(parts[i].trim());
            }
            return out;
        } catch (NumberFormatException e) {
            return null; // hand-edited or damaged: the defaults
        }
    }

    public Path file() {
        return file;
    }

    public void save() {
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
