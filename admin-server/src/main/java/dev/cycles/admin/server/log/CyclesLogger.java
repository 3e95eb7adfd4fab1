package dev.cycles.admin.server.log;

import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

import java.util.Arrays;
import java.util.List;

/**
 * One named logger with a fixed level. Plain calls ({@code LOG.warn("...{}", x)}) and the fluent
 * API with key-value pairs ({@code LOG.atInfo().addKeyValue("status", 200).log(...)}) both end
 * in one {@link LogLine}; the pairs become fields of a JSON line or {@code key=value} in text.
 */
final class CyclesLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    /** Null when the logger is off. */
    private final Level threshold;

    CyclesLogger(String name, Level threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    private boolean enabled(Level level) {
        return threshold != null && level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        write(level, pattern, arguments, throwable, List.of());
    }

    @Override
    public void log(LoggingEvent event) {
        if (enabled(event.getLevel())) {
            List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
            write(event.getLevel(), event.getMessage(), event.getArgumentArray(), event.getThrowable(), pairs);
        }
    }

    private void write(Level level, String pattern, Object[] arguments, Throwable throwable, List<KeyValuePair> pairs) {
        Object[] args = arguments;
        Throwable cause = throwable;
        if (cause == null && args != null) {
            cause = MessageFormatter.getThrowableCandidate(args);
            if (cause != null) {
                args = Arrays.copyOf(args, args.length - 1);
            }
        }
        String message = args == null || args.length == 0 ? pattern : MessageFormatter.basicArrayFormat(pattern, args);
        new LogLine(System.currentTimeMillis(), level, name, Thread.currentThread().getName(), message, pairs, cause)
                .write(Logs.format());
    }
}
