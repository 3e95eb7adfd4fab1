package dev.cycles.admin.server.log;

/**
 * The process-wide log format. slf4j is bound to {@link CyclesLogProvider}, so every line the
 * server, Jetty and Spark write goes through {@link LogLine} in this format.
 */
public final class Logs {
    private static volatile LogFormat format = LogFormat.TEXT;

    private Logs() {
    }

    /** From now on every log line is written in {@code f}; set once at start-up. */
    public static void use(LogFormat f) {
        format = f;
    }

    public static LogFormat format() {
        return format;
    }
}
