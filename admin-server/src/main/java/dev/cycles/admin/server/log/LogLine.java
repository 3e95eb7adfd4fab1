package dev.cycles.admin.server.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One log line, written whole with one call so lines of concurrent threads never interleave.
 * Text (on stderr, as slf4j-simple wrote it): {@code 2026-01-02T03:04:05.678+0000 [thread] INFO logger - message k=v}.
 * JSON (on stdout, one object per line): timestamp (RFC 3339, UTC, milliseconds), level, logger,
 * thread, message, then each key-value pair as a field, and {@code error} with the stack trace.
 */
record LogLine(long epochMillis, Level level, String logger, String thread, String message, List<KeyValuePair> pairs,
               Throwable error) {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    void write(LogFormat format) {
        if (format == LogFormat.JSON) {
            PrintStream out = System.out;
            out.print(json() + System.lineSeparator());
            out.flush();
        } else {
            PrintStream err = System.err;
            err.print(text());
            err.flush();
        }
    }

    String text() {
        StringBuilder b = new StringBuilder(160);
        b.append(TEXT_TIME.format(Instant.ofEpochMilli(epochMillis))).append(" [").append(thread).append("] ")
                .append(level).append(' ').append(logger).append(" - ").append(message);
        for (KeyValuePair p : pairs) {
            b.append(' ').append(p.key).append('=').append(p.value);
        }
        b.append(System.lineSeparator());
        if (error != null) {
            b.append(stackTrace(error));
        }
        return b.toString();
    }

    String json() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", JSON_TIME.format(Instant.ofEpochMilli(epochMillis)));
            g.writeStringField("level", level.toString());
            g.writeStringField("logger", logger);
            g.writeStringField("thread", thread);
            g.writeStringField("message", message);
            for (KeyValuePair p : pairs) {
                g.writeFieldName(p.key);
                if (p.value instanceof Integer || p.value instanceof Long) {
                    g.writeNumber(((Number) p.value).longValue());
                } else if (p.value instanceof Boolean flag) {
                    g.writeBoolean(flag);
                } else if (p.value == null) {
                    g.writeNull();
                } else {
                    g.writeString(String.valueOf(p.value));
                }
            }
            if (error != null) {
                g.writeStringField("error", stackTrace(error));
            }
            g.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    private static String stackTrace(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }
}
