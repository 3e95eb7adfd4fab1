package dev.cycles.admin.server.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class ReadCacheTest {
    private final AtomicLong generation = new AtomicLong(7);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String v) {
        loads.incrementAndGet();
        return v;
    }

    @Test
    void answersRepeatUntilTheGenerationMoves() {
        ReadCache<String, String> cache = new ReadCache<>(generation::get, 10);
        assertEquals("a1", cache.get("a", () -> load("a1")));
        assertEquals("a1", cache.get("a", () -> load("a2")));
        assertEquals(1, loads.get());

        generation.incrementAndGet();
        assertEquals("a2", cache.get("a", () -> load("a2")), "a write ended: the old answer must not be served");
        assertEquals(2, loads.get());
    }

    @Test
    void keysAreSeparate() {
        ReadCache<String, String> cache = new ReadCache<>(generation::get, 10);
        assertEquals("tenant-a", cache.get("a", () -> load("tenant-a")));
        assertEquals("tenant-b", cache.get("b", () -> load("tenant-b")));
        assertEquals("tenant-a", cache.get("a", () -> load("x")));
        assertEquals(2, loads.get());
    }

    @Test
    void anUnknownGenerationIsNeverCached() {
        ReadCache<String, String> cache = new ReadCache<>(() -> ReadCache.UNKNOWN, 10);
        cache.get("a", () -> load("1"));
        assertEquals("2", cache.get("a", () -> load("2")));
        assertEquals(2, loads.get());
    }

    @Test
    void keepsAtMostItsLimit() {
        ReadCache<Integer, String> cache = new ReadCache<>(generation::get, 3);
        for (int i = 0; i < 5; i++) {
            int k = i;
            cache.get(k, () -> load("v" + k));
        }
        for (int i = 0; i < 5; i++) {
            int k = i;
            cache.get(k, () -> load("v" + k));
        }
        assertEquals(5 + 2, loads.get(), "the first 3 keys stay, the last 2 are loaded each time");
    }
}
