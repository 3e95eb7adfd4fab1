package dev.cycles.admin.server.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A migration's version is its file number, and any listed script not yet recorded runs: a
 * database that ran a later script (V006) before an earlier one (V005, from another branch)
 * still gets the earlier one, once.
 */
class MigrationOrderTest {

    @Test
    void versionsAreFileNumbersAndAMissingEarlierScriptStillRuns() throws Exception {
        Path dir = Files.createTempDirectory("migration-order");
        Path file = dir.resolve("m.db");
        try (Database db = Database.sqlite(file, 1)) {
            List<Integer> versions = db.read(c -> Sql.query(c, "SELECT version FROM schema_version ORDER BY version", List.of(),
                    rs -> rs.getInt(1)));
            assertEquals(Migrations.SCRIPTS.stream().map(Migrations::version).toList(), versions);
            // Pretend V004 arrived after V006 was applied (as V005 will from the webhook branch).
            db.write(c -> {
                Sql.update(c, "DELETE FROM schema_version WHERE version = 4");
                for (String index : List.of("events_time_seq", "events_tenant_time_seq", "events_category_time", "events_scope", "events_request")) {
                    Sql.update(c, "DROP INDEX " + index);
                }
                return null;
            });
        }
        try (Database db = Database.sqlite(file, 1)) {
            assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM schema_version WHERE version = 4")));
            assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM schema_version WHERE version = 6")));
            assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_scope'")));
        }
    }
}
