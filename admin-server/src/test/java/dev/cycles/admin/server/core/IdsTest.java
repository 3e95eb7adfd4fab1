package dev.cycles.admin.server.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class IdsTest {

    @Test
    void traceIdsAreW3cShapedUniqueAndOrderedByTheMillisecondTheyWereMade() throws InterruptedException {
        Set<String> seen = new HashSet<>();
        String previous = Ids.newTraceId();
        for (int i = 0; i < 20_000; i++) {
            String id = Ids.newTraceId();
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            assertNotEquals("0".repeat(32), id);
            assertTrue(seen.add(id), "repeated " + id);
        }
        Thread.sleep(2);
        String later = Ids.newTraceId();
        assertTrue(later.compareTo(previous) > 0, later + " sorts after " + previous);
        long millis = Long.parseLong(later.substring(0, 12), 16);
        assertTrue(Math.abs(System.currentTimeMillis() - millis) < 60_000, "the first 12 digits are the time: " + millis);
    }

    @Test
    void rowIdsKeepTheirPrefixAndShape() {
        String random = Ids.newId("whk_");
        assertTrue(random.matches("whk_[0-9a-f]{32}"), random);
        assertNotEquals(random, Ids.newId("whk_"));
        String ordered = Ids.newTimeOrderedId("evt_", 1_700_000_000_000L);
        assertTrue(ordered.matches("evt_[0-9a-f]{32}"), ordered);
        assertEquals(1_700_000_000_000L, Long.parseLong(ordered.substring(4, 16), 16));
        UUID request = UUID.fromString(Ids.newRequestId());
        assertEquals(7, request.version());
    }
}
