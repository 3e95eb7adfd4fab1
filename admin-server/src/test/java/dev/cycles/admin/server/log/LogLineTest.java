package dev.cycles.admin.server.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.model.Json;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two layouts of one line: text as slf4j-simple wrote it, JSON as one object with the pairs as fields. */
class LogLineTest {
    private static final long AT = 1_767_323_045_678L; // 2026-01-02T03:04:05.678Z

    @Test
    void textKeepsTheSimpleLayoutAndAppendsThePairs() {
        LogLine line = new LogLine(AT, Level.WARN, "cycles.request", "http-7", "GET /x 404",
                List.of(new KeyValuePair("status", 404), new KeyValuePair("plane", "admin")), null);
        assertEquals("2026-01-02T03:04:05.678+0000 [http-7] WARN cycles.request - GET /x 404 status=404 plane=admin"
                + System.lineSeparator(), line.text());
    }

    @Test
    void jsonIsOneObjectOnOneLineWithTypedFieldsAndTheStackTrace() throws Exception {
        IllegalStateException boom = new IllegalStateException("disk \"full\"\nreally");
        LogLine line = new LogLine(AT, Level.ERROR, "dev.cycles.X", "main", "failed: \"quoted\"\tand tab",
                List.of(new KeyValuePair("status", 500), new KeyValuePair("duration_ms", 12L), new KeyValuePair("tenant", null)),
                boom);
        String json = line.json();
        assertTrue(!json.contains("\n") && !json.contains("\r"), json);
        JsonNode n = Json.mapper().readTree(json);
        assertEquals("2026-01-02T03:04:05.678Z", n.path("timestamp").asText());
        assertEquals("ERROR", n.path("level").asText());
        assertEquals("dev.cycles.X", n.path("logger").asText());
        assertEquals("failed: \"quoted\"\tand tab", n.path("message").asText());
        assertTrue(n.path("status").isIntegralNumber());
        assertEquals(500, n.path("status").asInt());
        assertEquals(12, n.path("duration_ms").asLong());
        assertTrue(n.path("tenant").isNull());
        assertTrue(n.path("error").asText().startsWith("java.lang.IllegalStateException: disk \"full\"\nreally"), n.toString());
        assertTrue(n.path("error").asText().contains("LogLineTest"), "the stack trace is kept");
    }
}
