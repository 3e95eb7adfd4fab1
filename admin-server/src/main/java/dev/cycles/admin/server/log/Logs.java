package dev.cycles.admin.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The process-wide log format and levels, over logback as {@link LogSetup} configured it. When
 * slf4j is bound to something else (an application embedding the server), these calls change
 * nothing and the embedding application's own configuration stands.
 */
public final class Logs {
    public static final String REQUEST_LOGGER = "cycles.request";
    private static volatile LogFormat format = LogFormat.TEXT;

    private Logs() {
    }

    /** From now on every log line is written in {@code f}; set once at start-up. */
    public static synchronized void use(LogFormat f) {
        LoggerContext context = context();
        if (context != null && f != format) {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.detachAndStopAllAppenders();
            root.addAppender(f == LogFormat.JSON ? LogSetup.jsonAppender(context) : LogSetup.textAppender(context));
        }
        format = f;
    }

    public static LogFormat format() {
        return format;
    }

    /**
     * Turns the request log (logger {@code cycles.request}) on or off, unless the JVM was started
     * with {@code -Dcycles.log.cycles.request=LEVEL}, which wins as it does for every logger.
     */
    public static void requests(boolean on) {
        LoggerContext context = context();
        if (context != null && System.getProperty("cycles.log." + REQUEST_LOGGER) == null) {
            context.getLogger(REQUEST_LOGGER).setLevel(on ? Level.INFO : Level.OFF);
        }
    }

    private static LoggerContext context() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof LoggerContext context ? context : null;
    }
}
