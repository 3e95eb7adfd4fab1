package dev.cycles.admin.server.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value read under a tag is reused only if no admin write began since, and none is under way. */
class AdminWritesTest {

    @Test
    void aTagStaysCurrentUntilAWriteBegins() {
        AdminWrites w = new AdminWrites();
        long tag = w.tag();
        assertTrue(w.current(tag));
        w.begin();
        assertFalse(w.current(tag), "a write under way may already have committed");
        w.end();
        assertFalse(w.current(tag), "a write done since the read");
        assertTrue(w.current(w.tag()));
    }

    @Test
    void aValueReadWhileAWriteRunsIsNeverReused() {
        AdminWrites w = new AdminWrites();
        w.begin();
        long during = w.tag();
        assertFalse(w.current(during));
        w.end();
        assertFalse(w.current(during), "read before the write's commit, or after it: unknown, so stale");
    }

    @Test
    void overlappingWritesKeepEverythingStaleUntilTheLastEnds() {
        AdminWrites w = new AdminWrites();
        w.begin();
        w.begin();
        w.end();
        long tag = w.tag();
        assertFalse(w.current(tag), "one write still under way");
        w.end();
        assertFalse(w.current(tag));
        long after = w.tag();
        assertTrue(w.current(after));
    }

    @Test
    void withOtherServersOnTheDatabaseNothingIsEverReused() {
        AdminWrites w = new AdminWrites(true);
        assertFalse(w.current(w.tag()), "another server may have written since, unseen here");
        w.begin();
        w.end();
        assertFalse(w.current(w.tag()));
    }
}
