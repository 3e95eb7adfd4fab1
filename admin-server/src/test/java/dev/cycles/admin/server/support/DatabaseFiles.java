package dev.cycles.admin.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the database takes on disk: the SQLite file with its WAL and shared-memory files. */
public final class DatabaseFiles {
    private DatabaseFiles() {
    }

    public static long bytes(Path dataDir) throws IOException {
        long total = 0;
        for (String name : new String[]{"cycles-admin.db", "cycles-admin.db-wal", "cycles-admin.db-shm"}) {
            Path p = dataDir.resolve(name);
            if (Files.exists(p)) {
                total += Files.size(p);
            }
        }
        return total;
    }
}
