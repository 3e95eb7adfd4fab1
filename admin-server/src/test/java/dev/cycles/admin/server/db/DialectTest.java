package dev.cycles.admin.server.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DialectTest {
    @Test
    void onlyPostgresqlLocksTheRowsItPicksAndPassesOverLockedOnes() {
        assertEquals("", Dialect.SQLITE.lockRowsSkipLocked());
        assertEquals(" FOR UPDATE SKIP LOCKED", Dialect.POSTGRESQL.lockRowsSkipLocked());
    }

    @Test
    void aJsonFieldIsReadWithEachDatabasesOwnFunction() {
        assertEquals("json_extract(subject, '$.tenant')", Dialect.SQLITE.jsonText("subject", "tenant"));
        assertEquals("(subject::json ->> 'tenant')", Dialect.POSTGRESQL.jsonText("subject", "tenant"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.POSTGRESQL.jsonText("subject", "x') OR 1=1 --"));
    }
}
