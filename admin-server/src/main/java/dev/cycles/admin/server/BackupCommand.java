package dev.cycles.admin.server;

import dev.cycles.admin.server.db.Backup;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code backup <target-file> [--data-dir DIR]}: an online, consistent copy of the database. */
final class BackupCommand {
    private BackupCommand() {
    }

    static int run(String[] args) {
        if (args.length < 2 || args[1].startsWith("--")) {
            System.err.println("Usage: java -jar cycles-admin-server.jar backup <target-file> [--data-dir DIR]");
            return 2;
        }
        try {
            Config config = Config.from(System.getenv(), Arrays.copyOfRange(args, 2, args.length));
            if (config.onPostgres()) {
                System.err.println("DATABASE_URL names a PostgreSQL database; back it up with pg_dump (README, \"Backups\")");
                return 2;
            }
            Path target = Path.of(args[1]);
            Backup.snapshotFile(config.databaseFile(), target);
            System.out.println("Backed up " + config.databaseFile().toAbsolutePath() + " to " + target.toAbsolutePath());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("Backup failed: " + e.getMessage());
            return 1;
        }
    }
}
