package dev.cycles.admin.server.db;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A migration file that is not in the ordered list would silently never run. */
class MigrationListTest {

    @Test
    void everyMigrationFileIsListedInOrder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
            assertEquals(names, Migrations.SCRIPTS);
        }
    }
}
