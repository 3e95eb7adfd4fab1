package dev.cycles.admin.console.shell;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleLockTest {
    @Test
    void inputKeepsTheSessionAndThirtyMinutesWithoutItLockIt() {
        long[] now = {0};
        IdleLock lock = new IdleLock(() -> now[0], IdleLock.DEFAULT_IDLE, IdleLock.DEFAULT_ABSOLUTE);
        now[0] = Duration.ofHours(1).toMillis();
        assertEquals("", lock.check(), "no session, nothing to lock");
        lock.sessionStarted();
        now[0] += Duration.ofMinutes(29).toMillis();
        lock.input();
        now[0] += Duration.ofMinutes(29).toMillis();
        assertEquals("", lock.check(), "input 29 min ago keeps it");
        now[0] += Duration.ofMinutes(1).toMillis();
        assertEquals("Locked after 30 min without input; enter the admin key to go on.", lock.check());
        lock.sessionEnded();
        assertEquals("", lock.check());
    }

    @Test
    void eightHoursAfterConnectingTheKeyIsAskedEvenWithInput() {
        long[] now = {0};
        IdleLock lock = new IdleLock(() -> now[0], IdleLock.DEFAULT_IDLE, IdleLock.DEFAULT_ABSOLUTE);
        lock.sessionStarted();
        for (int i = 0; i < 8 * 6; i++) {
            now[0] += Duration.ofMinutes(10).toMillis();
            lock.input();
            if (i < 8 * 6 - 1) {
                assertEquals("", lock.check());
            }
        }
        assertTrue(lock.check().startsWith("The session reached its limit of 8 h"), lock.check());
    }
}
