package dev.cycles.admin.server.log;

import java.util.Locale;
import java.util.Map;

/** How log lines are written (LOG_FORMAT): readable text on stderr, or one JSON object per line on stdout. */
public enum LogFormat {
    TEXT,
    JSON;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code text} or {@code json} (any case); anything else is refused with the accepted values. */
    public static LogFormat parse(String value) {
        for (LogFormat f : values()) {
            if (f.label().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("LOG_FORMAT must be text or json, got '" + value + "'");
    }

    /**
     * The format asked for, read before the rest of the configuration so that a configuration error
     * is itself reported in that format; JSON only when asked for exactly, TEXT otherwise.
     */
    public static LogFormat requested(Map<String, String> env, String[] args) {
        String value = env.get("LOG_FORMAT");
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--log-format")) {
                value = args[i + 1];
            }
        }
        return value != null && value.trim().equalsIgnoreCase("json") ? JSON : TEXT;
    }
}
