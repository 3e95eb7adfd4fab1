package dev.cycles.admin.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.Json;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two layouts of one event: readable text with the pairs appended, JSON as one flat object. */
class JsonLineLayoutTest {
    private static final long AT = 1_767_323_045_678L; // 2026-01-02T03:04:05.678Z
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String logger, Level level, String message, Throwable error, KeyValuePair... pairs) {
        Logger l = context.getLogger(logger);
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), l, level, message, error, null);
        e.setTimeStamp(AT);
        e.setThreadName("http-7");
        for (KeyValuePair p : pairs) {
            e.addKeyValuePair(p);
        }
        return e;
    }

    @Test
    void textIsTimeThreadLevelLoggerMessageThenThePairs() {
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) LogSetup.textAppender(context).getEncoder();
        String line = new String(encoder.encode(event("cycles.request", Level.WARN, "GET /x 404", null,
                new KeyValuePair("status", 404), new KeyValuePair("plane", "admin"))), StandardCharsets.UTF_8);
        assertEquals("2026-01-02T03:04:05.678+0000 [http-7] WARN cycles.request - GET /x 404 status=404 plane=admin"
                + System.lineSeparator(), line);
        String bare = new String(encoder.encode(event("dev.cycles.X", Level.INFO, "ready", null)), StandardCharsets.UTF_8);
        assertEquals("2026-01-02T03:04:05.678+0000 [http-7] INFO dev.cycles.X - ready" + System.lineSeparator(), bare,
                "no trailing space when there are no pairs");
    }

    @Test
    void jsonIsOneObjectOnOneLineWithTypedFieldsAndTheStackTrace() throws Exception {
        IllegalStateException boom = new IllegalStateException("disk \"full\"\nreally");
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        String json = layout.doLayout(event("dev.cycles.X", Level.ERROR, "failed: \"quoted\"\tand tab", boom,
                new KeyValuePair("status", 500), new KeyValuePair("duration_ms", 12L), new KeyValuePair("tenant", null)));
        assertTrue(json.endsWith(System.lineSeparator()), "one line each");
        String body = json.substring(0, json.length() - System.lineSeparator().length());
        assertTrue(!body.contains("\n") && !body.contains("\r"), body);
        JsonNode n = Json.mapper().readTree(body);
        assertEquals("2026-01-02T03:04:05.678Z", n.path("timestamp").asText());
        assertEquals("ERROR", n.path("level").asText());
        assertEquals("dev.cycles.X", n.path("logger").asText());
        assertEquals("http-7", n.path("thread").asText());
        assertEquals("failed: \"quoted\"\tand tab", n.path("message").asText());
        assertTrue(n.path("status").isIntegralNumber());
        assertEquals(500, n.path("status").asInt());
        assertEquals(12, n.path("duration_ms").asLong());
        assertTrue(n.path("tenant").isNull());
        assertTrue(n.path("error").asText().startsWith("java.lang.IllegalStateException: disk \"full\"\nreally"), n.toString());
        assertTrue(n.path("error").asText().contains("JsonLineLayoutTest"), "the stack trace is kept");
    }
}
