package dev.cycles.admin.server.log;

import org.slf4j.event.Level;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * The lowest level each logger writes. Read from {@code cycles-log.properties} on the class path
 * ({@code default=info}, {@code org.eclipse.jetty=warn}: the longest matching name prefix wins);
 * a system property {@code cycles.log.<prefix>=level} overrides the file (tests turn on the
 * request log with it).
 */
final class LogLevels {
    static final String RESOURCE = "cycles-log.properties";
    private static final String OVERRIDE = "cycles.log.";

    private final Properties levels = new Properties();

    LogLevels() {
        try (InputStream in = LogLevels.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                levels.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(OVERRIDE)) {
                levels.setProperty(name.substring(OVERRIDE.length()), System.getProperty(name));
            }
        }
    }

    /** The level for {@code logger}; null means nothing is written (level {@code off}). */
    Level levelOf(String logger) {
        String name = logger;
        while (true) {
            String value = levels.getProperty(name);
            if (value != null) {
                return parse(value);
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return parse(levels.getProperty("default", "info"));
            }
            name = name.substring(0, dot);
        }
    }

    private static Level parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.equals("OFF") ? null : Level.valueOf(v);
    }
}
