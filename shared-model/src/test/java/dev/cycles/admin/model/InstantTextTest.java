package dev.cycles.admin.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstantTextTest {

    @Test
    void sameTextAsInstantToStringAcrossTheRange() {
        SplittableRandom random = new SplittableRandom(16);
        long end = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(0, end + 1));
            assertEquals(t.toString(), InstantText.of(t));
            Instant whole = Instant.ofEpochSecond(t.getEpochSecond());
            assertEquals(whole.toString(), InstantText.of(whole));
        }
    }

    @Test
    void edgesAndInstantsOutsideTheFastPath() {
        for (String s : List.of("1970-01-01T00:00:00Z", "1970-01-01T00:00:00.001Z", "1999-12-31T23:59:59.999Z",
                "2000-02-29T12:00:00Z", "2024-02-29T23:59:59.500Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "2026-01-01T00:00:00.000001Z", "2026-01-01T00:00:00.123456789Z", "2026-01-01T00:00:00.120Z")) {
            Instant t = Instant.parse(s);
            assertEquals(t.toString(), InstantText.of(t), s);
        }
        assertEquals(Instant.MAX.toString(), InstantText.of(Instant.MAX));
        assertEquals(Instant.MIN.toString(), InstantText.of(Instant.MIN));
    }

    @Test
    void theSharedMapperWritesInstantsAsInstantToString() throws Exception {
        Instant ms = Instant.parse("2026-12-03T17:26:32.123Z");
        Instant micros = Instant.parse("2026-12-03T17:26:32.123456Z");
        Map<String, Object> value = Map.of("a", ms, "b", List.of(micros, Instant.EPOCH));
        String json = Json.mapper().writeValueAsString(value);
        assertEquals(Json.mapper().readTree("{\"a\":\"" + ms + "\",\"b\":[\"" + micros + "\",\"" + Instant.EPOCH + "\"]}"),
                Json.mapper().readTree(json));
        assertEquals("\"2026-12-03T17:26:32.123Z\"", Json.mapper().writeValueAsString(ms));
        assertEquals("\"1970-01-01T00:00:00Z\"", Json.mapper().writeValueAsString(Instant.EPOCH));
        assertEquals(InstantText.Serializer.class,
                Json.mapper().getSerializerProviderInstance().findValueSerializer(Instant.class).getClass());
        // Timestamps on (not this system's setting) still get Jackson's own numeric form.
        assertEquals(ms.getEpochSecond() + ".123000000", Json.mapper()
                .writer(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(ms));
        assertEquals(ms, Json.mapper().readValue("\"" + InstantText.of(ms) + "\"", Instant.class));
    }
}
