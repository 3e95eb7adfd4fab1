package dev.cycles.admin.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Logback's configuration, done in code (found through META-INF/services) rather than from an XML
 * file: it spares the XML parser at start-up and keeps the two formats in one place. Text goes to
 * stderr, JSON to stdout; {@link Logs#use} switches between them once the configuration is read.
 *
 * <p>Levels come from {@code cycles-log.properties} ({@code default=info},
 * {@code org.eclipse.jetty=warn}, ...); a system property {@code cycles.log.<logger>=level}
 * overrides the file, which is how tests and the console quiet the request log.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String TEXT = "text";
    static final String JSON = "json";
    private static final String LEVELS = "cycles-log.properties";
    private static final String OVERRIDE = "cycles.log.";
    private static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSZ,UTC} [%thread] %level %logger - %msg%replace( %kvp{NONE}){'^ $', ''}%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(textAppender(context));
        applyLevels(context, levels());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static ConsoleAppender<ILoggingEvent> textAppender(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return console(context, TEXT, "System.err", encoder);
    }

    static ConsoleAppender<ILoggingEvent> jsonAppender(LoggerContext context) {
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return console(context, JSON, "System.out", encoder);
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name, String target,
                                                         ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static Properties levels() {
        Properties levels = new Properties();
        try (InputStream in = LogSetup.class.getClassLoader().getResourceAsStream(LEVELS)) {
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
        return levels;
    }

    private static void applyLevels(LoggerContext context, Properties levels) {
        for (String name : levels.stringPropertyNames()) {
            Level level = Level.toLevel(levels.getProperty(name).trim(), Level.INFO);
            context.getLogger(name.equals("default") ? Logger.ROOT_LOGGER_NAME : name).setLevel(level);
        }
    }
}
